// The state of one release, as kept in AWS (tags on the canary service): phase, step, counters, last verdict.
import type { CheckStatus } from './check-evaluation.js';

export type Phase =
  /** The new revision is registered; the canary service is not yet updated. */
  | { readonly kind: 'deploying' }
  /** The canary service is rolling out; waiting for healthy tasks. */
  | { readonly kind: 'starting'; readonly since: number }
  /** Canary healthy; pre-rollout webhooks run before any traffic moves. */
  | { readonly kind: 'pre-rollout' }
  | {
      readonly kind: 'progressing';
      readonly step: number;
      /** False until the step's weights are written (a resumed controller writes them again). */
      readonly weightSet: boolean;
      readonly stepStartedAt: number;
      readonly nextAnalysisAt: number;
      /** `promote` was asked mid-rollout: go to promotion at the next passing analysis. */
      readonly promote: boolean;
    }
  | { readonly kind: 'awaiting-promotion'; readonly since: number; readonly nextAnalysisAt: number }
  /**
   * The released revision goes to the stable service, then 100% returns to it and the canary scales to zero.
   * `stage` is what is left to do; past `deploy-stable` the release can no longer be aborted, only finished.
   */
  | { readonly kind: 'promoting'; readonly stage: 'deploy-stable' | 'wait-stable' | 'scale-down' | 'post-rollout'; readonly since: number }
  /** `stage` is what is left to do: a controller resumed in stage `weights` writes 100/0 again. */
  | {
      readonly kind: 'rolling-back';
      readonly stage: 'weights' | 'scale-down';
      readonly outcome: 'failed' | 'aborted';
      readonly reason: string;
    }
  | { readonly kind: 'succeeded' }
  | { readonly kind: 'failed'; readonly reason: string }
  | { readonly kind: 'aborted'; readonly reason: string };

export type PhaseKind = Phase['kind'];

export const TERMINAL: ReadonlySet<PhaseKind> = new Set(['succeeded', 'failed', 'aborted']);
export const isTerminal = (p: Phase): boolean => TERMINAL.has(p.kind);

/** The last analysis, compact enough for one tag. */
export interface VerdictSummary {
  readonly status: CheckStatus;
  readonly at: number;
  readonly requests?: number;
  readonly checks: readonly { readonly name: string; readonly status: CheckStatus; readonly value?: number }[];
}

export interface CanaryState {
  readonly releaseId: string;
  /** Task definition ARN being released. */
  readonly revision: string;
  readonly startedAt: number;
  readonly phase: Phase;
  /** Failed analyses so far in this release (cumulative). */
  readonly failedChecks: number;
  /** Consecutive analyses without enough data. */
  readonly noDataStreak: number;
  readonly lastVerdict?: VerdictSummary;
}

/** What an operator asked for from any machine (stored as a tag until the controller acts on it). */
export type OperatorRequest = { readonly kind: 'promote'; readonly skipAnalysis: boolean } | { readonly kind: 'abort' };

/** A deployment the release waits for, as read from ECS. */
export type RolloutObservation =
  { readonly kind: 'in-progress' } | { readonly kind: 'ready' } | { readonly kind: 'failed'; readonly reason: string };
