// The scheduler's decision for a CODE_DEPLOY service, as a pure function: each task set keeps its share of the desired count.
import type { Decision, SchedTask, SchedulerAction, StopWhy } from './scheduler-decision.js';

export interface SchedTaskSet {
  readonly id: string;
  readonly status: 'PRIMARY' | 'ACTIVE' | 'DRAINING';
  readonly scalePercent: number;
  /** Tasks of this set told to stop that have not reached STOPPED yet. */
  readonly stopping: number;
}

export interface TaskSetInput {
  readonly desiredCount: number;
  readonly draining: boolean;
  readonly sets: readonly SchedTaskSet[];
  readonly tasks: readonly SchedTask[];
}

export interface TaskSetDecision extends Decision {
  /** Sets whose running tasks match their computed desired count, all healthy. */
  readonly steadySets: readonly string[];
}

/** [API:ECS TaskSet] computedDesiredCount: the service's desired count times the set's scale, rounded up. */
export const computedDesiredCount = (desired: number, scalePercent: number): number => Math.ceil((desired * scalePercent) / 100);

const isHealthy = (t: SchedTask): boolean => t.health.kind === 'healthy';
const stopOrder = (a: SchedTask, b: SchedTask): number => Number(isHealthy(a)) - Number(isHealthy(b)) || b.createdAt - a.createdAt;

function unhealthyWhy(t: SchedTask): StopWhy {
  const h = t.health;
  if (h.kind === 'unhealthy' && h.cause !== 'container') return { kind: 'unhealthy-elb', targetGroupArn: h.targetGroupArn, port: h.port };
  return { kind: 'unhealthy-container' };
}

export function decideTaskSets(input: TaskSetInput): TaskSetDecision {
  const stops: { id: string; why: StopWhy }[] = [];
  const actions: SchedulerAction[] = [];
  const steadySets: string[] = [];
  let busy = false;
  for (const set of input.sets) {
    const want = input.draining || set.status === 'DRAINING' ? 0 : computedDesiredCount(input.desiredCount, set.scalePercent);
    const mine = input.tasks.filter((t) => t.deploymentId === set.id);
    const unhealthy = mine.filter((t) => t.health.kind === 'unhealthy');
    for (const t of unhealthy) stops.push({ id: t.id, why: unhealthyWhy(t) });
    const live = mine.filter((t) => t.health.kind !== 'unhealthy');
    if (live.length > want)
      for (const t of [...live].sort(stopOrder).slice(0, live.length - want))
        stops.push({ id: t.id, why: { kind: 'scale', deploymentId: set.id } });
    const start = Math.max(0, want - live.length);
    if (start > 0)
      actions.push({ kind: 'start-tasks', deploymentId: set.id, count: start, replacedUnhealthy: Math.min(start, unhealthy.length) });
    if (set.status === 'DRAINING' && mine.length === 0 && set.stopping === 0)
      actions.push({ kind: 'retire-deployment', deploymentId: set.id });
    const steady = unhealthy.length === 0 && start === 0 && live.length === want && live.every(isHealthy) && set.stopping === 0;
    if (steady) steadySets.push(set.id);
    else busy = true;
  }
  if (stops.length > 0) actions.unshift({ kind: 'stop-tasks', tasks: stops });
  return { actions, condition: busy || stops.length > 0 ? 'busy' : 'steady', steadySets };
}
