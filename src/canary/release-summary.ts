// One shape for "where is this release" across both flows, for status, exit codes and JSON output.
import { EXIT, type ExitCode } from '../core/exit-codes.js';
import type { OperatorRequest, VerdictSummary } from './canary-state.js';
import type { FlowState } from './release-flow.js';

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

const outcomeOf = (kind: string): Outcome =>
  kind === 'succeeded' ? 'succeeded' : kind === 'failed' ? 'failed' : kind === 'aborted' ? 'aborted' : 'in-progress';

export function summarize(s: FlowState): ReleaseSummary {
  const p = s.phase;
  return {
    releaseId: s.releaseId,
    revision: s.revision,
    startedAt: s.startedAt,
    phase: s.deploymentArn !== undefined && p.kind === 'running' ? 'ecs-deploying' : p.kind,
    outcome: outcomeOf(p.kind),
    failedChecks: s.failedChecks,
    noDataStreak: s.noDataStreak,
    ...(p.reason ? { reason: p.reason } : {}),
    ...(p.kind === 'progressing' && p.step !== undefined ? { step: p.step, stepStartedAt: p.stepStartedAt ?? s.startedAt } : {}),
    ...(s.lastVerdict ? { lastVerdict: s.lastVerdict } : {}),
    ...(s.deploymentArn !== undefined ? { deploymentArn: s.deploymentArn } : {}),
  };
}

/**
 * The exit code (src/core/exit-codes.ts) of a command that left the release at `s`. A release aborted by someone else
 * is 4; for the command that asked for the abort (`asked`), the abort is what was asked: 0.
 */
export function exitCodeOf(s: ReleaseSummary | undefined, asked?: OperatorRequest['kind']): ExitCode {
  if (!s) return EXIT.ok;
  switch (s.outcome) {
    case 'succeeded':
      return EXIT.ok;
    case 'failed':
      return EXIT.rolledBack;
    case 'aborted':
      return asked === 'abort' ? EXIT.ok : EXIT.aborted;
    case 'in-progress':
      return EXIT.inProgress;
  }
}
