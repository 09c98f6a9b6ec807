// Delivers one matched event to one rule target: CloudWatch Logs log groups and Amazon ECS RunTask.
import type { SandboxEnv } from '../../env.js';
import { isAwsError } from '../../aws-error.js';
import { runTaskInput } from '../scheduler/run-task-input.js';
import type { Json, RuleRecord } from './events-state.js';

/** What became of a delivery (GET /_cortado/events/deliveries). */
export interface DeliveryRecord {
  readonly rule: string;
  readonly targetId: string;
  readonly targetArn: string;
  readonly eventId: string;
  readonly outcome: 'DELIVERED' | 'FAILED';
  readonly error?: string;
  /** Where it went: the log group and stream, or the tasks RunTask started. */
  readonly detail?: Json;
}

const LOG_GROUP = /^arn:aws[\w-]*:logs:[^:]+:\d{12}:log-group:([^:]+)(:\*)?$/;
const ECS_CLUSTER = /^arn:aws[\w-]*:ecs:[^:]+:\d{12}:cluster\/.+$/;

/** `$.detail.lastStatus` → the value there (undefined when a step is missing). */
export function jsonPath(event: unknown, path: string): unknown {
  if (path === '$') return event;
  if (!path.startsWith('$.')) return undefined;
  let v: unknown = event;
  for (const step of path.slice(2).split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[step];
  }
  return v;
}

/** The text a target receives: its Input, the InputPath's value, an InputTransformer's template, or the event. */
export function targetPayload(target: Json, event: Json, rule: RuleRecord): string {
  if (typeof target.Input === 'string') return target.Input;
  if (typeof target.InputPath === 'string') return JSON.stringify(jsonPath(event, target.InputPath) ?? null);
  const transformer = target.InputTransformer as { InputPathsMap?: Record<string, string>; InputTemplate: string } | undefined;
  if (!transformer) return JSON.stringify(event);
  const values: Record<string, unknown> = {
    'aws.events.rule-arn': rule.arn,
    'aws.events.rule-name': rule.name,
    'aws.events.event.ingestion-time': event.time,
    'aws.events.event': event,
    'aws.events.event.json': event,
  };
  for (const [name, path] of Object.entries(transformer.InputPathsMap ?? {})) values[name] = jsonPath(event, path);
  return transformer.InputTemplate.replace(/<([\w.-]+)>/g, (whole, name: string) => {
    if (!(name in values)) return whole;
    const v = values[name];
    return typeof v === 'string' ? v : JSON.stringify(v ?? null);
  });
}

export async function deliver(env: SandboxEnv, rule: RuleRecord, target: Json, event: Json): Promise<DeliveryRecord> {
  const arn = target.Arn as string;
  const base = { rule: rule.name, targetId: target.Id as string, targetArn: arn, eventId: String(event.id) };
  const fail = (error: string): DeliveryRecord => ({ ...base, outcome: 'FAILED', error });
  const payload = targetPayload(target, event, rule);

  const group = LOG_GROUP.exec(arn)?.[1];
  if (group !== undefined) {
    const logs = env.seams.logs;
    if (!logs || !logs.groupExists(group)) return fail(`ResourceNotFoundException: The specified log group does not exist: ${group}`);
    // One stream per event, named by the event's id.
    const stream = String(event.id);
    logs.append(group, stream, [{ timestamp: Date.parse(String(event.time)) || env.clock.now().getTime(), message: payload }]);
    return { ...base, outcome: 'DELIVERED', detail: { logGroupName: group, logStreamName: stream } };
  }

  if (ECS_CLUSTER.test(arn)) {
    const caller = env.seams.caller;
    if (!caller || !target.EcsParameters) return fail('ValidationException: An Amazon ECS target needs EcsParameters.');
    const overrides = target.Input !== undefined || target.InputTransformer !== undefined;
    try {
      const input = runTaskInput({ ...target, Input: overrides ? payload : undefined }, 'events');
      const out = (await caller.call('ecs', 'RunTask', input)) as Json;
      const tasks = ((out.tasks as Json[] | undefined) ?? []).map((t) => t.taskArn);
      return { ...base, outcome: tasks.length ? 'DELIVERED' : 'FAILED', detail: { tasks, failures: out.failures } };
    } catch (e) {
      return fail(isAwsError(e) ? `${e.code}: ${e.message}` : String(e));
    }
  }
  return fail(`cortado local delivers rule targets only to CloudWatch Logs log groups and Amazon ECS clusters, not ${arn}`);
}
