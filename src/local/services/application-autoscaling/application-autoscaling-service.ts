// Application Auto Scaling (awsJson1_1, AnyScaleFrontendService): scalable targets and stored scaling policies (no evaluation).
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
  readonly created: number;
}

interface Snapshot {
  readonly targets: ReadonlyArray<Omit<TargetState, 'stamp'>>;
  readonly policies: readonly PolicyState[];
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
      // Deregistering a target deletes the scaling policies that belong to it.
      for (const [pk, p] of policies) if (keyOf(p) === keyOf(k)) policies.delete(pk);
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
      // Target tracking creates a high and a low CloudWatch alarm named after the resource (not created in the sandbox's CloudWatch).
      const alarms =
        type === 'TargetTrackingScaling'
          ? existing?.alarms.length
            ? existing.alarms
            : ['AlarmHigh', 'AlarmLow'].map((h) => {
                const alarmName = `TargetTracking-${k.ResourceId}-${h}-${uuid()}`;
                return { AlarmName: alarmName, AlarmARN: `arn:aws:cloudwatch:${ctx.region}:${ctx.accountId}:alarm:${alarmName}` };
              })
          : [];
      const p: PolicyState = existing
        ? Object.assign(existing, { PolicyType: type, config, alarms })
        : {
            ...k,
            PolicyName: name,
            PolicyARN: policyArn(ctx.region, ctx.accountId, id, k, name),
            PolicyType: type,
            config,
            alarms,
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
      if (!policies.delete(policyKey(k, input.PolicyName as string))) throw policyNotFound(k, input.PolicyName as string);
      return {};
    },
    // Policies are stored, never evaluated: there are no scaling activities to report.
    DescribeScalingActivities: () => ({ ScalingActivities: [] }),
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
    snapshot: (): Snapshot => ({ targets: [...targets.values()].map(({ stamp: _s, ...t }) => t), policies: [...policies.values()] }),
    restore: (state) => {
      const snap = state as Snapshot;
      targets.clear();
      policies.clear();
      for (const t of snap.targets) targets.set(keyOf(t), { ...t, tags: { ...t.tags }, stamp: 0 });
      for (const p of snap.policies) policies.set(policyKey(p, p.PolicyName), { ...p });
    },
  };
}
