// The one polling primitive every wait uses: clock-driven, cancellable, bounded by the timeout.
import type { Clock } from './clock.js';
import { TimeoutError } from './errors.js';

export interface WaitLoop {
  /** Sleeps one interval (less if the deadline is nearer); throws TimeoutError past the deadline, or the abort reason. */
  tick(): Promise<void>;
  readonly deadline: number;
}

export function waitLoop(clock: Clock, what: string, timeoutMs: number, intervalMs: number, signal: AbortSignal): WaitLoop {
  const deadline = clock.now().getTime() + timeoutMs;
  return {
    deadline,
    async tick() {
      const remaining = deadline - clock.now().getTime();
      if (remaining <= 0) throw new TimeoutError(what, timeoutMs);
      await clock.sleep(Math.min(intervalMs, remaining), signal);
    },
  };
}
