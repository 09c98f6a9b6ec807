// The scheduler loop's side of BLUE_GREEN/CANARY/LINEAR services: advance the lifecycle, then decide tasks for its plan.
import type { EcsContext } from './ecs-context.js';
import type { DeploymentRecord, ServiceDeploymentRecord, ServiceRecord } from './ecs-state.js';
import { applyNativeEffects, observation, rollBackNative } from './native-effects.js';
import { decideNative, type NativeTaskDecision } from './native-decision.js';
import { type NativeProgress, taskPlanOf } from './native-progress.js';
import { advanceStages, stopDeployment } from './native-stages.js';
import type { SchedulerInput } from './scheduler-decision.js';
import { messages, postEvent, rolloutReasons } from './service-events.js';

/** The service's current service deployment when it runs a native strategy. */
export function currentNative(ctx: EcsContext, svc: ServiceRecord): (ServiceDeploymentRecord & { native: NativeProgress }) | undefined {
  const sd = svc.currentServiceDeployment ? ctx.state.serviceDeployments[svc.currentServiceDeployment] : undefined;
  return sd?.native ? (sd as ServiceDeploymentRecord & { native: NativeProgress }) : undefined;
}

function decideFor(sd: ServiceDeploymentRecord & { native: NativeProgress }, input: SchedulerInput): NativeTaskDecision {
  const plan = taskPlanOf(sd.native);
  const blue = sd.native.blueDeploymentId;
  const primaryId = plan.primary === 'blue' && blue ? blue : sd.deploymentId;
  const keepId = plan.keepBlue && primaryId !== blue ? blue : undefined;
  return decideNative({
    service: input.service,
    primaryId,
    launch: plan.launch,
    deployments: input.deployments,
    tasks: input.tasks,
    ...(keepId ? { keepId } : {}),
  });
}

const MOVING: ReadonlySet<string> = new Set(['IN_PROGRESS', 'ROLLBACK_IN_PROGRESS']);

/** One scheduler pass for a native service: undefined when the service is not one (the rolling scheduler decides). */
export function tickNative(ctx: EcsContext, svc: ServiceRecord, input: SchedulerInput): NativeTaskDecision | undefined {
  const sd = currentNative(ctx, svc);
  if (!sd || svc.status !== 'ACTIVE') return undefined;
  if (sd.status === 'ROLLBACK_REQUESTED') {
    sd.status = 'ROLLBACK_IN_PROGRESS';
    sd.updatedAt = ctx.now();
  }
  if (MOVING.has(sd.status)) {
    const before = decideFor(sd, input);
    const r = advanceStages(sd.native, observation(ctx, before, taskPlanOf(sd.native)));
    if (r.next !== sd.native) {
      sd.native = r.next;
      sd.updatedAt = ctx.now();
    }
    applyNativeEffects(ctx, svc, sd, r.effects);
  }
  return decideFor(sd, input);
}

/** The circuit breaker tripped on a native deployment's new revision; false when the deployment is not native. */
export function failNative(ctx: EcsContext, svc: ServiceRecord, dep: DeploymentRecord, rollback: boolean): boolean {
  const sd = ctx.state.serviceDeployments[dep.serviceDeploymentArn];
  if (!sd?.native || sd.deploymentId !== dep.id) return false;
  const now = ctx.now();
  dep.rolloutState = 'FAILED';
  dep.rolloutStateReason = rolloutReasons.failed;
  dep.updatedAt = now;
  postEvent(svc, messages.deploymentFailed(svc.name, dep.id), now);
  sd.circuitBreaker.status = 'TRIGGERED';
  sd.statusReason = rolloutReasons.failed;
  sd.updatedAt = now;
  if (rollback && sd.native.blueDeploymentId !== undefined) {
    rollBackNative(ctx, svc, sd, rolloutReasons.failed);
    return true;
  }
  const r = stopDeployment(sd.native);
  sd.native = r.next;
  applyNativeEffects(ctx, svc, sd, r.effects);
  return true;
}
