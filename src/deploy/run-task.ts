// `run`: a one-off task from the same definitions (network from the service definition), its logs streamed, its exit code returned.
import type { RunTaskCommandInput, Tag, Task, TaskOverride } from '@aws-sdk/client-ecs';
import { CortadoError, UsageError } from '../core/errors.js';
import { msg } from '../core/io-host.js';
import type { DeployContext } from './deploy-context.js';
import { logFollower, type LogFollower } from './log-follower.js';
import { registerTaskDefinition } from './register.js';
import { findService, taskDefinitionName } from './service-lookup.js';
import { requireTaskDefinition } from './task-definition-lookup.js';
import { logLocation, taskIdOf } from './task-logs.js';
import { waitLoop } from '../core/wait-loop.js';

export interface RunOptions {
  readonly dryRun?: boolean;
  readonly skipTaskDefinition?: boolean;
  readonly latestTaskDefinition?: boolean;
  readonly revision?: number;
  readonly overrides?: TaskOverride;
  /** Shortcut: this command (argv) for the watched container. */
  readonly command?: readonly string[];
  readonly count?: number;
  readonly noWait?: boolean;
  readonly watchContainer?: string;
  readonly tags?: readonly Tag[];
  readonly propagateTags?: 'TASK_DEFINITION' | 'NONE';
  readonly startedBy?: string;
}

export interface RunResult {
  readonly status: 'dry-run' | 'started' | 'stopped';
  readonly taskDefinitionArn?: string;
  readonly taskArns: readonly string[];
  readonly container?: string;
  readonly exitCode?: number;
  readonly stoppedReason?: string;
  readonly stopCode?: string;
}

async function pickTaskDefinition(
  ctx: DeployContext,
  o: RunOptions,
  family: string,
  serviceTd: string | undefined,
): Promise<string | undefined> {
  if (o.revision !== undefined) return (await requireTaskDefinition(ctx, `${family}:${o.revision}`)).taskDefinition.taskDefinitionArn;
  if (o.latestTaskDefinition || (o.skipTaskDefinition && !serviceTd))
    return (await requireTaskDefinition(ctx, family)).taskDefinition.taskDefinitionArn;
  if (o.skipTaskDefinition) return serviceTd;
  return undefined;
}

export async function runTask(ctx: DeployContext, o: RunOptions = {}): Promise<RunResult> {
  if ([o.skipTaskDefinition, o.latestTaskDefinition, o.revision !== undefined].filter(Boolean).length > 1) {
    throw new UsageError('BAD_OPTION', '--skip-task-definition, --latest-task-definition and --revision pick the task definition: use one');
  }
  const localTd = await ctx.taskDefinition();
  const sd = await ctx.serviceDefinition();
  const watch = o.watchContainer ?? localTd.containerDefinitions?.find((c) => c.essential !== false)?.name;
  if (o.watchContainer && !localTd.containerDefinitions?.some((c) => c.name === o.watchContainer)) {
    throw new UsageError(
      'BAD_OPTION',
      `--watch-container ${o.watchContainer}: no such container in ${ctx.config.taskDefinitionPath} (containers: ${localTd.containerDefinitions?.map((c) => c.name).join(', ')})`,
    );
  }
  const svc = ctx.config.service && (!sd || o.skipTaskDefinition) ? await findService(ctx) : undefined;
  const net = sd ?? svc;
  if (localTd.networkMode === 'awsvpc' && !net?.networkConfiguration) {
    throw new UsageError(
      'NO_NETWORK_CONFIGURATION',
      'run needs a networkConfiguration for an awsvpc task: set it in the service definition',
    );
  }
  const picked = await pickTaskDefinition(ctx, o, localTd.family!, svc?.taskDefinition);
  const overrides: TaskOverride | undefined =
    o.command && watch
      ? { ...o.overrides, containerOverrides: [...(o.overrides?.containerOverrides ?? []), { name: watch, command: [...o.command] }] }
      : o.overrides;
  if (o.dryRun) {
    ctx.host.notify(
      msg(
        'info',
        'DRY_RUN',
        `dry run: would run ${o.count ?? 1} task(s) of ${picked ? taskDefinitionName(picked) : `a new revision of ${localTd.family}`} in cluster ${ctx.config.cluster}`,
      ),
    );
    return { status: 'dry-run', taskArns: [], ...(picked ? { taskDefinitionArn: picked } : {}) };
  }
  const tdArn = picked ?? (await registerTaskDefinition(ctx, localTd)).taskDefinitionArn!;
  const input: RunTaskCommandInput = {
    cluster: ctx.config.cluster,
    taskDefinition: tdArn,
    count: o.count ?? 1,
    startedBy: o.startedBy ?? 'cortado-run',
    ...(net?.capacityProviderStrategy?.length
      ? { capacityProviderStrategy: net.capacityProviderStrategy }
      : net?.launchType
        ? { launchType: net.launchType }
        : {}),
    ...(net?.networkConfiguration ? { networkConfiguration: net.networkConfiguration } : {}),
    ...(net?.platformVersion ? { platformVersion: net.platformVersion } : {}),
    ...(net?.enableExecuteCommand ? { enableExecuteCommand: true } : {}),
    ...(overrides ? { overrides } : {}),
    ...(o.tags?.length ? { tags: [...o.tags] } : {}),
    ...(o.propagateTags ? { propagateTags: o.propagateTags } : {}),
  };
  const ecs = await ctx.aws.ecs();
  const out = await ecs.runTask(input, ctx.signal);
  if (out.failures?.length) {
    throw new CortadoError(
      'RUN_TASK_FAILED',
      `RunTask placed no task: ${out.failures.map((f) => `${f.reason ?? '?'}${f.detail ? ` (${f.detail})` : ''}`).join('; ')}`,
      { source: 'aws' },
    );
  }
  const taskArns = (out.tasks ?? []).map((t) => t.taskArn!).filter(Boolean);
  ctx.host.notify(
    msg('info', 'TASK_STARTED', `started task ${taskArns.map(taskIdOf).join(', ')} of ${taskDefinitionName(tdArn)}`, { taskArns }),
  );
  if (o.noWait) return { status: 'started', taskDefinitionArn: tdArn, taskArns };
  const first = taskArns[0]!;
  const def = localTd.containerDefinitions?.find((c) => c.name === watch);
  const loc = def ? logLocation(def, taskIdOf(first)) : undefined;
  const logs = loc ? logFollower(ctx, loc) : undefined;
  const task = await waitStopped(ctx, first, logs);
  const container = task.containers?.find((c) => c.name === watch);
  if (container?.exitCode === undefined)
    ctx.host.notify(
      msg('error', 'TASK_FAILED', `task ${taskIdOf(first)} stopped without an exit code: ${task.stoppedReason ?? 'no reason'}`),
    );
  else
    ctx.host.notify(
      msg('info', 'TASK_STOPPED', `task ${taskIdOf(first)} stopped: container ${watch} exited with code ${container.exitCode}`),
    );
  return {
    status: 'stopped',
    taskDefinitionArn: tdArn,
    taskArns,
    ...(watch ? { container: watch } : {}),
    ...(container?.exitCode !== undefined ? { exitCode: container.exitCode } : {}),
    ...(task.stoppedReason ? { stoppedReason: task.stoppedReason } : {}),
    ...(task.stopCode ? { stopCode: task.stopCode } : {}),
  };
}

async function waitStopped(ctx: DeployContext, taskArn: string, logs: LogFollower | undefined): Promise<Task> {
  const ecs = await ctx.aws.ecs();
  const loop = waitLoop(ctx.clock, `task ${taskIdOf(taskArn)} to stop`, ctx.timeoutMs, ctx.pollIntervalMs, ctx.signal);
  const emit = (lines: readonly string[]) => {
    for (const l of lines) ctx.host.notify(msg('info', 'TASK_LOG', l));
  };
  let last = '';
  for (;;) {
    await loop.tick();
    const out = await ecs.describeTasks({ cluster: ctx.config.cluster, tasks: [taskArn] }, ctx.signal);
    const task = out.tasks?.[0];
    if (!task) throw new CortadoError('TASK_NOT_FOUND', `task ${taskIdOf(taskArn)} is no longer known to ECS`, { source: 'aws' });
    if (task.lastStatus !== last) {
      last = task.lastStatus ?? '';
      ctx.host.notify(msg('info', 'TASK_STATUS', `task ${taskIdOf(taskArn)} ${last}`));
    }
    if (task.lastStatus === 'STOPPED') {
      if (logs) emit(await logs.drain());
      return task;
    }
    if (logs && task.lastStatus !== 'PROVISIONING' && task.lastStatus !== 'PENDING') emit(await logs.poll());
  }
}
