// `exec`: ECS ExecuteCommand, handed to the Session Manager plugin; without the plugin, a clear error before any call.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { CortadoError, UsageError } from '../core/errors.js';
import type { DeployContext } from './deploy-context.js';
import { taskIdOf } from './task-logs.js';

export const PLUGIN_NAME = 'session-manager-plugin';

/** Pure over its inputs: the plugin's path on PATH, if any. */
export function findOnPath(name: string, path: string | undefined, isExecutable: (p: string) => boolean): string | undefined {
  for (const dir of (path ?? '').split(delimiter)) {
    if (!dir) continue;
    const p = join(dir, name);
    if (isExecutable(p)) return p;
  }
  return undefined;
}

const executable = (p: string) => {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

export interface ExecPlan {
  /** Run this program with these arguments, stdio inherited (the CLI does it). */
  readonly program: string;
  readonly args: readonly string[];
  readonly taskId: string;
  readonly container: string;
}

export async function prepareExec(
  ctx: DeployContext,
  o: { readonly command?: string; readonly taskId?: string; readonly container?: string; readonly path?: string | undefined },
): Promise<ExecPlan> {
  const plugin = findOnPath(PLUGIN_NAME, o.path, executable);
  if (!plugin) {
    throw new UsageError(
      'SESSION_MANAGER_PLUGIN_MISSING',
      `exec needs the AWS Session Manager plugin (${PLUGIN_NAME}), and it is not on PATH`,
      'install it: https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager-working-with-install-plugin.html',
    );
  }
  const service = ctx.serviceName();
  const ecs = await ctx.aws.ecs();
  let taskArn = o.taskId;
  if (!taskArn) {
    const list = await ecs.listTasks({ cluster: ctx.config.cluster, serviceName: service, desiredStatus: 'RUNNING' }, ctx.signal);
    taskArn = list.taskArns?.[0];
    if (!taskArn) throw new UsageError('NO_RUNNING_TASK', `service ${service} has no running task to exec into`);
  }
  const described = await ecs.describeTasks({ cluster: ctx.config.cluster, tasks: [taskArn] }, ctx.signal);
  const task = described.tasks?.[0];
  if (!task) throw new UsageError('TASK_NOT_FOUND', `task ${o.taskId} not found in cluster ${ctx.config.cluster}`);
  const container = o.container ?? task.containers?.[0]?.name;
  const c = task.containers?.find((x) => x.name === container);
  if (!c || !container)
    throw new UsageError(
      'BAD_OPTION',
      `--container ${container}: no such container in task ${taskIdOf(task.taskArn ?? '')} (containers: ${task.containers?.map((x) => x.name).join(', ')})`,
    );
  const out = await ecs.executeCommand(
    { cluster: ctx.config.cluster, task: task.taskArn!, container, interactive: true, command: o.command ?? 'sh' },
    ctx.signal,
  );
  if (!out.session) throw new CortadoError('NO_SESSION', 'ExecuteCommand returned no session', { source: 'aws' });
  const region = ctx.aws.settings.region ?? '';
  const target = `ecs:${ctx.config.cluster}_${taskIdOf(task.taskArn!)}_${c.runtimeId ?? ''}`;
  return {
    program: plugin,
    args: [
      JSON.stringify(out.session),
      region,
      'StartSession',
      '',
      JSON.stringify({ Target: target }),
      `https://ssm.${region}.amazonaws.com`,
    ],
    taskId: taskIdOf(task.taskArn!),
    container,
  };
}
