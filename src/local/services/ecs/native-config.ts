// The checks of BLUE_GREEN/CANARY/LINEAR settings: strategy parameters, lifecycle hooks, and loadBalancers[].advancedConfiguration.
import type { TargetRegistry } from '../../env.js';
import { invalidParameter } from './ecs-errors.js';
import type { AdvancedConfiguration, Json, LoadBalancerRef } from './ecs-state.js';
import type { HookDef, HookStage } from './native-progress.js';
import { isNativeStrategy } from './native-strategy.js';

/** Bake times are 0–1440 minutes for canary and linear steps [API]; the same range is assumed for bakeTimeInMinutes (unconfirmed). */
const MAX_BAKE_MINUTES = 1440;
/** [API:ECS DeploymentLifecycleHookTimeoutConfiguration] defaults. */
const HOOK_TIMEOUT_DEFAULT = 1440;
/** PAUSE hooks cannot be attached to the traffic shifts themselves [API:ECS DeploymentLifecycleHook.lifecycleStages]. */
const NO_PAUSE: readonly string[] = ['TEST_TRAFFIC_SHIFT', 'PRODUCTION_TRAFFIC_SHIFT'];

const isTenth = (v: number): boolean => Math.abs(v * 10 - Math.round(v * 10)) < 1e-9;

function checkPercent(name: string, v: unknown, min: number): void {
  if (v === undefined) return;
  if (typeof v !== 'number' || v < min || v > 100 || !isTenth(v)) {
    throw invalidParameter(`${name} must be a multiple of 0.1 from ${min.toFixed(1)} to 100.0, got ${String(v)}.`);
  }
}

function checkMinutes(name: string, v: unknown): void {
  if (v === undefined) return;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > MAX_BAKE_MINUTES) {
    throw invalidParameter(`${name} must be an integer from 0 to ${MAX_BAKE_MINUTES} minutes, got ${String(v)}.`);
  }
}

function checkHook(h: Json): void {
  const type = (h.targetType as string | undefined) ?? 'AWS_LAMBDA';
  const stages = (h.lifecycleStages as string[] | undefined) ?? [];
  if (stages.length === 0) throw invalidParameter('lifecycleStages must be specified for each lifecycle hook.');
  if (type === 'AWS_LAMBDA') {
    if (!h.hookTargetArn) throw invalidParameter('hookTargetArn must be specified for an AWS_LAMBDA lifecycle hook.');
    if (!h.roleArn) throw invalidParameter('roleArn must be specified for an AWS_LAMBDA lifecycle hook.');
    return;
  }
  if (h.hookTargetArn !== undefined) throw invalidParameter('hookTargetArn is not applicable to a PAUSE lifecycle hook.');
  const bad = stages.find((s) => NO_PAUSE.includes(s));
  if (bad) throw invalidParameter(`A PAUSE lifecycle hook cannot be attached to the ${bad} lifecycle stage.`);
}

/** The strategy-specific parts of a deploymentConfiguration, after defaults and the update have been merged. */
export function checkStrategySettings(dc: Json): void {
  const strategy = (dc.strategy as string | undefined) ?? 'ROLLING';
  if (dc.canaryConfiguration !== undefined && strategy !== 'CANARY')
    throw invalidParameter('canaryConfiguration is only valid when the deployment strategy is CANARY.');
  if (dc.linearConfiguration !== undefined && strategy !== 'LINEAR')
    throw invalidParameter('linearConfiguration is only valid when the deployment strategy is LINEAR.');
  if (strategy === 'BLUE_GREEN' && dc.bakeTimeInMinutes === undefined)
    throw invalidParameter('bakeTimeInMinutes must be specified when the deployment strategy is BLUE_GREEN.');
  checkMinutes('bakeTimeInMinutes', dc.bakeTimeInMinutes);
  const canary = dc.canaryConfiguration as Json | undefined;
  checkPercent('canaryPercent', canary?.canaryPercent, 0.1);
  checkMinutes('canaryBakeTimeInMinutes', canary?.canaryBakeTimeInMinutes);
  const linear = dc.linearConfiguration as Json | undefined;
  checkPercent('stepPercent', linear?.stepPercent, 3);
  checkMinutes('stepBakeTimeInMinutes', linear?.stepBakeTimeInMinutes);
  for (const h of (dc.lifecycleHooks as Json[] | undefined) ?? []) checkHook(h);
}

/** Settings of another strategy do not survive an update that changes the strategy without repeating them. */
export function dropOtherStrategySettings(merged: Json, raw: Json | undefined): Json {
  const strategy = merged.strategy;
  const out = { ...merged };
  if (strategy !== 'CANARY' && raw?.canaryConfiguration === undefined) delete out.canaryConfiguration;
  if (strategy !== 'LINEAR' && raw?.linearConfiguration === undefined) delete out.linearConfiguration;
  return out;
}

/** A listener rule ECS may shift: it exists and forwards to at least one of the pair (ECS adds the other). */
function checkRule(kind: 'production' | 'test', rule: string, pair: readonly string[], targets: TargetRegistry): void {
  const groups = targets.forwardWeights(rule);
  if (!groups) throw invalidParameter(`The ${kind} listener rule ${rule} does not exist or has no forward action.`);
  if (!groups.some((g) => pair.includes(g.targetGroupArn))) {
    throw invalidParameter(`The ${kind} listener rule ${rule} must forward to target group ${pair[0]} or ${pair[1]}.`);
  }
}

/** loadBalancers[].advancedConfiguration, checked against the ELBv2 resources it names. */
export function readAdvancedConfiguration(
  raw: Json | undefined,
  targetGroupArn: string,
  targets: TargetRegistry,
): AdvancedConfiguration | undefined {
  if (raw === undefined) return undefined;
  const alt = raw.alternateTargetGroupArn as string | undefined;
  const prod = raw.productionListenerRule as string | undefined;
  const test = raw.testListenerRule as string | undefined;
  const role = raw.roleArn as string | undefined;
  if (!alt) throw invalidParameter('alternateTargetGroupArn must be specified in advancedConfiguration.');
  if (!prod) throw invalidParameter('productionListenerRule must be specified in advancedConfiguration.');
  if (!role) throw invalidParameter('roleArn must be specified in advancedConfiguration.');
  if (alt === targetGroupArn) throw invalidParameter('alternateTargetGroupArn must be different from targetGroupArn.');
  if (!targets.targetGroupExists(alt))
    throw invalidParameter(`The target group with targetGroupArn ${alt} does not have an associated load balancer.`);
  checkRule('production', prod, [targetGroupArn, alt], targets);
  if (test !== undefined) checkRule('test', test, [targetGroupArn, alt], targets);
  return {
    alternateTargetGroupArn: alt,
    productionListenerRule: prod,
    ...(test !== undefined ? { testListenerRule: test } : {}),
    roleArn: role,
  };
}

/** ECS can shift a load balancer's traffic only with its advancedConfiguration. */
export function checkNativeLoadBalancers(dc: Json, lbs: readonly LoadBalancerRef[]): void {
  const strategy = dc.strategy;
  if (!isNativeStrategy(strategy)) return;
  if (lbs.some((lb) => lb.advancedConfiguration === undefined)) {
    throw invalidParameter(`advancedConfiguration must be specified for each load balancer when the deployment strategy is ${strategy}.`);
  }
}

/** The configured hooks with AWS's defaults (AWS_LAMBDA, 1440 minutes, ROLLBACK). */
export const hookDefsOf = (dc: Json): HookDef[] =>
  ((dc.lifecycleHooks as Json[] | undefined) ?? []).map((h) => {
    const timeout = (h.timeoutConfiguration as Json | undefined) ?? {};
    return {
      targetType: h.targetType === 'PAUSE' ? 'PAUSE' : 'AWS_LAMBDA',
      ...(typeof h.hookTargetArn === 'string' ? { targetArn: h.hookTargetArn } : {}),
      stages: (h.lifecycleStages as HookStage[] | undefined) ?? [],
      timeoutMinutes: typeof timeout.timeoutInMinutes === 'number' ? timeout.timeoutInMinutes : HOOK_TIMEOUT_DEFAULT,
      timeoutAction: timeout.action === 'CONTINUE' ? 'CONTINUE' : 'ROLLBACK',
    };
  });
