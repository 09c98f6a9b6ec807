// Polls on the injected clock until a condition holds, the deadline passes or the signal aborts: the one wait loop of src/preview.
import type { Clock } from '../core/clock.js';
import { TimeoutError } from '../core/errors.js';

export interface WaitOptions {
  readonly what: string;
  readonly timeoutMs: number;
  readonly everyMs: number;
}

/** Resolves with the first value `check` returns other than undefined. */
export async function waitFor<T>(clock: Clock, o: WaitOptions, check: () => Promise<T | undefined>, signal: AbortSignal): Promise<T> {
  const deadline = clock.now().getTime() + o.timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (clock.now().getTime() + o.everyMs > deadline) throw new TimeoutError(o.what, o.timeoutMs);
    await clock.sleep(o.everyMs, signal);
  }
}
