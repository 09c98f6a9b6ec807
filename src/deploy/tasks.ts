// `tasks`: the tasks of the service's task definition family — listed, one described, one stopped, or one traced.
import type { Task } from '@aws-sdk/client-ecs';
import { UsageError } from '../core/errors.js';
import { msg } from '../core/io-host.js';
import type { DeployContext } from './deploy-context.js';
import { familyRevision } from './service-lookup.js';
import { type StatusTask, taskView } from './status.js';
import { lastLogLines, logLocation, taskIdOf } from './task-logs.js';

/** A task as `status` shows it, with what `tasks` adds: its group, launch type, creation time and stop reason. */
export interface TaskRow extends StatusTask {
  readonly group?: string;
  readonly launchType?: string;
  readonly createdAt?: Date;
  readonly stoppedReason?: string;
}

export interface TraceEntry {
  readonly at: Date;
  readonly what: string;
}

export interface TaskTrace {
  readonly task: TaskRow;
  readonly timeline: readonly TraceEntry[];
  readonly containers: readonly {
    readonly name: string;
    readonly exitCode?: number;
    readonly reason?: string;
    readonly logs: readonly string[];
  }[];
}

export type TasksRequest =
  | { readonly kind: 'list'; readonly id?: string }
  | { readonly kind: 'find'; readonly id?: string }
  | { readonly kind: 'stop'; readonly id?: string; readonly force: boolean }
  | { readonly kind: 'trace'; readonly id?: string; readonly logLines?: number };

export type TasksResult =
  | { readonly kind: 'list'; readonly tasks: readonly TaskRow[] }
  | { readonly kind: 'find'; readonly task: Task }
  | { readonly kind: 'stop'; readonly task: TaskRow }
  | { readonly kind: 'trace'; readonly trace: TaskTrace };

const row = (t: Task): TaskRow =>
  ({
    ...taskView(t),
    group: t.group,
    launchType: t.launchType,
    createdAt: t.createdAt,
    stoppedReason: t.stoppedReason,
  }) as TaskRow;

/** Pure: a task's life as ECS timestamps it, oldest first (what `--trace` prints before the logs). */
export function timelineOf(t: Task): TraceEntry[] {
  const points: [Date | undefined, string][] = [
    [t.createdAt, 'created'],
    [t.pullStartedAt, 'image pull started'],
    [t.pullStoppedAt, 'image pull stopped'],
    [t.startedAt, 'started'],
    [t.stoppingAt, `stopping${t.stopCode ? ` (${t.stopCode})` : ''}`],
    [t.executionStoppedAt, 'execution stopped'],
    [t.stoppedAt, `stopped${t.stoppedReason ? `: ${t.stoppedReason}` : ''}`],
  ];
  return points.filter((p): p is [Date, string] => p[0] instanceof Date).map(([at, what]) => ({ at, what }));
}

/** The family's tasks, running and recently stopped (ECS keeps stopped tasks for about an hour), newest first. */
async function familyTasks(ctx: DeployContext): Promise<Task[]> {
  const family = familyRevision((await ctx.taskDefinition()).family ?? '').family;
  const ecs = await ctx.aws.ecs();
  const arns: string[] = [];
  for (const desiredStatus of ['RUNNING', 'STOPPED'] as const) {
    let nextToken: string | undefined;
    do {
      const page = await ecs.listTasks(
        { cluster: ctx.config.cluster, family, desiredStatus, ...(nextToken ? { nextToken } : {}) },
        ctx.signal,
      );
      arns.push(...(page.taskArns ?? []));
      nextToken = page.nextToken;
    } while (nextToken);
  }
  const tasks: Task[] = [];
  for (let i = 0; i < arns.length; i += 100) {
    tasks.push(...((await ecs.describeTasks({ cluster: ctx.config.cluster, tasks: arns.slice(i, i + 100) }, ctx.signal)).tasks ?? []));
  }
  return tasks.sort((a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0));
}

/** The one task a request is about: by id (or ARN), or the only one there is; several without --id is bad input. */
function oneTask(tasks: readonly Task[], id: string | undefined, what: string): Task {
  if (id !== undefined) {
    const found = tasks.find((t) => t.taskArn === id || taskIdOf(t.taskArn ?? '') === id);
    if (!found) {
      throw new UsageError(
        'TASK_NOT_FOUND',
        `task ${id}: not among the family's running or recently stopped tasks (${tasks.length} found)`,
        'list them with `cortado tasks`',
      );
    }
    return found;
  }
  const running = tasks.filter((t) => t.desiredStatus === 'RUNNING');
  const only = running.length === 1 ? running[0] : tasks.length === 1 ? tasks[0] : undefined;
  if (only) return only;
  throw new UsageError(
    'TASK_NOT_FOUND',
    tasks.length === 0
      ? `no task of the family to ${what}`
      : `${running.length || tasks.length} tasks to choose from: say which with --id (${tasks
          .slice(0, 5)
          .map((t) => taskIdOf(t.taskArn ?? ''))
          .join(', ')}${tasks.length > 5 ? ', ...' : ''})`,
    'list them with `cortado tasks`',
  );
}

export async function tasks(ctx: DeployContext, req: TasksRequest): Promise<TasksResult> {
  const all = await familyTasks(ctx);
  switch (req.kind) {
    case 'list': {
      const chosen = req.id === undefined ? all : [oneTask(all, req.id, 'list')];
      return { kind: 'list', tasks: chosen.map(row) };
    }
    case 'find':
      return { kind: 'find', task: oneTask(all, req.id, 'describe') };
    case 'stop': {
      const t = oneTask(all, req.id, 'stop');
      if (!req.force) {
        throw new UsageError(
          'CONFIRMATION_REQUIRED',
          `stopping task ${taskIdOf(t.taskArn ?? '')} needs --force`,
          'cortado does not prompt: add --force',
        );
      }
      const ecs = await ctx.aws.ecs();
      const stopped = await ecs.stopTask(
        { cluster: ctx.config.cluster, task: t.taskArn!, reason: 'Stopped by cortado tasks --stop' },
        ctx.signal,
      );
      const view = row(stopped.task ?? t);
      ctx.host.notify(msg('info', 'TASK_STOP_REQUESTED', `stopping task ${view.taskId} (${view.taskDefinition})`, { taskId: view.taskId }));
      return { kind: 'stop', task: view };
    }
    case 'trace': {
      const t = oneTask(all, req.id, 'trace');
      const td = await ctx.taskDefinition();
      const containers = [];
      for (const c of t.containers ?? []) {
        const def = td.containerDefinitions?.find((d) => d.name === c.name);
        const loc = def ? logLocation(def, taskIdOf(t.taskArn ?? '')) : undefined;
        containers.push({
          name: c.name ?? '?',
          ...(c.exitCode !== undefined ? { exitCode: c.exitCode } : {}),
          ...(c.reason ? { reason: c.reason } : {}),
          logs: loc ? await lastLogLines(ctx, loc, req.logLines ?? 20) : [],
        });
      }
      return { kind: 'trace', trace: { task: row(t), timeline: timelineOf(t), containers } };
    }
  }
}
