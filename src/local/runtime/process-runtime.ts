// Runs a resolved container as a local process group with container semantics: logs by line, SIGTERM then SIGKILL, real usage.
import { spawn, type ChildProcess } from 'node:child_process';
import { statSync } from 'node:fs';
import { constants } from 'node:os';
import { containerEnv, type ParentEnv } from './container-env.js';
import { createLineSplitter } from './line-splitter.js';
import { readProcessUsage } from './proc-usage.js';
import { execFailureReason, missingCwdReason } from './start-failure.js';
import { forgetGroup, watchGroup } from './task-reaper.js';
import type { ContainerExit, ContainerHandle, ContainerSpec, ContainerUsage, ProcessResolution } from './types.js';

export interface StartOptions {
  /** Timestamps for output lines; defaults to the wall clock. */
  readonly now?: () => Date;
  /** Source of the base variables (PATH, HOME, ...); defaults to process.env. */
  readonly parentEnv?: ParentEnv;
}

/** After the main process exits, how long stray holders of its stdout/stderr may keep the streams open. */
const STREAM_DRAIN_MS = 1000;

const NO_USAGE: ContainerUsage = { cpuSeconds: 0, rssBytes: 0 };

const live = new Set<ContainerHandle>();

/** Number of containers started and not yet exited. */
export const liveContainerCount = (): number => live.size;

/** Stops every live container (SIGTERM, SIGKILL after graceMs); for the sandbox host's shutdown. */
export const stopAll = (graceMs: number): Promise<readonly ContainerExit[]> => Promise.all([...live].map((handle) => handle.stop(graceMs)));

const exitedHandle = (exit: ContainerExit): ContainerHandle => {
  const exited = Promise.resolve(exit);
  return { pid: undefined, exited, stop: () => exited, usage: () => Promise.resolve(NO_USAGE) };
};

const cwdProblem = (cwd: string | undefined): string | undefined => {
  if (cwd === undefined) return undefined;
  try {
    return statSync(cwd).isDirectory() ? undefined : missingCwdReason(cwd);
  } catch {
    return missingCwdReason(cwd);
  }
};

/** Like Docker: a process ended by a signal reports 128 + the signal number. */
const toExit = (code: number | null, signal: NodeJS.Signals | null): ContainerExit => ({
  exitCode: code ?? (signal === null ? null : 128 + (constants.signals[signal] ?? 0)),
  signal,
});

const signalGroup = (pid: number, signal: NodeJS.Signals): void => {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
};

const signalProcess = (child: ChildProcess, signal: NodeJS.Signals): void => {
  try {
    child.kill(signal);
  } catch {
    // Already exited.
  }
};

/**
 * SIGTERM goes to the main process only, as `docker stop` sends it to PID 1; SIGKILL goes to the whole process
 * group, and the group is also killed when the main process exits, as a container's processes die with its PID 1.
 */
export const startContainer = (spec: ContainerSpec, resolution: ProcessResolution, options: StartOptions = {}): ContainerHandle => {
  const now = options.now ?? (() => new Date());
  const badCwd = cwdProblem(resolution.cwd);
  if (badCwd !== undefined) return exitedHandle({ exitCode: null, signal: null, reason: badCwd });

  let child: ChildProcess;
  try {
    child = spawn(resolution.command, [...resolution.args], {
      cwd: resolution.cwd,
      env: containerEnv(spec, resolution.env, options.parentEnv ?? process.env),
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (err) {
    return exitedHandle({ exitCode: null, signal: null, reason: execFailureReason(resolution.command, undefined, (err as Error).message) });
  }

  const deliver = (stream: 'stdout' | 'stderr') => (line: string) => {
    try {
      spec.onOutput(stream, line, now());
    } catch {
      // The callback must not throw; if it does, losing one line beats crashing the sandbox.
    }
  };
  const splitters = { stdout: createLineSplitter(deliver('stdout')), stderr: createLineSplitter(deliver('stderr')) };
  for (const name of ['stdout', 'stderr'] as const) {
    const stream = child[name];
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => splitters[name].push(chunk));
    stream?.on('error', () => undefined);
  }

  const pid = child.pid;
  let done = false;
  let killTimer: NodeJS.Timeout | undefined;
  let drainTimer: NodeJS.Timeout | undefined;
  let resolveExit: (exit: ContainerExit) => void = () => undefined;
  const exited = new Promise<ContainerExit>((resolve) => (resolveExit = resolve));

  const finish = (exit: ContainerExit): void => {
    if (done) return;
    done = true;
    clearTimeout(killTimer);
    clearTimeout(drainTimer);
    splitters.stdout.end();
    splitters.stderr.end();
    live.delete(handle);
    if (pid !== undefined) forgetGroup(pid);
    resolveExit(exit);
  };

  child.once('error', (err: NodeJS.ErrnoException) => {
    if (pid === undefined) finish({ exitCode: null, signal: null, reason: execFailureReason(resolution.command, err.code, err.message) });
  });
  child.once('exit', (code, signal) => {
    if (pid !== undefined) signalGroup(pid, 'SIGKILL');
    drainTimer = setTimeout(() => {
      child.stdout?.destroy();
      child.stderr?.destroy();
      finish(toExit(code, signal));
    }, STREAM_DRAIN_MS);
  });
  child.once('close', (code, signal) => finish(toExit(code, signal)));

  let stopping: Promise<ContainerExit> | undefined;
  const handle: ContainerHandle = {
    pid,
    exited,
    stop(graceMs) {
      if (stopping !== undefined) return stopping;
      if (!done && pid !== undefined) {
        signalProcess(child, 'SIGTERM');
        killTimer = setTimeout(() => signalGroup(pid, 'SIGKILL'), graceMs);
      }
      stopping = exited;
      return stopping;
    },
    async usage() {
      if (done || pid === undefined) return NO_USAGE;
      const usage = await readProcessUsage(pid);
      return usage === undefined || done ? NO_USAGE : usage;
    },
  };
  if (pid !== undefined) {
    live.add(handle);
    watchGroup(pid);
  }
  return handle;
};
