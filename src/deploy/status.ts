// `status`: the service's deployments, its tasks and its recent events, read from AWS.
import type { Deployment, Service, Task } from '@aws-sdk/client-ecs';
import type { DeployContext } from './deploy-context.js';
import { formatEvent } from './deployment-status.js';
import { requireService, taskDefinitionName } from './service-lookup.js';
import { taskIdOf } from './task-logs.js';

export interface StatusTask {
  readonly taskId: string;
  readonly taskDefinition: string;
  readonly lastStatus?: string;
  readonly desiredStatus?: string;
  readonly healthStatus?: string;
  readonly startedAt?: Date;
}

export interface StatusResult {
  readonly service: string;
  readonly cluster: string;
  readonly status?: string;
  readonly taskDefinition: string;
  readonly desiredCount?: number;
  readonly runningCount?: number;
  readonly pendingCount?: number;
  readonly deployments: readonly {
    readonly id?: string;
    readonly status?: string;
    readonly taskDefinition: string;
    readonly desiredCount?: number;
    readonly runningCount?: number;
    readonly pendingCount?: number;
    readonly failedTasks?: number;
    readonly rolloutState?: string;
    readonly rolloutStateReason?: string;
    readonly createdAt?: Date;
  }[];
  readonly tasks: readonly StatusTask[];
  readonly events: readonly { readonly createdAt?: Date; readonly message?: string }[];
  /** An Express service: its status, public endpoint and how many configurations are active (two during a deployment). */
  readonly express?: {
    readonly statusCode?: string;
    readonly endpoint?: string;
    readonly taskDefinition?: string;
    readonly activeConfigurations: number;
  };
}

const deploymentView = (d: Deployment) => ({
  id: d.id,
  status: d.status,
  taskDefinition: taskDefinitionName(d.taskDefinition),
  desiredCount: d.desiredCount,
  runningCount: d.runningCount,
  pendingCount: d.pendingCount,
  failedTasks: d.failedTasks,
  rolloutState: d.rolloutState,
  rolloutStateReason: d.rolloutStateReason,
  createdAt: d.createdAt,
});

/** Pure: the fields of a task that `status` and `tasks` show. */
export const taskView = (t: Task): StatusTask =>
  ({
    taskId: taskIdOf(t.taskArn ?? ''),
    taskDefinition: taskDefinitionName(t.taskDefinitionArn),
    lastStatus: t.lastStatus,
    desiredStatus: t.desiredStatus,
    healthStatus: t.healthStatus,
    startedAt: t.startedAt,
  }) as StatusTask;

/** Pure: the text `status` prints. */
export function formatStatus(s: StatusResult): string {
  const lines = [
    `service ${s.service} (cluster ${s.cluster}): ${s.status ?? '?'}, task definition ${s.taskDefinition}`,
    `tasks: ${s.runningCount ?? 0} running, ${s.pendingCount ?? 0} pending, ${s.desiredCount ?? 0} desired`,
    'deployments:',
    ...s.deployments.map(
      (d) =>
        `  ${d.status} ${d.id} ${d.taskDefinition} ${d.runningCount ?? 0}/${d.desiredCount ?? 0} running${d.failedTasks ? `, ${d.failedTasks} failed` : ''}${d.rolloutState ? ` ${d.rolloutState}` : ''}`,
    ),
    'tasks:',
    ...(s.tasks.length
      ? s.tasks.map(
          (t) =>
            `  ${t.taskId} ${t.taskDefinition} ${t.lastStatus ?? '?'}${t.healthStatus && t.healthStatus !== 'UNKNOWN' ? ` ${t.healthStatus}` : ''}`,
        )
      : ['  (none)']),
    'events:',
    ...(s.events.length ? s.events.map((e) => `  ${formatEvent(e)}`) : ['  (none)']),
  ];
  return lines.join('\n');
}

export async function status(ctx: DeployContext, opts: { readonly events?: number } = {}): Promise<StatusResult> {
  const svc: Service = await requireService(ctx);
  const ecs = await ctx.aws.ecs();
  const list = await ecs.listTasks({ cluster: ctx.config.cluster, serviceName: svc.serviceName! }, ctx.signal);
  const arns = list.taskArns ?? [];
  const { expressStatus, isExpressService } = await import('./express-service.js');
  const express = isExpressService(svc) ? await expressStatus(ctx, svc) : undefined;
  const tasks = arns.length
    ? ((await ecs.describeTasks({ cluster: ctx.config.cluster, tasks: arns.slice(0, 100) }, ctx.signal)).tasks ?? [])
    : [];
  return {
    service: svc.serviceName!,
    cluster: ctx.config.cluster,
    status: svc.status,
    taskDefinition: taskDefinitionName(svc.taskDefinition),
    desiredCount: svc.desiredCount,
    runningCount: svc.runningCount,
    pendingCount: svc.pendingCount,
    deployments: (svc.deployments ?? []).map(deploymentView),
    tasks: tasks.map(taskView).sort((a, b) => a.taskId.localeCompare(b.taskId)),
    events: (svc.events ?? [])
      .slice(0, opts.events ?? 10)
      .reverse()
      .map((e) => ({ createdAt: e.createdAt, message: e.message })),
    ...(express ? { express } : {}),
  } as StatusResult;
}
