// Walks each task through ECS's lifecycle with real local processes: PROVISIONING → … → RUNNING → … → STOPPED.
import type { ContainerExit, ContainerHandle, ContainerUsage, ImageResolver } from '../../runtime/index.js';
import { startContainer } from '../../runtime/index.js';
import type { EcsContext } from './ecs-context.js';
import type { Json, StopCause, TaskRecord, TaskStatus, TaskStopCode } from './ecs-state.js';
import { startHealthChecks, settingsOf } from './health-checker.js';
import { containerEnvironment } from './task-process-env.js';
import { prepareTask, type PreparedContainer } from './task-prepare.js';
import { taskHealthStatus } from './task-health.js';
import { deregisterTargets, registerTargets, type Registration } from './task-targets.js';

/** Simulated dwell times of the lifecycle steps that have no real work behind them here. */
export const DWELL_MS = { provisioning: 1000, pull: 2000, activating: 1000, deactivating: 1000, deprovisioning: 1000 } as const;

export interface RunnerDeps {
  readonly ctx: EcsContext;
  readonly resolver: () => Promise<ImageResolver>;
  readonly releaseAddress: (ip: string) => void;
  readonly taskDefinitionBody: (arn: string) => Json | undefined;
  readonly metadataUri: (runtimeId: string) => string;
  /** After every lifecycle change (the scheduler reacts to them). */
  readonly onChange: (task: TaskRecord) => void;
  /** The stop is decided (desiredStatus STOPPED, stopCode and cause set); the task is still on its way down. */
  readonly onStopRequested: (task: TaskRecord) => void;
  readonly onStopped: (task: TaskRecord) => void;
  readonly serviceEvent: (task: TaskRecord, message: string) => void;
}

interface Live {
  readonly handles: Map<string, ContainerHandle>;
  readonly checks: (() => void)[];
  readonly checked: Map<string, 'HEALTHY' | 'UNHEALTHY' | 'UNKNOWN'>;
  prepared: readonly PreparedContainer[];
  registered: Registration[];
  wake?: (() => void) | undefined;
  /** The start-up script has finished (RUNNING, or gave up); stops are then handled directly. */
  up: boolean;
  shuttingDown: boolean;
}

export interface TaskRunner {
  launch(task: TaskRecord): void;
  requestStop(task: TaskRecord, code: TaskStopCode, reason: string, cause: StopCause): void;
  /** Real resource use of the task's live processes, summed over its containers. */
  usage(taskId: string): Promise<ContainerUsage | undefined>;
  /** Stops every process and timer (sandbox shutdown); task records are left as they are. */
  /** Stops every task process: SIGTERM, then SIGKILL after graceMs (0: at once). */
  close(graceMs?: number): Promise<void>;
}

export function createTaskRunner(deps: RunnerDeps): TaskRunner {
  const { ctx } = deps;
  const lives = new Map<string, Live>();
  let closed = false;

  const touch = (task: TaskRecord) => {
    task.version += 1;
    deps.onChange(task);
  };
  const setStatus = (task: TaskRecord, status: TaskStatus) => {
    task.lastStatus = status;
    touch(task);
  };

  /** A simulated wait that a stop request cuts short. */
  const step = (live: Live, ms: number) =>
    new Promise<void>((resolve) => {
      const cancel = ctx.env.clock.after(ms, () => {
        live.wake = undefined;
        resolve();
      });
      live.wake = () => {
        cancel();
        live.wake = undefined;
        resolve();
      };
    });

  const stopWanted = (task: TaskRecord) => closed || task.desiredStatus === 'STOPPED';

  function refreshHealth(task: TaskRecord, live: Live): void {
    const status = taskHealthStatus(
      task.containers.map((c) => ({ essential: c.essential, hasCheck: live.checked.has(c.name), status: c.healthStatus })),
    );
    if (status !== task.healthStatus) {
      task.healthStatus = status;
      touch(task);
    }
  }

  function onExit(task: TaskRecord, live: Live, name: string, exit: ContainerExit): void {
    if (closed) return;
    const c = task.containers.find((x) => x.name === name);
    if (!c) return;
    c.lastStatus = 'STOPPED';
    if (exit.exitCode !== null) c.exitCode = exit.exitCode;
    if (exit.reason !== undefined) c.reason = exit.reason;
    touch(task);
    if (!c.essential || live.shuttingDown || task.desiredStatus === 'STOPPED') return;
    if (exit.exitCode === null && exit.reason !== undefined) requestStop(task, 'TaskFailedToStart', exit.reason, 'failed-to-start');
    else requestStop(task, 'EssentialContainerExited', 'Essential container in task exited', 'essential-exit');
  }

  function startProcesses(task: TaskRecord, live: Live): void {
    for (const p of live.prepared) {
      const c = task.containers.find((x) => x.name === p.name);
      const log = p.log;
      const sink = ctx.env.seams.logs;
      const handle = startContainer(
        {
          taskId: task.id,
          containerName: p.name,
          image: p.image,
          environment: p.environment,
          host: task.ip,
          ports: p.ports,
          ...(p.command ? { command: p.command } : {}),
          ...(p.entryPoint ? { entryPoint: p.entryPoint } : {}),
          ...(p.workingDirectory ? { workingDirectory: p.workingDirectory } : {}),
          onOutput: (_stream, line, at) => {
            if (log && sink) sink.append(log.group, log.stream, [{ timestamp: at.getTime(), message: line }]);
          },
        },
        p.resolution,
      );
      live.handles.set(p.name, handle);
      if (c) c.lastStatus = 'RUNNING';
      void handle.exited.then((exit) => onExit(task, live, p.name, exit));
      const hc = p.healthCheck;
      if (hc && c) {
        live.checked.set(p.name, 'UNKNOWN');
        live.checks.push(
          startHealthChecks({
            command: hc.command as string[],
            settings: settingsOf(hc),
            host: task.ip,
            clock: ctx.env.clock,
            env: containerEnvironment(task, p),
            onChange: (state) => {
              if (closed || c.lastStatus === 'STOPPED') return;
              c.healthStatus = state.status;
              live.checked.set(p.name, state.status);
              refreshHealth(task, live);
            },
          }),
        );
      }
    }
    touch(task);
  }

  async function run(task: TaskRecord, live: Live): Promise<void> {
    await step(live, DWELL_MS.provisioning);
    if (stopWanted(task)) return shutdown(task, live);
    task.attachmentStatus = 'ATTACHED';
    task.connectivityAt = ctx.now();
    setStatus(task, 'PENDING');
    const td = deps.taskDefinitionBody(task.taskDefinitionArn) ?? {};
    const resolver = await deps.resolver();
    if (closed || live.shuttingDown) return;
    const prep = prepareTask(task, td, {
      resolver,
      region: ctx.env.region,
      metadataUri: deps.metadataUri,
      ...(ctx.env.seams.secrets ? { secrets: ctx.env.seams.secrets } : {}),
      ...(ctx.env.seams.logs ? { logs: ctx.env.seams.logs } : {}),
    });
    task.pullStartedAt = ctx.now();
    touch(task);
    await step(live, DWELL_MS.pull);
    if (stopWanted(task)) return shutdown(task, live);
    if (prep.kind === 'error') {
      const c = task.containers.find((x) => x.name === prep.container);
      if (c && prep.reason.startsWith('CannotPullContainerError')) c.reason = prep.reason;
      live.up = true;
      requestStop(task, 'TaskFailedToStart', prep.reason, 'failed-to-start');
      return;
    }
    task.pullStoppedAt = ctx.now();
    live.prepared = prep.containers;
    startProcesses(task, live);
    if (stopWanted(task)) return shutdown(task, live);
    setStatus(task, 'ACTIVATING');
    live.registered = registerTargets(ctx, task, deps.serviceEvent);
    await step(live, DWELL_MS.activating);
    if (stopWanted(task)) return shutdown(task, live);
    task.startedAt = ctx.now();
    live.up = true;
    setStatus(task, 'RUNNING');
  }

  async function shutdown(task: TaskRecord, live: Live): Promise<void> {
    if (live.shuttingDown || closed) return;
    live.shuttingDown = true;
    const wasUp = task.lastStatus === 'RUNNING' || task.lastStatus === 'ACTIVATING';
    if (wasUp) {
      task.stoppingAt = ctx.now();
      setStatus(task, 'DEACTIVATING');
      if (live.registered.length > 0) await deregisterTargets(ctx, task, live.registered, deps.serviceEvent);
      else await step(live, DWELL_MS.deactivating);
      if (closed) return;
    }
    for (const cancel of live.checks) cancel();
    if (live.handles.size > 0) {
      setStatus(task, 'STOPPING');
      await Promise.all(
        [...live.handles.entries()].map(([name, h]) => {
          const timeout = live.prepared.find((p) => p.name === name)?.stopTimeoutS ?? 30;
          return h.stop(ctx.env.clock.real(timeout * 1000));
        }),
      );
      if (closed) return;
    }
    for (const c of task.containers) c.lastStatus = 'STOPPED';
    task.executionStoppedAt = ctx.now();
    task.attachmentStatus = 'DETACHED';
    setStatus(task, 'DEPROVISIONING');
    await step(live, DWELL_MS.deprovisioning);
    if (closed) return;
    deps.releaseAddress(task.ip);
    task.attachmentStatus = 'DELETED';
    task.stoppedAt = ctx.now();
    setStatus(task, 'STOPPED');
    lives.delete(task.id);
    deps.onStopped(task);
  }

  function requestStop(task: TaskRecord, code: TaskStopCode, reason: string, cause: StopCause): void {
    if (task.desiredStatus === 'STOPPED' || task.lastStatus === 'STOPPED') return;
    task.desiredStatus = 'STOPPED';
    task.stopCode = code;
    task.stoppedReason = reason.slice(0, 1024);
    task.stopCause = cause;
    deps.onStopRequested(task);
    touch(task);
    const live = lives.get(task.id);
    if (!live) return;
    if (live.wake) live.wake();
    else if (live.up) void shutdown(task, live);
  }

  return {
    launch(task) {
      const live: Live = {
        handles: new Map(),
        checks: [],
        checked: new Map(),
        prepared: [],
        registered: [],
        up: false,
        shuttingDown: false,
      };
      lives.set(task.id, live);
      void run(task, live);
    },
    requestStop,
    async usage(taskId) {
      const live = lives.get(taskId);
      if (!live || live.handles.size === 0) return undefined;
      const all = await Promise.all([...live.handles.values()].map((h) => h.usage()));
      return all.reduce((a, b) => ({ cpuSeconds: a.cpuSeconds + b.cpuSeconds, rssBytes: a.rssBytes + b.rssBytes }), {
        cpuSeconds: 0,
        rssBytes: 0,
      });
    },
    async close(graceMs = 1000) {
      closed = true;
      const all = [...lives.values()];
      for (const live of all) {
        live.wake?.();
        for (const cancel of live.checks) cancel();
      }
      await Promise.all(all.flatMap((live) => [...live.handles.values()].map((h) => h.stop(graceMs))));
      lives.clear();
    },
  };
}
