// A rolling deployment's early success criteria: reading and checking deploymentConfiguration.earlySuccessCriteria.
import { invalidParameter } from './ecs-errors.js';
import type { Json } from './ecs-state.js';
import type { EarlySuccess } from './scheduler-decision.js';

/** The criteria of a deploymentConfiguration when enabled (CreateService/UpdateService checked them). */
export function earlySuccessOf(dc: Json): EarlySuccess | undefined {
  const e = dc.earlySuccessCriteria as Json | undefined;
  if (e?.enable !== true) return undefined;
  return {
    healthyPercent: typeof e.healthyPercent === 'number' ? e.healthyPercent : 100,
    cleanup: e.sourceServiceRevisionCleanup === 'DEFERRED' ? 'DEFERRED' : 'BLOCKING',
  };
}

/**
 * [API:ECS DeploymentEarlySuccessCriteria]: rolling deployments only; when enabled, healthyPercent (an integer from the
 * service's minimumHealthyPercent to 100) and sourceServiceRevisionCleanup must be given. Wording ours.
 */
export function checkEarlySuccess(dc: Json): void {
  const e = dc.earlySuccessCriteria as Json | undefined;
  if (e?.enable !== true) return;
  const strategy = (dc.strategy as string | undefined) ?? 'ROLLING';
  if (strategy !== 'ROLLING') throw invalidParameter('earlySuccessCriteria can only be used with the ROLLING deployment strategy.');
  const hp = e.healthyPercent;
  if (hp === undefined || e.sourceServiceRevisionCleanup === undefined)
    throw invalidParameter('healthyPercent and sourceServiceRevisionCleanup must be specified when earlySuccessCriteria is enabled.');
  const min = typeof dc.minimumHealthyPercent === 'number' ? dc.minimumHealthyPercent : 100;
  if (typeof hp !== 'number' || !Number.isInteger(hp) || hp < min || hp > 100)
    throw invalidParameter(
      `earlySuccessCriteria.healthyPercent must be an integer from the minimumHealthyPercent (${min}) to 100, got ${String(hp)}.`,
    );
}
