// Carries out what the native lifecycle decides: listener-rule weights through the ELBv2 seam, rollback and completion books.
import { randomBytes } from 'node:crypto';
import type { EcsContext } from './ecs-context.js';
import type { DeploymentRecord, ServiceDeploymentRecord, ServiceRecord } from './ecs-state.js';
import type { HookTargetType, TaskPlan } from './native-progress.js';
import { type StageEffect, type StageObservation, startRollback } from './native-stages.js';
import { ruleWeights } from './native-strategy.js';
import { messages, postEvent, rolloutReasons } from './service-events.js';

/** Like `ecs-pause-e7tK9G_WRJqNF_EOMjztDXfKenlJuEUVjsNStf4WLKw` [DG:"Pause hooks for Amazon ECS service deployments"]. */
export const newHookId = (type: HookTargetType): string =>
  `${type === 'PAUSE' ? 'ecs-pause' : 'ecs-lambda'}-${randomBytes(32).toString('base64url')}`;

export const observation = (ctx: EcsContext, ready: { primaryReady: boolean; othersGone: boolean }, plan?: TaskPlan): StageObservation => ({
  now: ctx.now(),
  real: (ms) => ctx.env.clock.real(ms),
  newHookId,
  primaryReady: ready.primaryReady,
  othersGone: ready.othersGone,
  ...(plan ? { plan } : {}),
});

export const greenOf = (svc: ServiceRecord, sd: ServiceDeploymentRecord): DeploymentRecord | undefined =>
  svc.deployments.find((d) => d.id === sd.deploymentId);

export const blueOf = (svc: ServiceRecord, sd: ServiceDeploymentRecord): DeploymentRecord | undefined =>
  sd.native?.blueDeploymentId === undefined ? undefined : svc.deployments.find((d) => d.id === sd.native!.blueDeploymentId);

/**
 * Moves the production (and test) listener rules of every load balancer: the new revision's target group gets its
 * share, the other group of the pair the rest. A rule that has gone away since the service was created is left alone.
 */
export function moveWeights(ctx: EcsContext, green: DeploymentRecord, production: number, test: number): void {
  const registry = ctx.env.seams.targets;
  if (!registry) return;
  green.config.loadBalancers.forEach((lb, i) => {
    const adv = lb.advancedConfiguration;
    if (!adv || !lb.targetGroupArn) return;
    const greenTg = green.targetGroups?.[i] ?? lb.targetGroupArn;
    const blueTg = greenTg === adv.alternateTargetGroupArn ? lb.targetGroupArn : adv.alternateTargetGroupArn;
    const set = (rule: string, percent: number) => {
      const w = ruleWeights(percent);
      try {
        registry.setForwardWeights(rule, { [greenTg]: w.green, [blueTg]: w.blue });
      } catch {
        // The rule was deleted or changed by hand: ECS would fail to shift; the sandbox keeps the rule as it is.
      }
    };
    set(adv.productionListenerRule, production);
    if (adv.testListenerRule) set(adv.testListenerRule, test);
  });
}

function beginRollback(ctx: EcsContext, svc: ServiceRecord, sd: ServiceDeploymentRecord, reason: string): void {
  const now = ctx.now();
  const green = greenOf(svc, sd);
  const blue = blueOf(svc, sd);
  if (!blue) return;
  sd.status = 'ROLLBACK_REQUESTED';
  sd.statusReason = reason;
  sd.rollback = { reason, startedAt: now, serviceRevisionArn: blue.serviceRevisionArn };
  sd.updatedAt = now;
  if (green) {
    green.rolloutState = 'FAILED';
    green.rolloutStateReason = reason;
    green.status = 'ACTIVE';
    green.updatedAt = now;
  }
  blue.status = 'PRIMARY';
  blue.updatedAt = now;
  svc.config = blue.config;
  svc.steadySince = undefined;
  postEvent(svc, messages.rollingBack(svc.name, blue.messageId), now);
}

function finish(
  ctx: EcsContext,
  svc: ServiceRecord,
  sd: ServiceDeploymentRecord,
  outcome: 'SUCCESSFUL' | 'ROLLBACK_SUCCESSFUL' | 'STOPPED',
): void {
  const now = ctx.now();
  sd.status = outcome;
  sd.finishedAt = sd.updatedAt = now;
  if (outcome === 'STOPPED') {
    sd.stoppedAt = now;
    return;
  }
  if (sd.circuitBreaker.status === 'MONITORING') sd.circuitBreaker.status = 'MONITORING_COMPLETE';
  const done = outcome === 'SUCCESSFUL' ? greenOf(svc, sd) : blueOf(svc, sd);
  if (!done) return;
  if (outcome === 'SUCCESSFUL') {
    done.rolloutState = 'COMPLETED';
    done.rolloutStateReason = rolloutReasons.completed(done.id);
    done.updatedAt = now;
    svc.lastCompleted = { deploymentId: done.messageId, serviceRevisionArn: done.serviceRevisionArn };
  }
  postEvent(svc, messages.deploymentCompleted(svc.name, done.messageId), now);
}

export function applyNativeEffects(
  ctx: EcsContext,
  svc: ServiceRecord,
  sd: ServiceDeploymentRecord,
  effects: readonly StageEffect[],
): void {
  for (const e of effects) {
    if (e.kind === 'weights') {
      const green = greenOf(svc, sd);
      if (green) moveWeights(ctx, green, e.production, e.test);
    } else if (e.kind === 'rollback') beginRollback(ctx, svc, sd, e.reason);
    else finish(ctx, svc, sd, e.outcome);
  }
}

/** ContinueServiceDeployment ROLLBACK, StopServiceDeployment ROLLBACK, the circuit breaker: traffic back to blue at once. */
export function rollBackNative(ctx: EcsContext, svc: ServiceRecord, sd: ServiceDeploymentRecord, reason: string): void {
  if (!sd.native) return;
  const r = startRollback(sd.native, observation(ctx, { primaryReady: false, othersGone: false }), reason);
  sd.native = r.next;
  applyNativeEffects(ctx, svc, sd, r.effects);
  ctx.engine.kick();
}
