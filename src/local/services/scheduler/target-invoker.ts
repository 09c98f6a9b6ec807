// One invocation of a schedule's target: the templated Amazon ECS RunTask and EventBridge PutEvents targets.
import { isAwsError } from '../../aws-error.js';
import type { ServiceCaller } from '../../env.js';
import { runTaskInput } from './run-task-input.js';
import type { Json } from './scheduler-state.js';

export type InvocationResult =
  | { readonly kind: 'ok'; readonly detail: Json }
  /** `retryable`: throttling and server errors are retried per the RetryPolicy; the rest go to the DLQ at once. */
  | { readonly kind: 'failed'; readonly code: string; readonly message: string; readonly retryable: boolean };

const failed = (code: string, message: string, retryable = false): InvocationResult => ({ kind: 'failed', code, message, retryable });

const ECS_CLUSTER = /^arn:aws[\w-]*:ecs:[^:]+:\d{12}:cluster\/.+$/;
const EVENT_BUS = /^arn:aws[\w-]*:events:[^:]+:\d{12}:event-bus\/.+$/;

async function call(caller: ServiceCaller, service: string, operation: string, input: Json): Promise<InvocationResult> {
  try {
    return { kind: 'ok', detail: (await caller.call(service, operation, input)) as Json };
  } catch (e) {
    if (!isAwsError(e)) return failed('InternalFailure', e instanceof Error ? e.message : String(e), true);
    return failed(e.code, e.message, e.status >= 500 || /Throttl|TooManyRequests|RequestLimitExceeded/.test(e.code));
  }
}

export async function invokeTarget(caller: ServiceCaller | undefined, target: Json): Promise<InvocationResult> {
  if (!caller) return failed('InternalFailure', 'cortado local has no service to deliver to', true);
  const arn = target.Arn as string;
  if (ECS_CLUSTER.test(arn)) {
    if (!target.EcsParameters) return failed('ValidationException', 'An Amazon ECS target needs EcsParameters.');
    let input: Json;
    try {
      input = runTaskInput(target, 'scheduler');
    } catch {
      return failed('ValidationException', 'The target Input is not valid JSON for RunTask overrides.');
    }
    const out = await call(caller, 'ecs', 'RunTask', input);
    if (out.kind === 'ok') {
      const failures = (out.detail.failures as Json[] | undefined) ?? [];
      const tasks = (out.detail.tasks as Json[] | undefined) ?? [];
      if (tasks.length === 0 && failures.length > 0)
        return failed('RunTaskFailure', failures.map((f) => `${String(f.arn ?? '')} ${String(f.reason ?? '')}`.trim()).join('; '));
    }
    return out;
  }
  if (EVENT_BUS.test(arn)) {
    const p = (target.EventBridgeParameters ?? {}) as Json;
    const entry = { EventBusName: arn, Source: p.Source, DetailType: p.DetailType, Detail: target.Input ?? '{}' };
    const out = await call(caller, 'events', 'PutEvents', { Entries: [entry] });
    if (out.kind === 'ok' && Number(out.detail.FailedEntryCount ?? 0) > 0)
      return failed('PutEventsFailure', JSON.stringify(out.detail.Entries));
    return out;
  }
  return failed(
    'ValidationException',
    `cortado local delivers schedules only to Amazon ECS clusters and EventBridge event buses, not ${arn}`,
  );
}
