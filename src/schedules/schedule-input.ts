// Pure: a resolved job as EventBridge Scheduler's CreateSchedule input, a schedule read back in the same comparable shape, and a target as RunTask.
import type { CreateScheduleCommandInput, GetScheduleCommandOutput, Target } from '@aws-sdk/client-scheduler';
import type { NetworkConfiguration as EcsNetwork, RunTaskCommandInput, TaskOverride } from '@aws-sdk/client-ecs';
import { type Json, prune, stableStringify } from '../diff/prune.js';
import type { JobSpec } from './job-spec.js';
import { GROUP_TAG, JOB_TAG, taskGroupOf } from './managed-names.js';

/** A job with everything apply read from AWS: the cluster, the task definition revision, the network, the overrides. */
export interface ResolvedJob {
  readonly spec: JobSpec;
  readonly clusterArn: string;
  readonly taskDefinitionArn: string;
  readonly launchType?: string;
  readonly capacityProviderStrategy?: readonly { readonly capacityProvider: string; readonly weight?: number; readonly base?: number }[];
  readonly platformVersion?: string;
  readonly networkConfiguration?: EcsNetwork;
  /** RunTask's overrides (container names resolved); undefined when the job overrides nothing. */
  readonly overrides?: TaskOverride;
}

/** The schedule a job is in AWS: what CreateSchedule and UpdateSchedule are sent (UpdateSchedule takes the same fields). */
export type ScheduleInput = Omit<CreateScheduleCommandInput, 'ClientToken'>;

function schedulerNetwork(n: EcsNetwork | undefined): NonNullable<Target['EcsParameters']>['NetworkConfiguration'] {
  const v = n?.awsvpcConfiguration;
  if (!v) return undefined;
  return {
    awsvpcConfiguration: {
      Subnets: [...(v.subnets ?? [])],
      ...(v.securityGroups?.length ? { SecurityGroups: [...v.securityGroups] } : {}),
      ...(v.assignPublicIp ? { AssignPublicIp: v.assignPublicIp } : {}),
    },
  };
}

/** The tags every task of the job carries: the job's own, then cortado's (which win). One map per tag, sorted. */
export function taskTags(group: string, job: JobSpec): Record<string, string>[] {
  const all: Record<string, string> = { ...job.tags, [JOB_TAG]: job.name, [GROUP_TAG]: group };
  return Object.keys(all)
    .sort()
    .map((k) => ({ [k]: all[k]! }));
}

export function desiredSchedule(job: ResolvedJob, group: string, roleArn: string): ScheduleInput {
  const s = job.spec;
  return {
    Name: s.name,
    GroupName: group,
    ScheduleExpression: s.schedule,
    ScheduleExpressionTimezone: s.timezone,
    ...(s.description !== undefined ? { Description: s.description } : {}),
    State: s.enabled ? 'ENABLED' : 'DISABLED',
    FlexibleTimeWindow:
      s.flexibleWindowMinutes === undefined ? { Mode: 'OFF' } : { Mode: 'FLEXIBLE', MaximumWindowInMinutes: s.flexibleWindowMinutes },
    ActionAfterCompletion: 'NONE',
    Target: {
      Arn: job.clusterArn,
      RoleArn: roleArn,
      RetryPolicy: { MaximumEventAgeInSeconds: s.retry.maxAgeSeconds, MaximumRetryAttempts: s.retry.attempts },
      ...(s.deadLetterQueueArn ? { DeadLetterConfig: { Arn: s.deadLetterQueueArn } } : {}),
      ...(job.overrides ? { Input: JSON.stringify(job.overrides) } : {}),
      EcsParameters: {
        TaskDefinitionArn: job.taskDefinitionArn,
        TaskCount: s.count,
        ...(job.capacityProviderStrategy?.length
          ? { CapacityProviderStrategy: job.capacityProviderStrategy.map((c) => ({ ...c })) }
          : job.launchType
            ? { LaunchType: job.launchType as 'FARGATE' }
            : {}),
        ...(job.platformVersion ? { PlatformVersion: job.platformVersion } : {}),
        ...(job.networkConfiguration ? { NetworkConfiguration: schedulerNetwork(job.networkConfiguration) } : {}),
        Group: taskGroupOf(group, s.name),
        EnableECSManagedTags: true,
        Tags: taskTags(group, s),
      },
    },
  };
}

const FIELDS = [
  'Name',
  'GroupName',
  'ScheduleExpression',
  'ScheduleExpressionTimezone',
  'Description',
  'State',
  'FlexibleTimeWindow',
  'ActionAfterCompletion',
  'StartDate',
  'EndDate',
  'Target',
] as const;

function parsedInput(input: string | undefined): Json | undefined {
  if (input === undefined) return undefined;
  try {
    return prune(JSON.parse(input));
  } catch {
    return input;
  }
}

/** Pure: the fields a diff compares, empties dropped, the Input JSON parsed, tags sorted, so AWS's echo equals what was sent. */
export function comparableSchedule(s: ScheduleInput | GetScheduleCommandOutput): Json {
  const out: Record<string, unknown> = {};
  for (const k of FIELDS) if (s[k] !== undefined) out[k] = s[k];
  const target = s.Target;
  if (target) {
    const ecs = target.EcsParameters;
    out.Target = {
      ...target,
      Input: parsedInput(target.Input),
      ...(ecs
        ? {
            EcsParameters: {
              ...ecs,
              Tags: ecs.Tags ? [...ecs.Tags].sort((a, b) => (stableStringify(a) < stableStringify(b) ? -1 : 1)) : undefined,
            },
          }
        : {}),
    };
  }
  if (out.ScheduleExpressionTimezone === undefined) out.ScheduleExpressionTimezone = 'UTC';
  if (out.ActionAfterCompletion === undefined) out.ActionAfterCompletion = 'NONE';
  return prune(out) ?? {};
}

/** Pure: what EventBridge Scheduler sends ECS for a target (`schedule run` starts the same task now). */
export function targetAsRunTask(target: Target, startedBy: string): RunTaskCommandInput {
  const e = target.EcsParameters;
  if (!e?.TaskDefinitionArn) throw new Error('internal: the schedule target has no EcsParameters');
  const vpc = e.NetworkConfiguration?.awsvpcConfiguration;
  let overrides: TaskOverride | undefined;
  if (target.Input) overrides = JSON.parse(target.Input) as TaskOverride;
  const tags = (e.Tags ?? []).flatMap((m) => Object.entries(m).map(([key, value]) => ({ key, value })));
  return {
    cluster: target.Arn,
    taskDefinition: e.TaskDefinitionArn,
    count: e.TaskCount ?? 1,
    startedBy,
    ...(e.CapacityProviderStrategy?.length ? { capacityProviderStrategy: e.CapacityProviderStrategy.map((c) => ({ ...c })) } : {}),
    ...(e.LaunchType && !e.CapacityProviderStrategy?.length ? { launchType: e.LaunchType } : {}),
    ...(e.PlatformVersion ? { platformVersion: e.PlatformVersion } : {}),
    ...(vpc
      ? {
          networkConfiguration: {
            awsvpcConfiguration: {
              subnets: vpc.Subnets ?? [],
              ...(vpc.SecurityGroups ? { securityGroups: vpc.SecurityGroups } : {}),
              ...(vpc.AssignPublicIp ? { assignPublicIp: vpc.AssignPublicIp } : {}),
            },
          },
        }
      : {}),
    ...(e.Group ? { group: e.Group } : {}),
    ...(e.EnableECSManagedTags ? { enableECSManagedTags: true } : {}),
    ...(e.PropagateTags ? { propagateTags: e.PropagateTags } : {}),
    ...(tags.length ? { tags } : {}),
    ...(overrides ? { overrides } : {}),
  };
}
