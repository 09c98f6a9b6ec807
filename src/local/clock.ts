// Sandbox time: real wall-clock timestamps, with simulated durations (ECS waits, intervals) divided by a speed factor.
export interface SandboxClock {
  readonly speed: number;
  now(): Date;
  /** Converts a simulated duration (as AWS would take it) to real milliseconds. */
  real(simulatedMs: number): number;
  /** A timer for a simulated duration; returns a cancel function. */
  after(simulatedMs: number, fn: () => void): () => void;
  /** A repeating timer every simulated interval; returns a cancel function. */
  every(simulatedMs: number, fn: () => void): () => void;
  /** Cancels every timer this clock started (sandbox shutdown). */
  cancelAll(): void;
  /** How many of its timers are pending (a reset must bring this back to what a fresh sandbox has). */
  pending(): number;
}

export function createClock(speed = 1): SandboxClock {
  if (!(speed > 0) || !Number.isFinite(speed)) throw new Error(`speed must be a positive number, got ${speed}`);
  const timers = new Set<NodeJS.Timeout>();
  const real = (ms: number) => Math.max(0, Math.round(ms / speed));
  return {
    speed,
    now: () => new Date(),
    real,
    after(ms, fn) {
      const t = setTimeout(() => {
        timers.delete(t);
        fn();
      }, real(ms));
      t.unref();
      timers.add(t);
      return () => {
        clearTimeout(t);
        timers.delete(t);
      };
    },
    every(ms, fn) {
      const t = setInterval(fn, Math.max(1, real(ms)));
      t.unref();
      timers.add(t);
      return () => {
        clearInterval(t);
        timers.delete(t);
      };
    },
    cancelAll() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
    pending: () => timers.size,
  };
}
