// The service scheduler's decision for one tick, as a pure function: which tasks to start and stop, which deployments change.
import { circuitBreakerThreshold, type ThresholdConfiguration } from './circuit-breaker.js';
import type { RolloutState } from './ecs-state.js';
import type { SchedulerHealth } from './task-health.js';

export interface SchedService {
  readonly status: 'ACTIVE' | 'DRAINING';
  readonly desiredCount: number;
  readonly minimumHealthyPercent: number;
  readonly maximumPercent: number;
  readonly circuitBreaker: { readonly enable: boolean; readonly rollback: boolean; readonly threshold?: ThresholdConfiguration };
  /** [DG:"Complete Amazon ECS rolling deployments early with early success criteria"], when enabled. */
  readonly earlySuccess?: EarlySuccess;
}

export interface EarlySuccess {
  readonly healthyPercent: number;
  /** BLOCKING: the source revisions' tasks are gone before the deployment completes; DEFERRED: they go afterwards. */
  readonly cleanup: 'BLOCKING' | 'DEFERRED';
}

/** Whether the breaker has seen enough failures to fail the IN_PROGRESS primary. Shared with the native decision. */
export const breakerTrips = (service: SchedService, primary: SchedDeployment): boolean =>
  primary.rolloutState === 'IN_PROGRESS' &&
  service.circuitBreaker.enable &&
  primary.failedTasks >= circuitBreakerThreshold(service.desiredCount, service.circuitBreaker.threshold);

/** Healthy target-revision tasks early success asks for: healthyPercent of desiredCount, rounded up. */
export const earlySuccessTasks = (desired: number, healthyPercent: number): number => Math.ceil((desired * healthyPercent) / 100);

export interface SchedDeployment {
  readonly id: string;
  readonly status: 'PRIMARY' | 'ACTIVE';
  readonly rolloutState: RolloutState;
  readonly failedTasks: number;
  /** Tasks of this deployment told to stop that have not reached STOPPED yet. */
  readonly stopping: number;
}

/** A task the scheduler still wants running (desiredStatus RUNNING). */
export interface SchedTask {
  readonly id: string;
  readonly deploymentId: string;
  readonly health: SchedulerHealth;
  /** Ordering only: later-started tasks are stopped first on scale-in. */
  readonly createdAt: number;
}

export interface SchedulerInput {
  readonly service: SchedService;
  readonly deployments: readonly SchedDeployment[];
  readonly tasks: readonly SchedTask[];
}

export type StopWhy =
  | { readonly kind: 'scale'; readonly deploymentId: string }
  | { readonly kind: 'unhealthy-container' }
  | { readonly kind: 'unhealthy-elb'; readonly targetGroupArn: string; readonly port: number };

export type SchedulerAction =
  | { readonly kind: 'fail-deployment'; readonly deploymentId: string; readonly rollback: boolean }
  | { readonly kind: 'stop-tasks'; readonly tasks: readonly { readonly id: string; readonly why: StopWhy }[] }
  | { readonly kind: 'start-tasks'; readonly deploymentId: string; readonly count: number; readonly replacedUnhealthy: number }
  | { readonly kind: 'retire-deployment'; readonly deploymentId: string }
  | { readonly kind: 'complete-deployment'; readonly deploymentId: string; readonly early?: boolean };

/** steady: nothing left to do; stuck: work remains but the bounds allow no move; busy: anything else. */
export type SchedulerCondition = 'steady' | 'stuck' | 'busy';

export interface Decision {
  readonly actions: readonly SchedulerAction[];
  readonly condition: SchedulerCondition;
}

/** [DG:"Deploy Amazon ECS services by replacing tasks"]: tasks that must stay healthy, and tasks that may run at once. */
export const deploymentBounds = (desired: number, minimumHealthyPercent: number, maximumPercent: number) => ({
  lower: Math.ceil((desired * minimumHealthyPercent) / 100),
  upper: Math.floor((desired * maximumPercent) / 100),
});

/** A configuration that can neither start a task above desired nor stop one below it can never replace tasks. */
export const isStuckConfiguration = (desired: number, minimumHealthyPercent: number, maximumPercent: number): boolean => {
  if (desired === 0) return false;
  const { lower, upper } = deploymentBounds(desired, minimumHealthyPercent, maximumPercent);
  return upper <= desired && lower >= desired;
};

const isHealthy = (t: SchedTask): boolean => t.health.kind === 'healthy';

/** Not-yet-healthy tasks first, then the most recently created: the cheapest to lose. */
const stopOrder = (a: SchedTask, b: SchedTask): number => Number(isHealthy(a)) - Number(isHealthy(b)) || b.createdAt - a.createdAt;

function unhealthyWhy(h: SchedulerHealth): StopWhy | undefined {
  if (h.kind !== 'unhealthy') return undefined;
  return h.cause === 'container'
    ? { kind: 'unhealthy-container' }
    : { kind: 'unhealthy-elb', targetGroupArn: h.targetGroupArn, port: h.port };
}

export function decide(input: SchedulerInput): Decision {
  const { service, deployments, tasks } = input;
  const primary = deployments.find((d) => d.status === 'PRIMARY');
  if (!primary) return { actions: [], condition: 'busy' };
  const scale = (t: SchedTask): StopWhy => ({ kind: 'scale', deploymentId: t.deploymentId });

  if (service.status === 'DRAINING') {
    const actions: SchedulerAction[] = [];
    if (tasks.length > 0) actions.push({ kind: 'stop-tasks', tasks: tasks.map((t) => ({ id: t.id, why: scale(t) })) });
    return { actions, condition: 'busy' };
  }

  const desired = service.desiredCount;
  if (breakerTrips(service, primary)) {
    return {
      actions: [{ kind: 'fail-deployment', deploymentId: primary.id, rollback: service.circuitBreaker.rollback }],
      condition: 'busy',
    };
  }

  const { lower, upper } = deploymentBounds(desired, service.minimumHealthyPercent, service.maximumPercent);
  const stops: { id: string; why: StopWhy }[] = [];

  // Unhealthy tasks never count towards the lower bound, so stopping them can never break it.
  const unhealthy = tasks.filter((t) => t.health.kind === 'unhealthy');
  for (const t of unhealthy) stops.push({ id: t.id, why: unhealthyWhy(t.health)! });
  const live = tasks.filter((t) => t.health.kind !== 'unhealthy');
  let primaryTasks = live.filter((t) => t.deploymentId === primary.id);
  const oldTasks = live.filter((t) => t.deploymentId !== primary.id);
  let healthy = live.filter(isHealthy).length;

  if (primaryTasks.length > desired) {
    const excess = [...primaryTasks].sort(stopOrder).slice(0, primaryTasks.length - desired);
    for (const t of excess) stops.push({ id: t.id, why: scale(t) });
    healthy -= excess.filter(isHealthy).length;
    primaryTasks = primaryTasks.filter((t) => !excess.includes(t));
  }

  const oldSorted = [...oldTasks].sort(stopOrder);
  let oldKept = 0;
  for (const t of oldSorted) {
    if (!isHealthy(t)) stops.push({ id: t.id, why: scale(t) });
    else if (healthy - 1 >= lower) {
      stops.push({ id: t.id, why: scale(t) });
      healthy -= 1;
    } else oldKept += 1;
  }

  const total = primaryTasks.length + oldKept;
  const need = primary.rolloutState === 'FAILED' ? 0 : Math.max(0, desired - primaryTasks.length);
  const start = Math.min(need, Math.max(0, upper - total));

  const actions: SchedulerAction[] = [];
  if (stops.length > 0) actions.push({ kind: 'stop-tasks', tasks: stops });
  if (start > 0)
    actions.push({ kind: 'start-tasks', deploymentId: primary.id, count: start, replacedUnhealthy: Math.min(start, unhealthy.length) });

  const remaining = deployments.filter((d) => d.status === 'ACTIVE');
  const retired = remaining.filter((d) => d.stopping === 0 && !tasks.some((t) => t.deploymentId === d.id));
  for (const d of retired) actions.push({ kind: 'retire-deployment', deploymentId: d.id });

  const othersGone = retired.length === remaining.length;
  const settled =
    othersGone &&
    stops.length === 0 &&
    start === 0 &&
    primary.stopping === 0 &&
    primaryTasks.length === desired &&
    primaryTasks.every(isHealthy);
  const early = service.earlySuccess;
  const earlyDone =
    early !== undefined &&
    primaryTasks.filter(isHealthy).length >= earlySuccessTasks(desired, early.healthyPercent) &&
    (early.cleanup === 'DEFERRED' || othersGone);
  if ((settled || earlyDone) && primary.rolloutState === 'IN_PROGRESS')
    actions.push({ kind: 'complete-deployment', deploymentId: primary.id, ...(settled ? {} : { early: true }) });
  if (settled && primary.rolloutState !== 'FAILED') return { actions, condition: 'steady' };

  const transitional = live.some((t) => t.health.kind === 'waiting') || deployments.some((d) => d.stopping > 0);
  const workRemains = need > 0 || oldTasks.length > 0;
  const stuck = workRemains && stops.length === 0 && start === 0 && !transitional && primary.rolloutState !== 'FAILED';
  return { actions, condition: stuck ? 'stuck' : 'busy' };
}
