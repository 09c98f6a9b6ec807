// What a deploy command waits for: the deployment's end (deployed), its end with old tasks gone (stable), or a point inside it.
import type { ServiceDeployment } from '@aws-sdk/client-ecs';
import { UsageError } from '../core/errors.js';
import { suggest } from '../core/suggest.js';
import { awaitingPauseHook, isLifecycleStage, LIFECYCLE_STAGES, type LifecycleStage, stageIndex } from '../ecs/service-deployment.js';

/** `paused`: a PAUSE lifecycle hook waits for `cortado continue`; `ecs:<STAGE>`: the deployment reached that stage or a later one. */
export type WaitUntil = 'deployed' | 'stable' | 'paused' | `ecs:${LifecycleStage}`;

const PLAIN = ['deployed', 'stable', 'paused'] as const;
export const WAIT_UNTIL_VALUES: readonly string[] = [...PLAIN, ...LIFECYCLE_STAGES.map((s) => `ecs:${s}`)];

/** Pure: the flag's value checked, with the list of stages and a did-you-mean on a typo. */
export function parseWaitUntil(raw: string, flag = '--wait-until'): WaitUntil {
  if ((PLAIN as readonly string[]).includes(raw)) return raw as WaitUntil;
  if (raw.startsWith('ecs:') && isLifecycleStage(raw.slice(4))) return raw as WaitUntil;
  const near = suggest(raw, WAIT_UNTIL_VALUES);
  throw new UsageError(
    'BAD_OPTION',
    `${flag} expects deployed, stable, paused, ecs:<LIFECYCLE_STAGE> or (CodeDeploy services) codedeploy:<EVENT>, got ${JSON.stringify(raw)}${near ? ` (did you mean ${near}?)` : ''}`,
    `lifecycle stages, in order: ${LIFECYCLE_STAGES.join(', ')}`,
  );
}

/** Whether the wait stops inside the deployment rather than at its end. */
export const isMidway = (u: WaitUntil): boolean => u === 'paused' || u.startsWith('ecs:');

/**
 * Pure: what a midway wait has reached in this reading of the service deployment, or undefined. Stages can pass between
 * two readings, so a later stage counts; a rolling deployment reports no stage and the wait runs to its end.
 */
export function midwayReached(u: WaitUntil, sd: Pick<ServiceDeployment, 'lifecycleStage' | 'lifecycleHookDetails'>): string | undefined {
  if (u === 'paused') {
    const hook = awaitingPauseHook(sd);
    return hook ? `paused at ${hook.stage ?? 'a lifecycle hook'} (hook ${hook.hookId})` : undefined;
  }
  if (!u.startsWith('ecs:')) return undefined;
  const at = stageIndex(sd.lifecycleStage);
  return at >= 0 && at >= stageIndex(u.slice(4)) ? `at lifecycle stage ${sd.lifecycleStage}` : undefined;
}
