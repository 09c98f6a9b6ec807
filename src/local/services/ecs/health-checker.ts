// Runs a container's healthCheck command as a local process on its interval, with the container's environment and timeout.
import { spawn } from 'node:child_process';
import type { SandboxClock } from '../../clock.js';
import { INITIAL_CHECK, nextCheckState, type CheckState, type HealthCheckSettings } from './task-health.js';

export interface HealthCheckOptions {
  readonly command: readonly string[];
  readonly settings: HealthCheckSettings;
  readonly env: Readonly<Record<string, string>>;
  /** The task's own address: `localhost` in a command means the task's network namespace, which is this address here. */
  readonly host: string;
  readonly clock: SandboxClock;
  readonly onChange: (state: CheckState) => void;
}

export const settingsOf = (hc: Readonly<Record<string, unknown>>): HealthCheckSettings => ({
  intervalS: typeof hc.interval === 'number' ? hc.interval : 30,
  timeoutS: typeof hc.timeout === 'number' ? hc.timeout : 5,
  retries: typeof hc.retries === 'number' ? hc.retries : 3,
  startPeriodS: typeof hc.startPeriod === 'number' ? hc.startPeriod : 0,
});

/** `CMD-SHELL x` runs `/bin/sh -c x`; `CMD a b` runs `a b` (Docker's HEALTHCHECK forms). */
export function checkArgv(command: readonly string[], host: string): readonly string[] | undefined {
  const local = (s: string) => s.replace(/\blocalhost\b|\b127\.0\.0\.1\b/g, host);
  const [form, ...rest] = command;
  if (form === 'CMD-SHELL') return ['/bin/sh', '-c', local(rest.join(' '))];
  if (form === 'CMD' && rest.length > 0) return rest.map(local);
  return undefined;
}

function runOnce(
  argv: readonly string[],
  env: Readonly<Record<string, string>>,
  timeoutS: number,
  clock: SandboxClock,
  inFlight: Set<() => void>,
): Promise<boolean> {
  return new Promise((resolve) => {
    const [program, ...args] = argv;
    let settled = false;
    const child = spawn(program!, args, { env: { ...env }, detached: true, stdio: 'ignore' });
    const kill = () => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const done = (ok: boolean) => {
      if (settled) return;
      settled = true;
      cancelTimer();
      inFlight.delete(kill);
      resolve(ok);
    };
    const cancelTimer = clock.after(timeoutS * 1000, () => {
      kill();
      done(false);
    });
    inFlight.add(kill);
    child.once('error', () => done(false));
    child.once('exit', (code) => done(code === 0));
  });
}

/** Starts the check loop; returns a function that stops it. */
export function startHealthChecks(opts: HealthCheckOptions): () => void {
  const argv = checkArgv(opts.command, opts.host);
  let state: CheckState = INITIAL_CHECK;
  let stopped = false;
  let running = false;
  const inFlight = new Set<() => void>();
  const startedAt = Date.now();
  const startPeriodRealMs = opts.clock.real(opts.settings.startPeriodS * 1000);
  const tick = async () => {
    if (stopped || running || !argv) return;
    running = true;
    const passed = await runOnce(argv, opts.env, opts.settings.timeoutS, opts.clock, inFlight);
    running = false;
    if (stopped) return;
    const next = nextCheckState(state, passed, Date.now() - startedAt < startPeriodRealMs, opts.settings.retries);
    if (next.status !== state.status || next.consecutiveFailures !== state.consecutiveFailures) {
      state = next;
      opts.onChange(state);
    }
  };
  const cancel = opts.clock.every(opts.settings.intervalS * 1000, () => void tick());
  return () => {
    stopped = true;
    cancel();
    for (const kill of [...inFlight]) kill();
  };
}
