// Application Auto Scaling (awsJson1_1, AnyScaleFrontendService): scalable targets, scaling policies, and target tracking that acts.
import { AwsError } from '../../aws-error.js';
import type { SandboxEnv } from '../../env.js';
import { hexId, uuid } from '../../ids.js';
import { loadModel } from '../../model/model.js';
import { paginate } from '../../paginate.js';
import type { Handler, Input, SandboxService } from '../../service.js';
import {
  checkPolicy,
  checkTargetKey,
  defaultRoleArn,
  keyOf,
  policyArn,
  policyNotFound,
  resolveCapacity,
  scalableTargetArn,
  targetNotFound,
  validation,
  type PolicyInput,
  type TargetKey,
} from './scaling-rules.js';
import { createPolicyInvoker, type PolicyRuntime } from './policy-execution.js';
import { ACTIVITY_RETENTION_MS, activityView, matchingActivities, type ActivityRecord } from './scaling-activities.js';
import { trackingAlarms, type TargetTrackingConfig } from './target-tracking.js';

interface SuspendedState {
  readonly DynamicScalingInSuspended: boolean;
  readonly DynamicScalingOutSuspended: boolean;
  readonly ScheduledScalingSuspended: boolean;
}

interface TargetState extends TargetKey {
  readonly arn: string;
  min: number;
  max: number;
  readonly roleArn: string;
  suspended: SuspendedState;
  readonly created: number;
  tags: Record<string, string>;
  stamp: number;
}

interface PolicyState extends TargetKey {
  readonly PolicyName: string;
  readonly PolicyARN: string;
  PolicyType: string;
  config: Record<string, unknown>;
  alarms: ReadonlyArray<{ readonly AlarmName: string; readonly AlarmARN: string }>;
  /** What the alarms invoke: the policy ARN with `:createdBy/<uuid>`, as real target tracking alarms show. */
  actionArn: string;
  runtime: PolicyRuntime;
  readonly created: number;
}

interface Snapshot {
  readonly targets: ReadonlyArray<Omit<TargetState, 'stamp'>>;
  readonly policies: readonly PolicyState[];
  readonly activities?: readonly ActivityRecord[];
}

const pageOptions = {
  defaultSize: 50,
  maxSize: 50,
  badToken: () => new AwsError('InvalidNextTokenException', 'Invalid NextToken'),
  badSize: (n: number) => validation(`MaxResults must be between 1 and 50, got ${n}`),
};
const key = (input: Input): TargetKey => ({
  ServiceNamespace: input.ServiceNamespace as string,
  ResourceId: input.ResourceId as string,
  ScalableDimension: input.ScalableDimension as string,
});

export function createApplicationAutoScalingService(env: SandboxEnv): SandboxService {
  const targets = new Map<string, TargetState>();
  const policies = new Map<string, PolicyState>();
  let activities: ActivityRecord[] = [];
  const deleteAlarms = (p: PolicyState) => env.seams.alarms?.delete(p.alarms.map((a) => a.AlarmName));
  env.seams.scalingPolicies = createPolicyInvoker(env, {
    byAction(actionArn) {
      const policy = [...policies.values()].find((p) => p.actionArn === actionArn);
      const target = policy && targets.get(keyOf(policy));
      return policy && target ? { policy, target } : undefined;
    },
    record(activity) {
      activities.push(activity);
      const oldest = env.clock.now().getTime() - ACTIVITY_RETENTION_MS;
      if (activities[0] && activities[0].StartTime < oldest) activities = activities.filter((a) => a.StartTime >= oldest);
    },
  });
  const visible = (t: TargetState) => env.consistency.visible(t.stamp);
  const policyKey = (k: TargetKey, name: string) => `${keyOf(k)}|${name}`;

  const targetView = (t: TargetState) => ({
    ServiceNamespace: t.ServiceNamespace,
    ResourceId: t.ResourceId,
    ScalableDimension: t.ScalableDimension,
    MinCapacity: t.min,
    MaxCapacity: t.max,
    RoleARN: t.roleArn,
    CreationTime: new Date(t.created),
    SuspendedState: t.suspended,
    ScalableTargetARN: t.arn,
  });
  const policyView = (p: PolicyState) => ({
    PolicyARN: p.PolicyARN,
    PolicyName: p.PolicyName,
    ServiceNamespace: p.ServiceNamespace,
    ResourceId: p.ResourceId,
    ScalableDimension: p.ScalableDimension,
    PolicyType: p.PolicyType,
    ...p.config,
    Alarms: p.alarms,
    CreationTime: new Date(p.created),
  });
  const byArn = (arn: string) => {
    const t = [...targets.values()].find((x) => x.arn === arn);
    if (!t) throw new AwsError('ResourceNotFoundException', `No scalable target found for ARN ${arn}`);
    return t;
  };

  const handlers: Record<string, Handler> = {
    RegisterScalableTarget: (input, ctx) => {
      const k = key(input);
      checkTargetKey(k);
      const existing = targets.get(keyOf(k));
      const capacity = resolveCapacity(input as { MinCapacity?: number; MaxCapacity?: number }, existing);
      const s = input.SuspendedState as Partial<SuspendedState> | undefined;
      const previous = existing?.suspended ?? {
        DynamicScalingInSuspended: false,
        DynamicScalingOutSuspended: false,
        ScheduledScalingSuspended: false,
      };
      const suspended: SuspendedState = {
        DynamicScalingInSuspended: s?.DynamicScalingInSuspended ?? previous.DynamicScalingInSuspended,
        DynamicScalingOutSuspended: s?.DynamicScalingOutSuspended ?? previous.DynamicScalingOutSuspended,
        ScheduledScalingSuspended: s?.ScheduledScalingSuspended ?? previous.ScheduledScalingSuspended,
      };
      if (existing) {
        // Re-registering updates the target in place; its ARN and creation time stay.
        existing.min = capacity.min;
        existing.max = capacity.max;
        existing.suspended = suspended;
        existing.tags = { ...existing.tags, ...(input.Tags as Record<string, string> | undefined) };
        existing.stamp = env.consistency.stamp();
        return { ScalableTargetARN: existing.arn };
      }
      const t: TargetState = {
        ...k,
        arn: scalableTargetArn(ctx.region, ctx.accountId, hexId(18)),
        min: capacity.min,
        max: capacity.max,
        roleArn: (input.RoleARN as string | undefined) ?? defaultRoleArn(ctx.accountId, k.ServiceNamespace),
        suspended,
        created: ctx.now().getTime(),
        tags: { ...(input.Tags as Record<string, string> | undefined) },
        stamp: env.consistency.stamp(),
      };
      targets.set(keyOf(k), t);
      return { ScalableTargetARN: t.arn };
    },
    DescribeScalableTargets: (input) => {
      const ids = input.ResourceIds as string[] | undefined;
      const all = [...targets.values()].filter(
        (t) =>
          visible(t) &&
          t.ServiceNamespace === input.ServiceNamespace &&
          (!ids || ids.includes(t.ResourceId)) &&
          (input.ScalableDimension === undefined || t.ScalableDimension === input.ScalableDimension),
      );
      const p = paginate(
        all,
        { nextToken: input.NextToken, maxResults: input.MaxResults },
        pageOptions,
        `targets|${String(input.ServiceNamespace)}|${JSON.stringify(ids ?? [])}|${String(input.ScalableDimension ?? '')}`,
      );
      return { ScalableTargets: p.items.map(targetView), ...(p.nextToken ? { NextToken: p.nextToken } : {}) };
    },
    DeregisterScalableTarget: (input) => {
      const k = key(input);
      if (!targets.delete(keyOf(k))) throw targetNotFound(k);
      // Deregistering a target deletes the scaling policies that belong to it, and their alarms.
      for (const [pk, p] of policies)
        if (keyOf(p) === keyOf(k)) {
          deleteAlarms(p);
          policies.delete(pk);
        }
      return {};
    },
    PutScalingPolicy: (input, ctx) => {
      const k = key(input);
      checkTargetKey(k);
      if (!targets.has(keyOf(k))) throw targetNotFound(k);
      const type = checkPolicy(input as PolicyInput);
      const name = input.PolicyName as string;
      const config: Record<string, unknown> = {};
      for (const c of [
        'StepScalingPolicyConfiguration',
        'TargetTrackingScalingPolicyConfiguration',
        'PredictiveScalingPolicyConfiguration',
      ]) {
        if (input[c] !== undefined) config[c] = input[c];
      }
      const existing = policies.get(policyKey(k, name));
      const id = uuid();
      const PolicyARN = existing?.PolicyARN ?? policyArn(ctx.region, ctx.accountId, id, k, name);
      const actionArn = existing?.actionArn ?? `${PolicyARN}:createdBy/${uuid()}`;
      // Target tracking creates a high and a low CloudWatch alarm named after the resource; an update keeps their names.
      const alarms =
        type === 'TargetTrackingScaling'
          ? existing?.alarms.length
            ? existing.alarms
            : ['AlarmHigh', 'AlarmLow'].map((h) => {
                const alarmName = `TargetTracking-${k.ResourceId}-${h}-${uuid()}`;
                return { AlarmName: alarmName, AlarmARN: `arn:aws:cloudwatch:${ctx.region}:${ctx.accountId}:alarm:${alarmName}` };
              })
          : [];
      if (existing && existing.alarms.length > 0 && alarms.length === 0) deleteAlarms(existing);
      const shapes =
        type === 'TargetTrackingScaling'
          ? trackingAlarms(
              config.TargetTrackingScalingPolicyConfiguration as TargetTrackingConfig,
              k,
              { high: alarms[0]!.AlarmName, low: alarms[1]!.AlarmName },
              actionArn,
            )
          : undefined;
      // Managed alarms count their periods on the sandbox clock, so --speed makes target tracking measurable.
      if (shapes) for (const a of [shapes.high, shapes.low]) env.seams.alarms?.put(a, { simulatedPeriods: true });
      const p: PolicyState = existing
        ? Object.assign(existing, { PolicyType: type, config, alarms })
        : {
            ...k,
            PolicyName: name,
            PolicyARN,
            PolicyType: type,
            config,
            alarms,
            actionArn,
            runtime: {},
            created: ctx.now().getTime(),
          };
      policies.set(policyKey(k, name), p);
      return { PolicyARN: p.PolicyARN, ...(alarms.length ? { Alarms: alarms } : {}) };
    },
    DescribeScalingPolicies: (input) => {
      const names = input.PolicyNames as string[] | undefined;
      const all = [...policies.values()].filter(
        (p) =>
          p.ServiceNamespace === input.ServiceNamespace &&
          (!names || names.includes(p.PolicyName)) &&
          (input.ResourceId === undefined || p.ResourceId === input.ResourceId) &&
          (input.ScalableDimension === undefined || p.ScalableDimension === input.ScalableDimension),
      );
      const p = paginate(
        all,
        { nextToken: input.NextToken, maxResults: input.MaxResults },
        pageOptions,
        `policies|${String(input.ServiceNamespace)}|${JSON.stringify(names ?? [])}|${String(input.ResourceId ?? '')}|${String(input.ScalableDimension ?? '')}`,
      );
      return { ScalingPolicies: p.items.map(policyView), ...(p.nextToken ? { NextToken: p.nextToken } : {}) };
    },
    DeleteScalingPolicy: (input) => {
      const k = key(input);
      const pk = policyKey(k, input.PolicyName as string);
      const p = policies.get(pk);
      if (!p) throw policyNotFound(k, input.PolicyName as string);
      // Deleting a target tracking policy deletes the alarms Application Auto Scaling created for it.
      deleteAlarms(p);
      policies.delete(pk);
      return {};
    },
    DescribeScalingActivities: (input, ctx) => {
      const all = matchingActivities(
        activities,
        {
          ServiceNamespace: input.ServiceNamespace as string,
          ...(input.ResourceId !== undefined ? { ResourceId: input.ResourceId as string } : {}),
          ...(input.ScalableDimension !== undefined ? { ScalableDimension: input.ScalableDimension as string } : {}),
        },
        ctx.now().getTime(),
      );
      const p = paginate(
        all,
        { nextToken: input.NextToken, maxResults: input.MaxResults },
        pageOptions,
        `activities|${String(input.ServiceNamespace)}|${String(input.ResourceId ?? '')}|${String(input.ScalableDimension ?? '')}`,
      );
      return { ScalingActivities: p.items.map(activityView), ...(p.nextToken ? { NextToken: p.nextToken } : {}) };
    },
    TagResource: (input) => {
      const t = byArn(input.ResourceARN as string);
      t.tags = { ...t.tags, ...(input.Tags as Record<string, string>) };
      return {};
    },
    UntagResource: (input) => {
      const t = byArn(input.ResourceARN as string);
      for (const k of input.TagKeys as string[]) delete t.tags[k];
      return {};
    },
    ListTagsForResource: (input) => ({ Tags: { ...byArn(input.ResourceARN as string).tags } }),
  };

  return {
    name: 'application-autoscaling',
    model: loadModel('application-autoscaling'),
    validation: { code: 'ValidationException' },
    handlers,
    snapshot: (): Snapshot => ({
      targets: [...targets.values()].map(({ stamp: _s, ...t }) => t),
      policies: [...policies.values()],
      activities,
    }),
    restore: (state) => {
      const snap = state as Snapshot;
      targets.clear();
      policies.clear();
      for (const t of snap.targets) targets.set(keyOf(t), { ...t, tags: { ...t.tags }, stamp: 0 });
      for (const p of snap.policies)
        policies.set(policyKey(p, p.PolicyName), {
          ...p,
          actionArn: p.actionArn ?? `${p.PolicyARN}:createdBy/${uuid()}`,
          runtime: { ...p.runtime },
        });
      activities = [...(snap.activities ?? [])];
    },
  };
}
