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
  /** run --task-def: register this task definition file instead of the config's. */
  readonly taskDefinitionPath?: string;
  /** run --overrides-file: a TaskOverride file, rendered as a template like the definitions. */
  readonly overridesFile?: string;
  /** running: return once the task runs; stopped (default): follow it to the end. */
  readonly waitUntil?: 'running' | 'stopped';
  readonly clientToken?: string;
}

export interface RunResult {
  readonly status: 'dry-run' | 'started' | 'running' | 'stopped';
  readonly taskDefinitionArn?: string;
  readonly taskArns: readonly string[];
  readonly container?: string;
  readonly exitCode?: number;
  readonly stoppedReason?: string;
  readonly stopCode?: string;
}

/** ecspresso's choice: --revision N (alone or with --skip/--latest) is family:N; --skip is the service's; --latest the newest. */
async function pickTaskDefinition(
  ctx: DeployContext,
  o: RunOptions,
  family: string,
  serviceTd: string | undefined,
): Promise<string | undefined> {
  if (o.revision !== undefined) return (await requireTaskDefinition(ctx, `${family}:${o.revision}`)).taskDefinition.taskDefinitionArn;
  if (o.skipTaskDefinition && serviceTd) return serviceTd;
  if (o.latestTaskDefinition || o.skipTaskDefinition) return (await requireTaskDefinition(ctx, family)).taskDefinition.taskDefinitionArn;
  return undefined;
}

async function overridesFrom(ctx: DeployContext, file: string): Promise<TaskOverride> {
  const v = await ctx.renderFile(file, '--overrides-file');
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw new UsageError('BAD_OPTION', `--overrides-file ${file}: expected a TaskOverride object such as {"containerOverrides":[...]}`, {
      file,
    });
  return v as TaskOverride;
}

export async function runTask(ctx: DeployContext, o: RunOptions = {}): Promise<RunResult> {
  if (o.skipTaskDefinition && o.latestTaskDefinition)
    throw new UsageError('BAD_OPTION', '--skip-task-definition and --latest-task-definition pick the task definition: use one');
  if (o.taskDefinitionPath && (o.skipTaskDefinition || o.latestTaskDefinition || o.revision !== undefined))
    throw new UsageError(
      'BAD_OPTION',
      '--task-def registers that file: it cannot go with --skip-task-definition, --latest-task-definition or --revision',
    );
  if (o.overrides && o.overridesFile) throw new UsageError('BAD_OPTION', '--overrides and --overrides-file cannot be used together');
  const localTd = o.taskDefinitionPath ? await ctx.taskDefinitionFrom(o.taskDefinitionPath) : await ctx.taskDefinition();
  const given = o.overridesFile ? await overridesFrom(ctx, o.overridesFile) : o.overrides;
  const sd = await ctx.serviceDefinition();
  const watch = o.watchContainer ?? localTd.containerDefinitions?.find((c) => c.essential !== false)?.name;
  if (o.watchContainer && !localTd.containerDefinitions?.some((c) => c.name === o.watchContainer)) {
    throw new UsageError(
      'BAD_OPTION',
      `--watch-container ${o.watchContainer}: no such container in ${o.taskDefinitionPath ?? ctx.config.taskDefinitionPath} (containers: ${localTd.containerDefinitions?.map((c) => c.name).join(', ')})`,
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
      ? { ...given, containerOverrides: [...(given?.containerOverrides ?? []), { name: watch, command: [...o.command] }] }
      : given;
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
    ...(o.clientToken ? { clientToken: o.clientToken } : {}),
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
  if (o.waitUntil === 'running') {
    const running = await waitFor(ctx, first, undefined, 'RUNNING');
    if (running.lastStatus === 'RUNNING')
      return { status: 'running', taskDefinitionArn: tdArn, taskArns, ...(watch ? { container: watch } : {}) };
    return stoppedResult(ctx, running, tdArn, taskArns, watch);
  }
  const task = await waitFor(ctx, first, logs, 'STOPPED');
  return stoppedResult(ctx, task, tdArn, taskArns, watch);
}

/** The watched container's exit (or why the task stopped without one), said and returned. */
function stoppedResult(ctx: DeployContext, task: Task, tdArn: string, taskArns: readonly string[], watch: string | undefined): RunResult {
  const first = task.taskArn ?? taskArns[0]!;
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

/** Follows the task until it is STOPPED, or (`until` RUNNING) until it runs or stops before running. */
async function waitFor(ctx: DeployContext, taskArn: string, logs: LogFollower | undefined, until: 'RUNNING' | 'STOPPED'): Promise<Task> {
  const ecs = await ctx.aws.ecs();
  const what = until === 'RUNNING' ? 'run' : 'stop';
  const loop = waitLoop(ctx.clock, `task ${taskIdOf(taskArn)} to ${what}`, ctx.timeoutMs, ctx.pollIntervalMs, ctx.signal);
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
    if (until === 'RUNNING' && task.lastStatus === 'RUNNING') return task;
    if (task.lastStatus === 'STOPPED') {
      if (logs) emit(await logs.drain());
      return task;
    }
    if (logs && task.lastStatus !== 'PROVISIONING' && task.lastStatus !== 'PENDING') emit(await logs.poll());
  }
}
