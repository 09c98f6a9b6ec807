// The effectful side of the service scheduler: ticks on the clock, applies each pure decision, keeps the books.
import type { EcsContext } from './ecs-context.js';
import { taskDefinitionByArn, tasksOfService } from './ecs-context.js';
import { nextProvider, strategyItems } from './capacity-strategy.js';
import { startRollback } from './deployment-records.js';
import type { DeployableConfig, DeploymentRecord, LoadBalancerRef, ServiceRecord, StopCause, TaskRecord } from './ecs-state.js';
import { decide, type SchedulerAction, type StopWhy } from './scheduler-decision.js';
import { gatherInput } from './scheduler-inputs.js';
import { clearNotice, messages, postEvent, postNotice, REPOST_AFTER_MS, rolloutReasons, stopReasons } from './service-events.js';
import { circuitBreakerOf, circuitBreakerThreshold, failuresAfterHealthyTask } from './circuit-breaker.js';
import { failNative, tickNative } from './native-driver.js';
import { taskLoadBalancers } from './native-start.js';
import { newTaskRecord } from './task-factory.js';
import { decideTaskSets, type TaskSetDecision } from './task-set-decision.js';

/** What the scheduler starts tasks for: a deployment, or a CODE_DEPLOY service's task set. */
interface TaskSource {
  readonly id: string;
  readonly config: DeployableConfig;
  readonly loadBalancers: readonly LoadBalancerRef[];
}

type TaskSetInputTasks = Parameters<typeof decideTaskSets>[0]['tasks'];
import { placeTask, taskNeeds, unableToPlaceMessage } from './task-placement.js';
import { placedNeeds } from './container-instance-handlers.js';

/** Simulated interval between scheduler passes; changes also trigger a pass at once. */
export const TICK_MS = 1000;

export interface SchedulerLoop {
  kick(): void;
  /** A task of a service is being stopped: count it against its deployment when it is a failure. */
  stopRequested(task: TaskRecord): void;
  close(): void;
}

/** A stop that is a failure for the circuit breaker: never healthy, or failed a health check. */
const isFailure = (task: TaskRecord): boolean =>
  task.stopCause === 'unhealthy' ||
  ((task.stopCause === 'failed-to-start' || task.stopCause === 'essential-exit') && task.healthySince === undefined);

export function createSchedulerLoop(ctx: EcsContext): SchedulerLoop {
  const simulatedSince = (from: number) => (ctx.now() - from) * ctx.env.clock.speed;
  let pending: (() => void) | undefined;
  let closed = false;

  const sdOf = (d: DeploymentRecord) => ctx.state.serviceDeployments[d.serviceDeploymentArn];

  function stopText(task: TaskRecord, why: StopWhy): { reason: string; cause: StopCause } {
    if (why.kind === 'unhealthy-container') return { reason: stopReasons.containerUnhealthy, cause: 'unhealthy' };
    if (why.kind === 'unhealthy-elb') return { reason: stopReasons.elbUnhealthy(why.targetGroupArn), cause: 'unhealthy' };
    return { reason: stopReasons.scaling(task.deploymentId ?? why.deploymentId), cause: 'scheduler' };
  }

  function failDeployment(svc: ServiceRecord, dep: DeploymentRecord, rollback: boolean): void {
    if (failNative(ctx, svc, dep, rollback)) return;
    const now = ctx.now();
    dep.rolloutState = 'FAILED';
    dep.rolloutStateReason = rolloutReasons.failed;
    dep.updatedAt = now;
    postEvent(svc, messages.deploymentFailed(svc.name, dep.id), now);
    const sd = sdOf(dep);
    if (sd) {
      sd.circuitBreaker.status = 'TRIGGERED';
      sd.statusReason = rolloutReasons.failed;
      sd.updatedAt = now;
    }
    const rolled = rollback && !dep.rollbackOf ? startRollback(ctx, svc, dep, rolloutReasons.failed) : undefined;
    if (rolled) {
      postEvent(svc, messages.rollingBack(svc.name, rolled.messageId), now);
      return;
    }
    if (!sd) return;
    sd.status = dep.rollbackOf ? 'ROLLBACK_FAILED' : 'STOPPED';
    sd.finishedAt = now;
    if (!dep.rollbackOf) sd.stoppedAt = now;
  }

  function completeDeployment(svc: ServiceRecord, dep: DeploymentRecord): void {
    const now = ctx.now();
    dep.rolloutState = 'COMPLETED';
    dep.rolloutStateReason = rolloutReasons.completed(dep.id);
    dep.updatedAt = now;
    svc.lastCompleted = { deploymentId: dep.messageId, serviceRevisionArn: dep.serviceRevisionArn };
    postEvent(svc, messages.deploymentCompleted(svc.name, dep.messageId), now);
    const sd = sdOf(dep);
    if (!sd) return;
    sd.status = dep.rollbackOf ? 'ROLLBACK_SUCCESSFUL' : 'SUCCESSFUL';
    sd.finishedAt = sd.updatedAt = now;
    if (sd.circuitBreaker.status === 'MONITORING') sd.circuitBreaker.status = 'MONITORING_COMPLETE';
  }

  function providerCounts(svc: ServiceRecord): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const t of tasksOfService(ctx, svc))
      if (t.desiredStatus === 'RUNNING' && t.capacityProviderName !== undefined)
        counts[t.capacityProviderName] = (counts[t.capacityProviderName] ?? 0) + 1;
    return counts;
  }

  function startTasks(svc: ServiceRecord, dep: TaskSource, count: number, replaced: number): void {
    const td = taskDefinitionByArn(ctx, dep.config.taskDefinition);
    if (!td) return;
    const ids: string[] = [];
    const need = taskNeeds(td);
    const items = dep.config.capacityProviderStrategy ? strategyItems(dep.config.capacityProviderStrategy) : undefined;
    // The base and weights apply to the service's live tasks [API:ECS CapacityProviderStrategyItem].
    const perProvider = items ? providerCounts(svc) : {};
    for (let i = 0; i < count; i++) {
      const provider = items ? nextProvider(items, perProvider) : undefined;
      if (provider !== undefined) perProvider[provider] = (perProvider[provider] ?? 0) + 1;
      const placement =
        dep.config.launchType === 'EC2'
          ? placeTask(ctx, svc.clusterName, `service:${svc.name}`, need, placedNeeds(ctx), svc.placementStrategy)
          : undefined;
      if (placement?.kind === 'failed') {
        postNotice(svc, unableToPlaceMessage(svc.name, placement.failures), ctx.now(), simulatedSince);
        break;
      }
      let ip: string;
      try {
        ip = ctx.engine.allocateAddress();
      } catch (e) {
        postNotice(svc, messages.unableToPlace(svc.name, e instanceof Error ? e.message : String(e)), ctx.now(), simulatedSince);
        break;
      }
      const task = newTaskRecord(
        ctx,
        {
          cluster: svc.clusterName,
          taskDefinition: td,
          launchType: dep.config.launchType,
          overrides: {},
          group: `service:${svc.name}`,
          ...(placement ? { containerInstanceArn: placement.arn } : {}),
          ...(provider !== undefined ? { capacityProviderName: provider } : {}),
          startedBy: dep.id,
          serviceName: svc.name,
          deploymentId: dep.id,
          loadBalancers: dep.loadBalancers,
          tags: svc.propagateTags === 'SERVICE' ? svc.tags : svc.propagateTags === 'TASK_DEFINITION' ? td.tags : [],
          enableExecuteCommand: svc.enableExecuteCommand,
          ...(dep.config.platformVersion ? { platformVersion: dep.config.platformVersion } : {}),
          ...(dep.config.networkConfiguration ? { networkConfiguration: dep.config.networkConfiguration } : {}),
        },
        ip,
      );
      ctx.state.tasks[task.id] = task;
      ctx.engine.launch(task);
      ids.push(task.id);
    }
    if (ids.length > 0) postEvent(svc, messages.started(svc.name, ids, Math.min(replaced, ids.length)), ctx.now());
  }

  function apply(svc: ServiceRecord, action: SchedulerAction, byId: ReadonlyMap<string, TaskRecord>): void {
    const now = ctx.now();
    const dep = (id: string) => svc.deployments.find((d) => d.id === id);
    switch (action.kind) {
      case 'fail-deployment': {
        const d = dep(action.deploymentId);
        if (d) failDeployment(svc, d, action.rollback);
        return;
      }
      case 'complete-deployment': {
        const d = dep(action.deploymentId);
        if (d) completeDeployment(svc, d);
        return;
      }
      case 'retire-deployment': {
        // A retired deployment leaves the list as it leaves DescribeServices: nothing reads it again, and a service
        // redeployed all day would otherwise carry every deployment it ever had.
        const d = dep(action.deploymentId);
        if (d) {
          d.status = 'INACTIVE';
          d.updatedAt = now;
          svc.deployments = svc.deployments.filter((x) => x !== d);
        }
        if (svc.taskSets) svc.taskSets = svc.taskSets.filter((s) => s.id !== action.deploymentId);
        return;
      }
      case 'start-tasks': {
        const d = dep(action.deploymentId);
        if (d) startTasks(svc, { id: d.id, config: d.config, loadBalancers: taskLoadBalancers(d) }, action.count, action.replacedUnhealthy);
        const set = svc.taskSets?.find((s) => s.id === action.deploymentId);
        if (set) startTasks(svc, { ...set, loadBalancers: set.config.loadBalancers }, action.count, action.replacedUnhealthy);
        return;
      }
      case 'stop-tasks': {
        const stopped: string[] = [];
        for (const { id, why } of action.tasks) {
          const task = byId.get(id);
          if (!task) continue;
          if (why.kind === 'unhealthy-container') postEvent(svc, messages.containerUnhealthy(svc.name, task.id), now);
          const { reason, cause } = stopText(task, why);
          ctx.engine.stop(task, {
            code: 'ServiceSchedulerInitiated',
            reason,
            cause: svc.status === 'DRAINING' ? 'service-deleted' : cause,
          });
          stopped.push(task.id);
        }
        if (stopped.length > 0) postEvent(svc, messages.stopped(svc.name, stopped), now);
      }
    }
  }

  function advanceServiceDeployments(svc: ServiceRecord): void {
    const now = ctx.now();
    for (const d of svc.deployments) {
      const sd = d.status === 'INACTIVE' ? undefined : sdOf(d);
      if (!sd) continue;
      if (sd.status === 'PENDING') {
        sd.status = 'IN_PROGRESS';
        sd.startedAt = sd.updatedAt = now;
      } else if (sd.status === 'ROLLBACK_REQUESTED' && d.rollbackOf === sd.arn) {
        sd.status = 'ROLLBACK_IN_PROGRESS';
        sd.updatedAt = now;
      }
      // The breaker's figures belong to the deployment it watches, not to a rollback carried out under the same record.
      if (d.status === 'PRIMARY' && !d.rollbackOf && sd.circuitBreaker.status === 'MONITORING') {
        sd.circuitBreaker.failureCount = d.failedTasks;
        sd.circuitBreaker.threshold = circuitBreakerThreshold(svc.desiredCount, circuitBreakerOf(svc.deploymentConfiguration).threshold);
      }
    }
  }

  function tickService(svc: ServiceRecord): void {
    if (svc.status === 'INACTIVE') return;
    advanceServiceDeployments(svc);
    const { input, byId, health } = gatherInput(ctx, svc);
    for (const [id, h] of health) {
      const task = byId.get(id);
      if (!task || h.kind !== 'healthy' || task.healthySince !== undefined) continue;
      task.healthySince = ctx.now();
      const d = svc.deployments.find((x) => x.id === task.deploymentId);
      if (d && d.rolloutState === 'IN_PROGRESS')
        d.failedTasks = failuresAfterHealthyTask(d.failedTasks, circuitBreakerOf(svc.deploymentConfiguration));
    }
    const decision = svc.taskSets ? decideForTaskSets(svc, input.tasks, byId) : (tickNative(ctx, svc, input) ?? decide(input));
    for (const action of decision.actions) apply(svc, action, byId);
    if (svc.status === 'DRAINING') {
      const busy = [...byId.values()].some((t) =>
        ['PROVISIONING', 'PENDING', 'ACTIVATING', 'RUNNING', 'DEACTIVATING'].includes(t.lastStatus),
      );
      if (!busy) {
        svc.status = 'INACTIVE';
        for (const d of svc.deployments) d.status = 'INACTIVE';
      }
      return;
    }
    const stuck = messages.stuck(svc.name);
    if (decision.condition === 'stuck') postNotice(svc, stuck, ctx.now(), simulatedSince);
    else clearNotice(svc, stuck);
    if (decision.condition !== 'steady') {
      svc.steadySince = undefined;
      return;
    }
    if (svc.steadySince === undefined || simulatedSince(svc.steadySince) >= REPOST_AFTER_MS) {
      svc.steadySince = ctx.now();
      postEvent(svc, messages.steadyState(svc.name), ctx.now());
    }
  }

  function decideForTaskSets(svc: ServiceRecord, tasks: TaskSetInputTasks, byId: ReadonlyMap<string, TaskRecord>): TaskSetDecision {
    const sets = svc.taskSets ?? [];
    const stopping = (id: string) =>
      [...byId.values()].filter((t) => t.deploymentId === id && t.desiredStatus === 'STOPPED' && t.lastStatus !== 'STOPPED').length;
    const decision = decideTaskSets({
      desiredCount: svc.desiredCount,
      draining: svc.status === 'DRAINING',
      sets: sets.map((s) => ({ id: s.id, status: s.status, scalePercent: s.scalePercent, stopping: stopping(s.id) })),
      tasks,
    });
    const now = ctx.now();
    for (const s of sets) {
      const status = decision.steadySets.includes(s.id) ? 'STEADY_STATE' : 'STABILIZING';
      if (s.stabilityStatus !== status) {
        s.stabilityStatus = status;
        s.stabilityStatusAt = now;
      }
    }
    return decision;
  }

  function tick(): void {
    pending = undefined;
    if (closed) return;
    for (const svc of Object.values(ctx.state.services)) tickService(svc);
  }

  const cancelEvery = ctx.env.clock.every(TICK_MS, tick);

  return {
    kick() {
      if (pending || closed) return;
      pending = ctx.env.clock.after(0, tick);
    },
    stopRequested(task) {
      if (!task.serviceName || !task.deploymentId || !isFailure(task)) return;
      const svc = Object.values(ctx.state.services).find((s) => s.clusterName === task.clusterName && s.name === task.serviceName);
      const d = svc?.deployments.find((x) => x.id === task.deploymentId);
      if (!svc || !d || d.rolloutState !== 'IN_PROGRESS') return;
      d.failedTasks += 1;
      if (circuitBreakerOf(svc.deploymentConfiguration).enable) {
        const sd = sdOf(d);
        if (sd) sd.circuitBreaker.failureCount = d.failedTasks;
      }
    },
    close() {
      closed = true;
      cancelEvery();
      pending?.();
    },
  };
}
