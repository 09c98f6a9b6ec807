// Runs a target tracking policy when one of its alarms invokes it: decide (pure), set the ECS desired count, record the activity.
import type { AlarmActionCall, SandboxEnv, ScalingPolicyInvoker } from '../../env.js';
import { scalingActivity, type ActivityRecord } from './scaling-activities.js';
import type { TargetKey } from './scaling-rules.js';
import { DEFAULT_COOLDOWN_S, decideScaling, type ScalingDecision, type TargetTrackingConfig } from './target-tracking.js';

/** When the policy last scaled (real ms), for its cooldowns. */
export interface PolicyRuntime {
  lastOut?: { readonly at: number; readonly from: number };
  lastIn?: number;
}

export interface InvokedPolicy extends TargetKey {
  readonly PolicyName: string;
  readonly PolicyType: string;
  readonly config: Record<string, unknown>;
  readonly alarms: ReadonlyArray<{ readonly AlarmName: string }>;
  readonly runtime: PolicyRuntime;
}

export interface InvokedTarget {
  readonly min: number;
  readonly max: number;
  readonly suspended: { readonly DynamicScalingInSuspended: boolean; readonly DynamicScalingOutSuspended: boolean };
}

export interface PolicyLookup {
  byAction(actionArn: string): { readonly policy: InvokedPolicy; readonly target: InvokedTarget } | undefined;
  record(activity: ActivityRecord): void;
  /** Each decision, for tests and the spec's figures (not part of the API). */
  decided?(policy: InvokedPolicy, call: AlarmActionCall, decision: ScalingDecision): void;
}

export function createPolicyInvoker(env: SandboxEnv, lookup: PolicyLookup): ScalingPolicyInvoker {
  return {
    invoke(call) {
      const found = lookup.byAction(call.actionArn);
      if (!found || call.state !== 'ALARM') return;
      const { policy, target } = found;
      // Step scaling and the other namespaces are stored, not run.
      if (policy.PolicyType !== 'TargetTrackingScaling' || policy.ScalableDimension !== 'ecs:service:DesiredCount') return;
      const direction = policy.alarms[0]?.AlarmName === call.alarmName ? 'out' : 'in';
      const services = env.seams.scalableServices;
      const [, cluster = '', service = ''] = policy.ResourceId.split('/');
      const svc = services?.describe(cluster, service);
      if (!services || !svc) throw new Error(`ECS service ${policy.ResourceId} does not exist`);
      const c = policy.config.TargetTrackingScalingPolicyConfiguration as TargetTrackingConfig;
      const now = env.clock.now().getTime();
      const decision = decideScaling({
        direction,
        metric: call.newestValue ?? Number.NaN,
        target: c.TargetValue,
        current: svc.desiredCount,
        min: target.min,
        max: target.max,
        now,
        scaleOutCooldownMs: env.clock.real((c.ScaleOutCooldown ?? DEFAULT_COOLDOWN_S) * 1000),
        scaleInCooldownMs: env.clock.real((c.ScaleInCooldown ?? DEFAULT_COOLDOWN_S) * 1000),
        disableScaleIn: c.DisableScaleIn === true,
        suspended: { out: target.suspended.DynamicScalingOutSuspended, in: target.suspended.DynamicScalingInSuspended },
        deploying: svc.deploying,
        ...(policy.runtime.lastOut ? { lastOut: policy.runtime.lastOut } : {}),
        ...(policy.runtime.lastIn !== undefined ? { lastIn: policy.runtime.lastIn } : {}),
      });
      lookup.decided?.(policy, call, decision);
      if (decision.kind !== 'scale') return;
      let error: string | undefined;
      try {
        services.setDesiredCount(cluster, service, decision.to);
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
      }
      if (error === undefined) {
        if (direction === 'out') policy.runtime.lastOut = { at: now, from: decision.base };
        else policy.runtime.lastIn = now;
      }
      lookup.record(
        scalingActivity(policy, {
          to: decision.to,
          alarmName: call.alarmName,
          state: call.state,
          policyName: policy.PolicyName,
          at: now,
          ...(error !== undefined ? { error } : {}),
        }),
      );
    },
  };
}
