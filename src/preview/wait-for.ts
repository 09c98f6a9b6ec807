// Polls on the injected clock until a condition holds, the deadline passes or the signal aborts: the one wait loop of src/preview.
import type { Clock } from '../core/clock.js';
import { TimeoutError } from '../core/errors.js';

export interface WaitOptions {
  readonly what: string;
  readonly timeoutMs: number;
  /** First pause between polls; each later pause is 1.5 times longer, up to `maxEveryMs`. */
  readonly everyMs: number;
  readonly maxEveryMs?: number;
}

/** Resolves with the first value `check` returns other than undefined. */
export async function waitFor<T>(clock: Clock, o: WaitOptions, check: () => Promise<T | undefined>, signal: AbortSignal): Promise<T> {
  const deadline = clock.now().getTime() + o.timeoutMs;
  let pause = o.everyMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (clock.now().getTime() + pause > deadline) throw new TimeoutError(o.what, o.timeoutMs);
    await clock.sleep(pause, signal);
    pause = Math.min(o.maxEveryMs ?? o.everyMs, Math.round(pause * 1.5));
  }
}
