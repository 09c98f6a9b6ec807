// What a BLUE_GREEN/CANARY/LINEAR service deployment records as it runs: where it is, the weights asked for, its hooks.
import type { NativeStrategy, TrafficPlan } from './native-strategy.js';

/** [API:ECS ServiceDeploymentLifecycleStage] */
export type LifecycleStage =
  | 'RECONCILE_SERVICE'
  | 'PRE_SCALE_UP'
  | 'SCALE_UP'
  | 'POST_SCALE_UP'
  | 'TEST_TRAFFIC_SHIFT'
  | 'POST_TEST_TRAFFIC_SHIFT'
  | 'PRODUCTION_TRAFFIC_SHIFT'
  | 'POST_PRODUCTION_TRAFFIC_SHIFT'
  | 'BAKE_TIME'
  | 'CLEAN_UP';

/** [API:ECS DeploymentLifecycleHookStage]: PRE_PRODUCTION_TRAFFIC_SHIFT is a hook stage but never a lifecycleStage. */
export type HookStage =
  | 'RECONCILE_SERVICE'
  | 'PRE_SCALE_UP'
  | 'POST_SCALE_UP'
  | 'TEST_TRAFFIC_SHIFT'
  | 'POST_TEST_TRAFFIC_SHIFT'
  | 'PRE_PRODUCTION_TRAFFIC_SHIFT'
  | 'PRODUCTION_TRAFFIC_SHIFT'
  | 'POST_PRODUCTION_TRAFFIC_SHIFT';

export type HookTargetType = 'AWS_LAMBDA' | 'PAUSE';
export type HookAction = 'CONTINUE' | 'ROLLBACK';

/** A configured lifecycle hook, defaults filled in [API:ECS DeploymentLifecycleHook]. */
export interface HookDef {
  readonly targetType: HookTargetType;
  readonly targetArn?: string;
  readonly stages: readonly HookStage[];
  readonly timeoutMinutes: number;
  readonly timeoutAction: HookAction;
}

/** One execution of a hook at a stage: a DeploymentLifecycleHookDetail. */
export interface HookRun {
  readonly hookId: string;
  readonly targetType: HookTargetType;
  readonly targetArn?: string;
  readonly status: 'AWAITING_ACTION' | 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT';
  /** Sandbox clock, epoch ms. */
  readonly expiresAt: number;
  readonly timeoutAction: HookAction;
}

export type Outcome = 'SUCCESSFUL' | 'ROLLBACK_SUCCESSFUL' | 'STOPPED';

/** Where the deployment is. Points with a `step` run once per production traffic step (CANARY, LINEAR). */
export type Point =
  /** Created, not yet started (the service deployment is PENDING); `reconcile` when other revisions are still ACTIVE. */
  | { readonly kind: 'pending'; readonly reconcile: boolean }
  | { readonly kind: 'reconcile' }
  | { readonly kind: 'pre-scale-up' }
  | { readonly kind: 'scale-up' }
  | { readonly kind: 'post-scale-up' }
  | { readonly kind: 'test-shift' }
  | { readonly kind: 'post-test-shift' }
  | { readonly kind: 'pre-production'; readonly step: number }
  | { readonly kind: 'production'; readonly step: number }
  | { readonly kind: 'step-bake'; readonly step: number; readonly until: number }
  | { readonly kind: 'post-production' }
  | { readonly kind: 'bake'; readonly until: number }
  | { readonly kind: 'clean-up' }
  | { readonly kind: 'rollback-production' }
  | { readonly kind: 'rollback-test' }
  | { readonly kind: 'rollback-clean-up' }
  | { readonly kind: 'done'; readonly outcome: Outcome; readonly stage: LifecycleStage };

export interface NativeProgress {
  readonly strategy: NativeStrategy;
  readonly plan: TrafficPlan;
  readonly hooks: readonly HookDef[];
  /** The deployment serving production when this one started (undefined: nothing to shift traffic from). */
  readonly blueDeploymentId?: string;
  readonly point: Point;
  /** Requested shares of production and test traffic on the new revision, percent. */
  readonly production: number;
  readonly test: number;
  /** The hooks of the stage that ran last (lifecycleHookDetails). */
  readonly runs: readonly HookRun[];
  /** The current point's hooks have not all finished: the deployment waits for them. */
  readonly awaitingHooks: boolean;
}

export const STAGE_OF: Readonly<Record<Exclude<Point['kind'], 'done' | 'pending'>, LifecycleStage>> = {
  reconcile: 'RECONCILE_SERVICE',
  'pre-scale-up': 'PRE_SCALE_UP',
  'scale-up': 'SCALE_UP',
  'post-scale-up': 'POST_SCALE_UP',
  'test-shift': 'TEST_TRAFFIC_SHIFT',
  'post-test-shift': 'POST_TEST_TRAFFIC_SHIFT',
  'pre-production': 'PRODUCTION_TRAFFIC_SHIFT',
  production: 'PRODUCTION_TRAFFIC_SHIFT',
  'step-bake': 'PRODUCTION_TRAFFIC_SHIFT',
  'post-production': 'POST_PRODUCTION_TRAFFIC_SHIFT',
  bake: 'BAKE_TIME',
  'clean-up': 'CLEAN_UP',
  'rollback-production': 'PRODUCTION_TRAFFIC_SHIFT',
  'rollback-test': 'TEST_TRAFFIC_SHIFT',
  'rollback-clean-up': 'CLEAN_UP',
};

/** What DescribeServiceDeployments shows as lifecycleStage (nothing while PENDING). */
export const stageOf = (p: Point): LifecycleStage | undefined =>
  p.kind === 'pending' ? undefined : p.kind === 'done' ? p.stage : STAGE_OF[p.kind];

export const isRollingBack = (p: Point): boolean =>
  p.kind === 'rollback-production' || p.kind === 'rollback-test' || p.kind === 'rollback-clean-up';

/** Which deployments run tasks at a point: the one the scheduler fills, whether it may launch, whether blue is kept. */
export interface TaskPlan {
  readonly primary: 'green' | 'blue';
  readonly launch: boolean;
  readonly keepBlue: boolean;
}

export function taskPlanOf(p: NativeProgress): TaskPlan {
  const k = p.point.kind;
  if (isRollingBack(p.point) || (p.point.kind === 'done' && p.point.outcome === 'ROLLBACK_SUCCESSFUL'))
    return { primary: 'blue', launch: true, keepBlue: false };
  if (k === 'pending' || k === 'reconcile' || k === 'pre-scale-up') return { primary: 'green', launch: false, keepBlue: true };
  if (p.point.kind === 'done' && p.point.outcome === 'STOPPED') return { primary: 'green', launch: false, keepBlue: true };
  if (k === 'clean-up' || k === 'done') return { primary: 'green', launch: true, keepBlue: false };
  return { primary: 'green', launch: true, keepBlue: true };
}
