// What deploy and canary both read from an ECS service deployment: its lifecycle stages in order, and a PAUSE hook waiting.
import type { ServiceDeployment } from '@aws-sdk/client-ecs';

/**
 * The lifecycle stages in the order a BLUE_GREEN, CANARY or LINEAR deployment goes through them (the ECS developer guide's
 * "deployment lifecycle stages"); the SDK's enum order is not documented as stable, so the order is written here.
 */
export const LIFECYCLE_STAGES = [
  'RECONCILE_SERVICE',
  'PRE_SCALE_UP',
  'SCALE_UP',
  'POST_SCALE_UP',
  'TEST_TRAFFIC_SHIFT',
  'POST_TEST_TRAFFIC_SHIFT',
  'PRODUCTION_TRAFFIC_SHIFT',
  'POST_PRODUCTION_TRAFFIC_SHIFT',
  'BAKE_TIME',
  'CLEAN_UP',
] as const;

export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

/** Pure: a stage's position, -1 for none (a rolling deployment reports none) or an unknown one. */
export const stageIndex = (stage: string | undefined): number => LIFECYCLE_STAGES.indexOf(stage as LifecycleStage);

export const isLifecycleStage = (s: string): s is LifecycleStage => stageIndex(s) >= 0;

/** Pure: the PAUSE hook waiting for ContinueServiceDeployment, if any. */
export function awaitingPauseHook(
  sd: Pick<ServiceDeployment, 'lifecycleHookDetails' | 'lifecycleStage'>,
): { readonly hookId: string; readonly stage?: string } | undefined {
  const hook = (sd.lifecycleHookDetails ?? []).find((h) => h.targetType === 'PAUSE' && h.status === 'AWAITING_ACTION' && h.hookId);
  return hook ? { hookId: hook.hookId!, ...(sd.lifecycleStage ? { stage: sd.lifecycleStage } : {}) } : undefined;
}
