// Which previews the stale cleaner removes (pure): untouched for longer than --older-than, or incomplete for longer than a grace period.
import type { EnvView, PieceKind } from './env-pieces.js';

export interface GcPolicy {
  readonly olderThanMs: number;
  /** An incomplete env younger than this may be a create in progress: left alone. */
  readonly incompleteAfterMs: number;
}

export interface GcVerdict {
  readonly env: string;
  readonly reason: 'stale' | 'incomplete';
  readonly updatedAt: string;
  readonly idleMs: number;
  readonly missing: readonly PieceKind[];
}

export const DEFAULT_INCOMPLETE_AFTER_MS = 10 * 60_000;

export function decideGc(envs: readonly EnvView[], now: Date, policy: GcPolicy): GcVerdict[] {
  const out: GcVerdict[] = [];
  for (const e of envs) {
    const idleMs = now.getTime() - e.updatedAt.getTime();
    const incomplete = e.missing.length > 0;
    const limit = incomplete ? Math.min(policy.olderThanMs, policy.incompleteAfterMs) : policy.olderThanMs;
    if (idleMs > limit) {
      out.push({
        env: e.env,
        reason: incomplete ? 'incomplete' : 'stale',
        updatedAt: e.updatedAt.toISOString(),
        idleMs,
        missing: e.missing,
      });
    }
  }
  return out;
}
