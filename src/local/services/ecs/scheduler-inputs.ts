// Reads one service's tasks and deployments into the scheduler's pure input, judging each task's health on the way.
import type { TargetRegistry } from '../../env.js';
import type { EcsContext } from './ecs-context.js';
import { taskDefinitionByArn, tasksOfService } from './ecs-context.js';
import type { Json, ServiceRecord, TaskRecord } from './ecs-state.js';
import { circuitBreakerOf } from './circuit-breaker.js';
import type { SchedulerInput, SchedTask } from './scheduler-decision.js';
import { earlySuccessOf } from './early-success.js';
import { judgeHealth, type SchedulerHealth } from './task-health.js';
import { registrationsOf } from './task-targets.js';

export const numberOr = (v: unknown, fallback: number): number => (typeof v === 'number' ? v : fallback);

/** Whether an essential container of the task's definition declares a health check. */
export function hasEssentialCheck(ctx: EcsContext, task: TaskRecord): boolean {
  const td = taskDefinitionByArn(ctx, task.taskDefinitionArn);
  const defs = (td?.body.containerDefinitions as Json[] | undefined) ?? [];
  return defs.some((d) => d.essential !== false && d.healthCheck !== undefined);
}

export function taskHealth(ctx: EcsContext, svc: ServiceRecord, task: TaskRecord, targets: TargetRegistry | undefined): SchedulerHealth {
  const speed = ctx.env.clock.speed;
  const running = task.lastStatus === 'RUNNING' && task.startedAt !== undefined;
  return judgeHealth({
    running,
    sinceRunningMs: running ? (ctx.now() - task.startedAt!) * speed : 0,
    sinceRunningRealMs: running ? ctx.now() - task.startedAt! : 0,
    hasContainerCheck: hasEssentialCheck(ctx, task),
    taskHealth: task.healthStatus,
    targets: registrationsOf(task).map((r) => ({
      ...r,
      state: running ? targets?.health(r.targetGroupArn, { id: task.ip, port: r.port }) : undefined,
    })),
    graceMs: numberOr(svc.healthCheckGracePeriodSeconds, 0) * 1000,
  });
}

export interface GatheredInput {
  readonly input: SchedulerInput;
  readonly byId: ReadonlyMap<string, TaskRecord>;
  readonly health: ReadonlyMap<string, SchedulerHealth>;
}

export function gatherInput(ctx: EcsContext, svc: ServiceRecord): GatheredInput {
  const all = tasksOfService(ctx, svc);
  const wanted = all.filter((t) => t.desiredStatus === 'RUNNING' && t.lastStatus !== 'STOPPED');
  const targets = ctx.env.seams.targets;
  const health = new Map(wanted.map((t) => [t.id, taskHealth(ctx, svc, t, targets)] as const));
  const tasks: SchedTask[] = wanted.map((t) => ({
    id: t.id,
    deploymentId: t.deploymentId ?? '',
    health: health.get(t.id)!,
    createdAt: t.createdAt,
  }));
  const dc = svc.deploymentConfiguration;
  const early = earlySuccessOf(dc);
  const input: SchedulerInput = {
    service: {
      status: svc.status === 'DRAINING' ? 'DRAINING' : 'ACTIVE',
      desiredCount: svc.desiredCount,
      minimumHealthyPercent: numberOr(dc.minimumHealthyPercent, 100),
      maximumPercent: numberOr(dc.maximumPercent, 200),
      circuitBreaker: circuitBreakerOf(dc),
      ...(early ? { earlySuccess: early } : {}),
    },
    deployments: svc.deployments
      .filter((d) => d.status !== 'INACTIVE')
      .map((d) => ({
        id: d.id,
        status: d.status === 'PRIMARY' ? 'PRIMARY' : 'ACTIVE',
        rolloutState: d.rolloutState,
        failedTasks: d.failedTasks,
        stopping: all.filter((t) => t.deploymentId === d.id && t.desiredStatus === 'STOPPED' && t.lastStatus !== 'STOPPED').length,
      })),
    tasks,
  };
  return { input, byId: new Map(all.map((t) => [t.id, t] as const)), health };
}
