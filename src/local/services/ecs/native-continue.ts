// ContinueServiceDeployment: answers a PAUSE hook that is AWAITING_ACTION with CONTINUE or ROLLBACK.
import type { EcsContext } from './ecs-context.js';
import { invalidParameter, serviceDeploymentNotFound } from './ecs-errors.js';
import { rollBackNative } from './native-effects.js';

export const CONTINUE_ROLLBACK_REASON = 'Service deployment rolled back because of a ContinueServiceDeployment request.';

/**
 * Preconditions [DG:"Continuing service deployments"]: the hook is AWAITING_ACTION and the deployment IN_PROGRESS.
 * AWS does not document the error for a failed precondition; InvalidParameterException is our choice.
 */
export function continueHook(
  ctx: EcsContext,
  arn: string,
  hookId: string,
  action: 'CONTINUE' | 'ROLLBACK',
): { serviceDeploymentArn: string } {
  const sd = ctx.state.serviceDeployments[arn];
  if (!sd) throw serviceDeploymentNotFound();
  const native = sd.native;
  const run = native?.runs.find((r) => r.hookId === hookId);
  if (!native || !run) throw invalidParameter(`The lifecycle hook ${hookId} was not found in service deployment ${arn}.`);
  if (sd.status !== 'IN_PROGRESS')
    throw invalidParameter(`The service deployment is ${sd.status}; only an IN_PROGRESS service deployment can be continued.`);
  const now = ctx.now();
  const expired = run.status === 'AWAITING_ACTION' && run.expiresAt <= now;
  if (run.targetType !== 'PAUSE' || run.status !== 'AWAITING_ACTION' || expired || !native.awaitingHooks) {
    throw invalidParameter(`The lifecycle hook ${hookId} is not awaiting action (status ${expired ? 'TIMED_OUT' : run.status}).`);
  }
  const svc = Object.values(ctx.state.services).find((s) => s.arn === sd.serviceArn);
  if (!svc) throw invalidParameter('The service of the service deployment no longer exists.');
  if (action === 'ROLLBACK') {
    rollBackNative(ctx, svc, sd, CONTINUE_ROLLBACK_REASON);
  } else {
    sd.native = { ...native, runs: native.runs.map((r) => (r.hookId === hookId ? { ...r, status: 'SUCCEEDED' as const } : r)) };
    sd.updatedAt = now;
    ctx.engine.kick();
  }
  return { serviceDeploymentArn: arn };
}
