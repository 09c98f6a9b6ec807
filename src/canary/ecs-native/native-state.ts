// The state of an ECS-native release: ECS owns the deployment (stages, hooks, weights); cortado keeps its analysis counters.
import type { VerdictSummary } from '../canary-state.js';

export type NativePhase =
  | { readonly kind: 'running' }
  | { readonly kind: 'rolling-back'; readonly outcome: 'failed' | 'aborted'; readonly reason: string }
  | { readonly kind: 'succeeded' }
  | { readonly kind: 'failed'; readonly reason: string }
  | { readonly kind: 'aborted'; readonly reason: string };

export interface NativeState {
  readonly releaseId: string;
  readonly revision: string;
  readonly startedAt: number;
  /** The ECS service deployment this release is (found after UpdateService). */
  readonly deploymentArn: string;
  readonly phase: NativePhase;
  /** Canary (new revision) share of production traffic last seen, percent, and since when. */
  readonly weight: number;
  readonly weightSince: number;
  readonly nextAnalysisAt: number;
  readonly preRolloutDone: boolean;
  /** The last hook answered: ECS may still list it as waiting for a moment after ContinueServiceDeployment. */
  readonly answeredHook?: string;
  readonly failedChecks: number;
  readonly noDataStreak: number;
  readonly lastVerdict?: VerdictSummary;
}

/** The service deployment as DescribeServiceDeployments shows it. */
export interface NativeDeploymentView {
  readonly status: string;
  readonly statusReason?: string;
  readonly lifecycleStage?: string;
  /** Requested production weight of the new revision, percent. */
  readonly weight: number;
  /** A PAUSE hook waiting for ContinueServiceDeployment. */
  readonly awaitingHook?: { readonly hookId: string; readonly stage?: string };
  readonly rollbackReason?: string;
}

export const NATIVE_TERMINAL: Readonly<Record<string, 'succeeded' | 'failed'>> = {
  SUCCESSFUL: 'succeeded',
  STOPPED: 'failed',
  ROLLBACK_SUCCESSFUL: 'failed',
  ROLLBACK_FAILED: 'failed',
};
