// `exec`: ECS ExecuteCommand (a shell) or an SSM port-forwarding session to a task, handed to the Session Manager plugin;
// without the plugin, a clear error before any call.
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

/** A local port forwarded to a port of the task (or, with `host`, to a host the task can reach). */
export interface PortForward {
  /** 0: the plugin picks a free local port and says which. */
  readonly localPort: number;
  readonly port: number;
  readonly host?: string;
}

/** The SSM document and parameters of a port-forwarding session, as the AWS CLI and the Session Manager plugin take them. */
export function portForwardRequest(
  target: string,
  f: PortForward,
): { Target: string; DocumentName: string; Parameters: Record<string, string[]> } {
  const Parameters: Record<string, string[]> = { portNumber: [String(f.port)], localPortNumber: [String(f.localPort)] };
  if (f.host === undefined) return { Target: target, DocumentName: 'AWS-StartPortForwardingSession', Parameters };
  return { Target: target, DocumentName: 'AWS-StartPortForwardingSessionToRemoteHost', Parameters: { ...Parameters, host: [f.host] } };
}

export async function prepareExec(
  ctx: DeployContext,
  o: {
    readonly command?: string;
    readonly taskId?: string;
    readonly container?: string;
    readonly path?: string | undefined;
    readonly portForward?: PortForward;
  },
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
  const region = ctx.aws.settings.region ?? '';
  const target = `ecs:${ctx.config.cluster}_${taskIdOf(task.taskArn!)}_${c.runtimeId ?? ''}`;
  const endpoint = ctx.aws.settings.endpoint ?? `https://ssm.${region}.amazonaws.com`;
  const plan = (session: unknown, request: unknown): ExecPlan => ({
    program: plugin,
    args: [JSON.stringify(session), region, 'StartSession', ctx.aws.settings.profile ?? '', JSON.stringify(request), endpoint],
    taskId: taskIdOf(task.taskArn!),
    container,
  });
  if (o.portForward) {
    const request = portForwardRequest(target, o.portForward);
    const session = await (await ctx.aws.ssm()).startSession(request, ctx.signal);
    return plan({ SessionId: session.SessionId, TokenValue: session.TokenValue, StreamUrl: session.StreamUrl }, request);
  }
  const out = await ecs.executeCommand(
    { cluster: ctx.config.cluster, task: task.taskArn!, container, interactive: true, command: o.command ?? 'sh' },
    ctx.signal,
  );
  if (!out.session) throw new CortadoError('NO_SESSION', 'ExecuteCommand returned no session', { source: 'aws' });
  return plan(out.session, { Target: target });
}
