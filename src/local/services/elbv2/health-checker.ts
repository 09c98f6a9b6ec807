// Runs a target's health checks on the sandbox clock: first check shortly after registration, then every interval.
import type { SandboxClock } from '../../clock.js';
import type { HealthCheckConfig } from './elbv2-state.js';
import { probe } from './health-probe.js';
import { matchesCode, parseHttpCodes } from './status-matcher.js';
import type { CheckResult } from './target-health.js';

/** Simulated time from registration to the first check (while the target reads Elb.RegistrationInProgress). */
export const FIRST_CHECK_DELAY_MS = 1000;
/** A check's timeout is scaled by the speed factor but never shorter than this in real time, so a loaded host does not fail checks. */
export const MIN_REAL_TIMEOUT_MS = 2000;

export interface CheckTarget {
  /** The address to check: the target id of an `ip` target; undefined for targets the sandbox cannot reach. */
  readonly host: string | undefined;
  readonly trafficPort: number;
}

export interface HealthCheckLoop {
  readonly clock: SandboxClock;
  readonly config: () => HealthCheckConfig | undefined;
  readonly target: CheckTarget;
  /** The check is being sent (the target leaves Elb.RegistrationInProgress). */
  readonly started: () => void;
  readonly result: (r: CheckResult) => void;
}

function matcherFor(config: HealthCheckConfig): (status: number) => boolean {
  // gRPC checks are not spoken locally: an HTTP 2xx answer stands for the gRPC code matcher (see spec.md).
  if (config.matcher.HttpCode === undefined) return (s) => s >= 200 && s < 300;
  const parsed = parseHttpCodes(config.matcher.HttpCode);
  return parsed.kind === 'ok' ? (s) => matchesCode(parsed.ranges, s) : () => false;
}

/** Starts the loop; returns the function that stops it (pending timers and an in-flight check included). */
export function startHealthChecks(loop: HealthCheckLoop): () => void {
  let stopped = false;
  let busy = false;
  let cancelEvery: (() => void) | undefined;
  let abort: AbortController | undefined;
  const { clock } = loop;

  const check = () => {
    const config = loop.config();
    if (stopped || busy || !config) return;
    busy = true;
    loop.started();
    const host = loop.target.host;
    const realTimeout = Math.max(clock.real(config.timeoutSeconds * 1000), Math.min(config.timeoutSeconds * 1000, MIN_REAL_TIMEOUT_MS));
    abort = new AbortController();
    const pending: Promise<CheckResult> =
      host === undefined
        ? Promise.resolve({ kind: 'error' })
        : probe({
            host,
            port: config.port === 'traffic-port' ? loop.target.trafficPort : Number(config.port),
            path: config.path,
            matches: matcherFor(config),
            signal: abort.signal,
            armTimeout: (fire) => clock.after(realTimeout * clock.speed, fire),
          });
    void pending.then((r) => {
      busy = false;
      if (!stopped) loop.result(r);
    });
  };

  const cancelFirst = clock.after(FIRST_CHECK_DELAY_MS, () => {
    check();
    const interval = (loop.config()?.intervalSeconds ?? 30) * 1000;
    if (!stopped) cancelEvery = clock.every(interval, check);
  });
  return () => {
    stopped = true;
    cancelFirst();
    cancelEvery?.();
    abort?.abort();
  };
}
