// What one router's release flow gives the shared controller loop: its state codec, what it observes, its pure decision, its actions.
import type { OperatorRequest, VerdictSummary } from './canary-state.js';
import type { AnalysisVerdict } from './check-evaluation.js';
import type { EffectResult } from './canary-effects.js';
import type { ReleaseDeps, ReleaseTarget } from './release-context.js';
import type { ResolvedRoute } from './routers/traffic-router.js';
import type { Tag } from './state-tags.js';

/** What every flow's state has: the release, its phase (terminal when succeeded, failed or aborted) and its counters. */
export interface FlowState {
  readonly releaseId: string;
  readonly revision: string;
  readonly startedAt: number;
  /** The phase: its kind, its reason when it ends or rolls back, and (alb, while progressing) the step. */
  readonly phase: { readonly kind: string; readonly reason?: string; readonly step?: number; readonly stepStartedAt?: number };
  readonly failedChecks: number;
  readonly noDataStreak: number;
  readonly lastVerdict?: VerdictSummary;
  /** ecs-native: the service deployment. */
  readonly deploymentArn?: string;
  /** ecs-native: the canary's share of production traffic last seen (reported with each analysis). */
  readonly weight?: number;
}

/** What the loop reads for every flow (tags, the clock) and what the previous action returned. */
export interface BaseObservation {
  readonly now: number;
  readonly paused: boolean;
  readonly request?: OperatorRequest;
  readonly analysis?: AnalysisVerdict;
  readonly gate?: { readonly open: boolean; readonly reason: string };
  readonly hooks?: { readonly ok: boolean; readonly reason: string };
}

/** The actions both flows decide on; each flow adds its own (alb: deploy, scale, weights; ecs-native: answer ECS's hooks). */
export type SharedAction =
  | { readonly kind: 'analyse'; readonly since: number }
  /** Ask the confirm-promotion webhook (alb). */
  | { readonly kind: 'check-gate' }
  | { readonly kind: 'run-hooks'; readonly which: 'pre-rollout' | 'post-rollout' }
  /** Nothing to do before `until` (or the next poll): look again then. */
  | { readonly kind: 'wait'; readonly until: number }
  | { readonly kind: 'done' };

/** One decision: the action, the state after it, and the state written alongside the action (a killed controller redoes it). */
export interface FlowDecision<S, A> {
  readonly action: A;
  readonly next: S;
  readonly entry?: S;
  /** The operator request was acted on: the loop clears it. */
  readonly consumedRequest: boolean;
  readonly why: string;
}

/** One controller's run of a flow, once the lease is taken and the route resolved. */
export interface FlowRun<S, A> {
  readonly route: ResolvedRoute;
  /** Reads what the decision needs beyond the tags (rollouts, ECS's deployment), then decides, purely. */
  step(state: S, base: BaseObservation, signal: AbortSignal): Promise<FlowDecision<S, A>>;
  /** Applies one decided action; returns what it observed. */
  apply(action: A, state: S, signal: AbortSignal): Promise<EffectResult>;
}

export interface ReleaseFlow<S extends FlowState, A extends { readonly kind: string }> {
  decode(tags: readonly Tag[]): S | undefined;
  encode(s: S): Tag[];
  /** The first state of a release of `revision` (ecs-native starts ECS's deployment here). */
  begin(t: ReleaseTarget, deps: ReleaseDeps, revision: string, signal: AbortSignal): Promise<S>;
  /** Resolves the route and what stays fixed for one controller run. */
  open(t: ReleaseTarget, deps: ReleaseDeps, state: S, signal: AbortSignal): Promise<FlowRun<S, A>>;
  /** Actions announced as CANARY_PHASE even without a phase change (ecs-native: answers to ECS's hooks). */
  milestone(action: A): boolean;
}

export const isEnded = (s: FlowState): boolean => s.phase.kind === 'succeeded' || s.phase.kind === 'failed' || s.phase.kind === 'aborted';
