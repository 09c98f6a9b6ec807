// Runs a plan's steps as a dependency graph: every step starts as soon as the steps it needs are done, so only true dependencies are sequential.
import { setMaxListeners } from 'node:events';
import { CortadoError } from '../core/errors.js';

export interface Step {
  readonly id: string;
  /** Ids of the steps that must finish first. */
  readonly after: readonly string[];
}

/** Checks that every dependency names a step of the plan and that the graph has no cycle. */
export function checkPlan(steps: readonly Step[]): void {
  const ids = new Set(steps.map((s) => s.id));
  if (ids.size !== steps.length) throw new CortadoError('BAD_PLAN', 'a plan has two steps with the same id', { source: 'internal' });
  for (const s of steps) {
    for (const d of s.after)
      if (!ids.has(d)) throw new CortadoError('BAD_PLAN', `step ${s.id} waits for ${d}, which is not in the plan`, { source: 'internal' });
  }
  const done = new Set<string>();
  let progress = true;
  while (progress) {
    progress = false;
    for (const s of steps)
      if (!done.has(s.id) && s.after.every((d) => done.has(d))) {
        done.add(s.id);
        progress = true;
      }
  }
  if (done.size !== steps.length) throw new CortadoError('BAD_PLAN', 'a plan has a dependency cycle', { source: 'internal' });
}

/** How many steps run one after another at least: the longest dependency chain. */
export function planDepth(steps: readonly Step[]): number {
  const byId = new Map(steps.map((s) => [s.id, s] as const));
  const memo = new Map<string, number>();
  const depth = (id: string): number => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    const d = 1 + Math.max(0, ...(byId.get(id)?.after ?? []).map(depth));
    memo.set(id, d);
    return d;
  };
  return Math.max(0, ...steps.map((s) => depth(s.id)));
}

/**
 * Runs `run` for every step, each once its dependencies have finished. On the first failure the steps still running
 * are aborted (through the signal they get) and allowed to settle, then that failure is thrown; steps not started stay so.
 */
export async function runSteps<S extends Step>(
  steps: readonly S[],
  run: (step: S, signal: AbortSignal) => Promise<void>,
  signal: AbortSignal,
): Promise<void> {
  checkPlan(steps);
  const inner = new AbortController();
  setMaxListeners(0, inner.signal);
  const onAbort = () => inner.abort(signal.reason);
  if (signal.aborted) throw signal.reason;
  signal.addEventListener('abort', onAbort, { once: true });
  const done = new Set<string>();
  const started = new Set<string>();
  const running = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;
  try {
    for (;;) {
      if (!failure && !inner.signal.aborted) {
        for (const s of steps) {
          if (started.has(s.id) || !s.after.every((d) => done.has(d))) continue;
          started.add(s.id);
          const p: Promise<void> = run(s, inner.signal)
            .then(
              () => {
                done.add(s.id);
              },
              (e: unknown) => {
                if (!failure) {
                  failure = { error: e };
                  inner.abort(e);
                }
              },
            )
            .finally(() => {
              running.delete(p);
            });
          running.add(p);
        }
      }
      if (running.size === 0) break;
      await Promise.race(running);
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
  if (failure) throw failure.error;
  if (signal.aborted) throw signal.reason;
}
