// Migration: ecschedule configurations and EventBridge rules that run ECS tasks, as `schedules:` jobs (pure conversions, one reader of rules).
import type { Rule, Target } from '@aws-sdk/client-eventbridge';
import { parseScheduleExpression } from './expressions.js';
import { NAME_PATTERN } from './managed-names.js';

export type Raw = Readonly<Record<string, unknown>>;

export interface ImportResult {
  /** `jobs:` entries in the shape of cortado.yml (snake_case keys, AWS shapes for network configuration). */
  readonly jobs: Readonly<Record<string, Raw>>;
  /** What was left out, and why (said, never silently dropped). */
  readonly skipped: readonly string[];
}

const isMap = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

function envMap(v: unknown): Record<string, string> | undefined {
  if (Array.isArray(v)) return Object.fromEntries(v.filter(isMap).map((e) => [String(e.name), String(e.value ?? '')]));
  if (isMap(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, String(x)]));
  return undefined;
}

/** RunTask container overrides (ecschedule's or an Input's) as `containers:`. */
function containersOf(overrides: unknown, where: string, skipped: string[]): Record<string, Raw> | undefined {
  if (!Array.isArray(overrides) || overrides.length === 0) return undefined;
  const out: Record<string, Raw> = {};
  for (const o of overrides.filter(isMap)) {
    const name = String(o.name ?? '');
    const env = envMap(o.environment);
    for (const k of Object.keys(o))
      if (!['name', 'command', 'environment', 'cpu', 'memory'].includes(k))
        skipped.push(`${where}: container ${name}: ${k} is not carried over`);
    out[name] = {
      ...(Array.isArray(o.command) ? { command: o.command.map(String) } : {}),
      ...(env ? { environment: env } : {}),
      ...(o.cpu !== undefined ? { cpu: Number(o.cpu) } : {}),
      ...(o.memory !== undefined ? { memory: Number(o.memory) } : {}),
    };
  }
  return out;
}

function checkedName(name: string, where: string, skipped: string[]): string | undefined {
  if (NAME_PATTERN.test(name) && name.length <= 64) return name;
  skipped.push(`${where}: "${name}" cannot name a schedule (1–64 of letters, digits, -, _ and .)`);
  return undefined;
}

function checkedExpression(expr: unknown, where: string, skipped: string[]): string | undefined {
  const text = typeof expr === 'string' ? expr.trim() : '';
  if (text && parseScheduleExpression(text, 'scheduler').kind === 'ok') return text;
  skipped.push(`${where}: no schedule expression EventBridge Scheduler accepts (${JSON.stringify(expr)})`);
  return undefined;
}

/** Pure: an ecschedule configuration (region, cluster, rules[]) as jobs. EventBridge rules run in UTC: the jobs say so. */
export function fromEcschedule(doc: unknown, cluster: string): ImportResult {
  const skipped: string[] = [];
  const jobs: Record<string, Raw> = {};
  if (!isMap(doc) || !Array.isArray(doc.rules)) return { jobs, skipped: ['the file has no rules: list (not an ecschedule configuration)'] };
  if (typeof doc.cluster === 'string' && doc.cluster !== cluster && !cluster.endsWith(`/${doc.cluster}`))
    skipped.push(`cluster: the file's cluster ${doc.cluster} is not the config's (${cluster}); the jobs run in the config's`);
  if (doc.role !== undefined)
    skipped.push('role: an EventBridge rules role cannot be assumed by EventBridge Scheduler; cortado keeps its own role');
  doc.rules.forEach((rule, i) => {
    const where = `rules[${i}]`;
    if (!isMap(rule)) return void skipped.push(`${where}: not a mapping`);
    const name = checkedName(String(rule.name ?? ''), where, skipped);
    const schedule = checkedExpression(rule.scheduleExpression, where, skipped);
    if (!name || !schedule) return;
    const containers = containersOf(rule.containerOverrides, where, skipped);
    const nc = isMap(rule.network_configuration) ? rule.network_configuration.aws_vpc_configuration : undefined;
    const dlq = isMap(rule.dead_letter_config) ? rule.dead_letter_config.sqs : undefined;
    if (rule.group !== undefined)
      skipped.push(`${where}: group ${String(rule.group)} is not carried over (cortado groups the tasks by job)`);
    if (rule.propagateTags !== undefined) skipped.push(`${where}: propagateTags is not carried over (cortado tags the tasks itself)`);
    if (dlq !== undefined && !String(dlq).startsWith('arn:'))
      skipped.push(`${where}: dead_letter_config.sqs ${String(dlq)} is a queue name: set dead_letter_queue to its ARN`);
    jobs[name] = {
      schedule,
      timezone: 'UTC',
      ...(typeof rule.description === 'string' && rule.description ? { description: rule.description } : {}),
      ...(typeof rule.taskDefinition === 'string' ? { task_definition: rule.taskDefinition } : {}),
      ...(containers ? { containers } : {}),
      ...(typeof rule.taskCount === 'number' && rule.taskCount > 1 ? { count: rule.taskCount } : {}),
      ...(typeof rule.launch_type === 'string' ? { launch_type: rule.launch_type } : {}),
      ...(typeof rule.platform_version === 'string' ? { platform_version: rule.platform_version } : {}),
      ...(isMap(nc)
        ? {
            network_configuration: {
              awsvpcConfiguration: {
                subnets: nc.subnets,
                ...(nc.security_groups !== undefined ? { securityGroups: nc.security_groups } : {}),
                ...(nc.assign_public_ip !== undefined ? { assignPublicIp: nc.assign_public_ip } : {}),
              },
            },
          }
        : {}),
      ...(typeof dlq === 'string' && dlq.startsWith('arn:') ? { dead_letter_queue: dlq } : {}),
      ...(rule.disabled === true ? { enabled: false } : {}),
    };
  });
  return { jobs, skipped };
}

/** Pure: EventBridge rules with a schedule and their ECS targets as jobs (one job per ECS target). */
export function fromRules(rules: readonly { readonly rule: Rule; readonly targets: readonly Target[] }[]): ImportResult {
  const skipped: string[] = [];
  const jobs: Record<string, Raw> = {};
  for (const { rule, targets } of rules) {
    const where = `rule ${rule.Name}`;
    const ecsTargets = targets.filter((t) => t.EcsParameters);
    if (!rule.ScheduleExpression || ecsTargets.length === 0) continue;
    const schedule = checkedExpression(rule.ScheduleExpression, where, skipped);
    if (!schedule) continue;
    for (const t of ecsTargets) {
      const name = checkedName(ecsTargets.length === 1 ? rule.Name! : `${rule.Name}-${t.Id}`, where, skipped);
      if (!name) continue;
      const e = t.EcsParameters!;
      let input: Raw | undefined;
      try {
        input = t.Input ? (JSON.parse(t.Input) as Raw) : undefined;
      } catch {
        skipped.push(`${where}: target ${t.Id}: its Input is not JSON; the overrides are left out`);
      }
      if (t.InputTransformer || t.InputPath) skipped.push(`${where}: target ${t.Id}: InputTransformer/InputPath is not carried over`);
      const containers = containersOf(input?.containerOverrides, `${where}: target ${t.Id}`, skipped);
      const vpc = e.NetworkConfiguration?.awsvpcConfiguration;
      jobs[name] = {
        schedule,
        timezone: 'UTC',
        ...(rule.Description ? { description: rule.Description } : {}),
        ...(e.TaskDefinitionArn ? { task_definition: e.TaskDefinitionArn } : {}),
        ...(containers ? { containers } : {}),
        ...(e.TaskCount && e.TaskCount > 1 ? { count: e.TaskCount } : {}),
        ...(e.LaunchType ? { launch_type: e.LaunchType } : {}),
        ...(e.CapacityProviderStrategy?.length ? { capacity_provider_strategy: e.CapacityProviderStrategy } : {}),
        ...(e.PlatformVersion ? { platform_version: e.PlatformVersion } : {}),
        ...(vpc
          ? {
              network_configuration: {
                awsvpcConfiguration: {
                  subnets: vpc.Subnets,
                  ...(vpc.SecurityGroups ? { securityGroups: vpc.SecurityGroups } : {}),
                  ...(vpc.AssignPublicIp ? { assignPublicIp: vpc.AssignPublicIp } : {}),
                },
              },
            }
          : {}),
        ...(t.DeadLetterConfig?.Arn ? { dead_letter_queue: t.DeadLetterConfig.Arn } : {}),
        ...(t.RetryPolicy
          ? {
              retry: {
                ...(t.RetryPolicy.MaximumRetryAttempts !== undefined ? { attempts: t.RetryPolicy.MaximumRetryAttempts } : {}),
                ...(t.RetryPolicy.MaximumEventAgeInSeconds !== undefined ? { max_age: `${t.RetryPolicy.MaximumEventAgeInSeconds}s` } : {}),
              },
            }
          : {}),
        ...(rule.State === 'DISABLED' ? { enabled: false } : {}),
      };
    }
  }
  return { jobs, skipped };
}
