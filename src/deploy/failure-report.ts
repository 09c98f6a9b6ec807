// Why a deployment failed: its stopped tasks' stoppedReason, stop code, container exit codes and last log lines.
import type { ContainerDefinition, Task } from '@aws-sdk/client-ecs';
import type { DeployContext } from './deploy-context.js';
import { describeTaskDefinition } from './task-definition-lookup.js';
import { lastLogLines, logLocation, taskIdOf } from './task-logs.js';

export interface StoppedContainer {
  readonly name: string;
  readonly exitCode?: number;
  readonly reason?: string;
  readonly lastLogLines: readonly string[];
}

export interface StoppedTask {
  readonly taskId: string;
  readonly taskDefinition?: string;
  readonly stoppedReason?: string;
  readonly stopCode?: string;
  readonly containers: readonly StoppedContainer[];
}

const MAX_TASKS = 3;
const LOG_LINES = 5;

/** Pure: the text block printed under a failed deployment. */
export function formatStoppedTasks(tasks: readonly StoppedTask[]): string {
  if (tasks.length === 0) return 'no stopped task found for the deployment';
  const lines: string[] = [];
  for (const t of tasks) {
    lines.push(`stopped task ${t.taskId}: ${t.stoppedReason ?? 'no reason'}${t.stopCode ? ` (${t.stopCode})` : ''}`);
    for (const c of t.containers) {
      lines.push(`  container ${c.name}: exit code ${c.exitCode ?? 'none'}${c.reason ? `, ${c.reason}` : ''}`);
      for (const l of c.lastLogLines) lines.push(`    | ${l}`);
    }
  }
  return lines.join('\n');
}

/** Pure: tasks that failed on their own explain a failure better than tasks the scheduler stopped. */
export function failureRank(t: Pick<Task, 'stopCode' | 'containers'>): number {
  if (t.stopCode === 'TaskFailedToStart' || t.stopCode === 'EssentialContainerExited') return 0;
  if (t.containers?.some((c) => c.exitCode !== undefined && c.exitCode !== 0)) return 0;
  return 1;
}

/** Stopped tasks of one deployment (startedBy = its id), most recent first, with their last log lines. */
export async function stoppedTasks(
  ctx: DeployContext,
  opts: { readonly deploymentId?: string; readonly service: string; readonly taskDefinitionArn?: string },
): Promise<StoppedTask[]> {
  const ecs = await ctx.aws.ecs();
  const list = await ecs.listTasks(
    {
      cluster: ctx.config.cluster,
      desiredStatus: 'STOPPED',
      ...(opts.deploymentId ? { startedBy: opts.deploymentId } : { serviceName: opts.service }),
    },
    ctx.signal,
  );
  const arns = (list.taskArns ?? []).slice(0, 100);
  if (arns.length === 0) return [];
  const described = await ecs.describeTasks({ cluster: ctx.config.cluster, tasks: arns }, ctx.signal);
  const tasks = (described.tasks ?? [])
    .filter((t) => !opts.taskDefinitionArn || opts.deploymentId || t.taskDefinitionArn === opts.taskDefinitionArn)
    .sort((a, b) => failureRank(a) - failureRank(b) || (b.stoppedAt?.getTime() ?? 0) - (a.stoppedAt?.getTime() ?? 0))
    .slice(0, MAX_TASKS);
  const defs = new Map<string, readonly ContainerDefinition[]>();
  for (const arn of new Set(tasks.map((t) => t.taskDefinitionArn).filter((a): a is string => Boolean(a)))) {
    defs.set(arn, (await describeTaskDefinition(ctx, arn))?.taskDefinition.containerDefinitions ?? []);
  }
  return Promise.all(tasks.map((t) => report(ctx, t, defs.get(t.taskDefinitionArn ?? '') ?? [])));
}

async function report(ctx: DeployContext, t: Task, defs: readonly ContainerDefinition[]): Promise<StoppedTask> {
  const taskId = taskIdOf(t.taskArn ?? '');
  const containers: StoppedContainer[] = [];
  for (const c of t.containers ?? []) {
    const def = defs.find((d) => d.name === c.name);
    const loc = def ? logLocation(def, taskId) : undefined;
    containers.push({
      name: c.name ?? '?',
      ...(c.exitCode !== undefined ? { exitCode: c.exitCode } : {}),
      ...(c.reason ? { reason: c.reason } : {}),
      lastLogLines: loc ? await lastLogLines(ctx, loc, LOG_LINES) : [],
    });
  }
  return {
    taskId,
    containers,
    ...(t.taskDefinitionArn ? { taskDefinition: t.taskDefinitionArn.replace(/^.*task-definition\//, '') } : {}),
    ...(t.stoppedReason ? { stoppedReason: t.stoppedReason } : {}),
    ...(t.stopCode ? { stopCode: t.stopCode } : {}),
  };
}
