// The scheduler's pure decision for a BLUE_GREEN/CANARY/LINEAR service: fill one revision, keep or drain the others.
import {
  breakerTrips,
  type Decision,
  type SchedDeployment,
  type SchedService,
  type SchedTask,
  type SchedulerAction,
  type StopWhy,
} from './scheduler-decision.js';
import type { SchedulerHealth } from './task-health.js';

export interface NativeTaskInput {
  readonly service: SchedService;
  /** The deployment the scheduler fills to desiredCount (green, or blue again during a rollback). */
  readonly primaryId: string;
  /** Whether the primary may start tasks (not before SCALE_UP, never once it FAILED). */
  readonly launch: boolean;
  /** Another deployment kept at desiredCount alongside (blue, until CLEAN_UP). */
  readonly keepId?: string | undefined;
  readonly deployments: readonly SchedDeployment[];
  readonly tasks: readonly SchedTask[];
}

export interface NativeTaskDecision extends Decision {
  /** The primary runs desiredCount tasks, every one healthy, none on its way down. */
  readonly primaryReady: boolean;
  /** Every deployment that is neither primary nor kept has no task left. */
  readonly othersGone: boolean;
}

const isHealthy = (t: SchedTask): boolean => t.health.kind === 'healthy';
const stopOrder = (a: SchedTask, b: SchedTask): number => Number(isHealthy(a)) - Number(isHealthy(b)) || b.createdAt - a.createdAt;

function unhealthyWhy(h: SchedulerHealth): StopWhy {
  if (h.kind === 'unhealthy' && h.cause === 'elb') return { kind: 'unhealthy-elb', targetGroupArn: h.targetGroupArn, port: h.port };
  return { kind: 'unhealthy-container' };
}

/**
 * Unlike a rolling update, green starts all its tasks at once and blue keeps all of its own until CLEAN_UP
 * [DG:"Amazon ECS blue/green service deployments workflow"]; unhealthy tasks of either are replaced.
 */
export function decideNative(input: NativeTaskInput): NativeTaskDecision {
  const { service, deployments, tasks } = input;
  const desired = service.desiredCount;
  const primary = deployments.find((d) => d.id === input.primaryId);
  if (!primary) return { actions: [], condition: 'busy', primaryReady: false, othersGone: false };
  if (breakerTrips(service, primary)) {
    return {
      actions: [{ kind: 'fail-deployment', deploymentId: primary.id, rollback: service.circuitBreaker.rollback }],
      condition: 'busy',
      primaryReady: false,
      othersGone: false,
    };
  }
  const scale = (t: SchedTask): StopWhy => ({ kind: 'scale', deploymentId: t.deploymentId });
  const stops: { id: string; why: StopWhy }[] = tasks
    .filter((t) => t.health.kind === 'unhealthy')
    .map((t) => ({ id: t.id, why: unhealthyWhy(t.health) }));
  const starts: SchedulerAction[] = [];
  const live = tasks.filter((t) => t.health.kind !== 'unhealthy');
  const kept = new Set([primary.id, ...(input.keepId ? [input.keepId] : [])]);

  let primaryLive: SchedTask[] = [];
  for (const id of kept) {
    const own = live.filter((t) => t.deploymentId === id);
    const excess = [...own].sort(stopOrder).slice(0, Math.max(0, own.length - desired));
    for (const t of excess) stops.push({ id: t.id, why: scale(t) });
    const remaining = own.length - excess.length;
    const mayStart = id === primary.id ? input.launch && primary.rolloutState !== 'FAILED' : true;
    const count = mayStart ? desired - remaining : 0;
    const replaced = tasks.filter((t) => t.deploymentId === id && t.health.kind === 'unhealthy').length;
    if (count > 0) starts.push({ kind: 'start-tasks', deploymentId: id, count, replacedUnhealthy: Math.min(count, replaced) });
    if (id === primary.id) primaryLive = own.filter((t) => !excess.includes(t));
  }
  for (const t of live) if (!kept.has(t.deploymentId)) stops.push({ id: t.id, why: scale(t) });

  const others = deployments.filter((d) => !kept.has(d.id));
  const retired = others.filter((d) => d.stopping === 0 && !tasks.some((t) => t.deploymentId === d.id));
  const actions: SchedulerAction[] = [];
  if (stops.length > 0) actions.push({ kind: 'stop-tasks', tasks: stops });
  actions.push(...starts);
  for (const d of retired) actions.push({ kind: 'retire-deployment', deploymentId: d.id });

  const primaryReady =
    primaryLive.length === desired &&
    primaryLive.every(isHealthy) &&
    primary.stopping === 0 &&
    !stops.some((s) => tasks.find((t) => t.id === s.id)?.deploymentId === primary.id);
  const othersGone = retired.length === others.length;
  const steady = primaryReady && othersGone && input.keepId === undefined && stops.length === 0 && starts.length === 0;
  return { actions, condition: steady ? 'steady' : 'busy', primaryReady, othersGone };
}
