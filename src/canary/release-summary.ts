// One shape for "where is this release" across both flows, for status, exit codes and JSON output.
import type { CanaryState, VerdictSummary } from './canary-state.js';
import type { NativeState } from './ecs-native/native-state.js';

export type Outcome = 'in-progress' | 'succeeded' | 'failed' | 'aborted';

export interface ReleaseSummary {
  readonly releaseId: string;
  readonly revision: string;
  readonly startedAt: number;
  /** The phase's kind (e.g. progressing, promoting, rolling-back). */
  readonly phase: string;
  readonly outcome: Outcome;
  readonly reason?: string;
  /** ALB: the step index (0-based) while progressing. */
  readonly step?: number;
  readonly stepStartedAt?: number;
  readonly failedChecks: number;
  readonly noDataStreak: number;
  readonly lastVerdict?: VerdictSummary;
  /** ECS-native: the service deployment. */
  readonly deploymentArn?: string;
}

const outcomeOf = (kind: string): Outcome => (kind === 'succeeded' ? 'succeeded' : kind === 'failed' ? 'failed' : kind === 'aborted' ? 'aborted' : 'in-progress');

export function summarize(s: CanaryState | NativeState): ReleaseSummary {
  const p = s.phase;
  const reason = 'reason' in p ? p.reason : undefined;
  return {
    releaseId: s.releaseId, revision: s.revision, startedAt: s.startedAt, phase: 'deploymentArn' in s && p.kind === 'running' ? 'ecs-deploying' : p.kind,
    outcome: outcomeOf(p.kind), failedChecks: s.failedChecks, noDataStreak: s.noDataStreak,
    ...(reason ? { reason } : {}),
    ...(p.kind === 'progressing' ? { step: p.step, stepStartedAt: p.stepStartedAt } : {}),
    ...(s.lastVerdict ? { lastVerdict: s.lastVerdict } : {}),
    ...('deploymentArn' in s ? { deploymentArn: s.deploymentArn } : {}),
  };
}

/** Exit codes a CI job can branch on (documented in docs/canary.md and every command's --help). */
export const EXIT = { ok: 0, error: 1, usage: 2, rolledBack: 3, aborted: 4, pending: 5 } as const;

export function exitCodeOf(s: ReleaseSummary | undefined): number {
  if (!s) return EXIT.ok;
  switch (s.outcome) {
    case 'succeeded': return EXIT.ok;
    case 'failed': return EXIT.rolledBack;
    case 'aborted': return EXIT.aborted;
    case 'in-progress': return EXIT.pending;
  }
}
