// The ALB rollout as a pure function: given the spec, the state read from AWS and what was just observed, the one next action.
import type { CanarySpec } from './canary-spec.js';
import type { CanaryState, Phase, RolloutObservation, VerdictSummary } from './canary-state.js';
import type { AnalysisVerdict } from './check-evaluation.js';
import { verdictReason } from './check-evaluation.js';
import type { BaseObservation, FlowDecision, SharedAction } from './release-flow.js';
import { canaryTaskCount } from './step-weights.js';
import { judgeStep } from './step-judgement.js';

/** Tags, clock and the previous action's results (BaseObservation), and the rollouts the ALB flow reads from ECS. */
export interface Observation extends BaseObservation {
  /** Desired count of the stable service (sizes a canary that follows the weight). */
  readonly stableDesired: number;
  readonly canary?: RolloutObservation;
  readonly stable?: RolloutObservation;
}

export type Action =
  | { readonly kind: 'deploy-canary'; readonly tasks: number }
  /** Scale the canary to `tasks` first (when given), then write the weights. */
  | { readonly kind: 'set-weights'; readonly canary: number; readonly tasks?: number }
  | { readonly kind: 'deploy-stable' }
  | { readonly kind: 'scale-canary'; readonly tasks: number }
  /** Scale the canary to `tasks`, then route requests carrying the configured header to it (weights stay 100/0). */
  | { readonly kind: 'route-header'; readonly tasks: number }
  | SharedAction;

/** `entry` is written to AWS while the action runs, so a controller killed mid-action redoes it (rollbacks). */
export type Decision = FlowDecision<CanaryState, Action>;

export const summarizeVerdict = (v: AnalysisVerdict, at: number): VerdictSummary => ({
  status: v.status,
  at,
  ...(v.requests !== undefined ? { requests: v.requests } : {}),
  checks: v.checks.map((c) => ({ name: c.name, status: c.status, ...(c.value !== undefined ? { value: c.value } : {}) })),
});

function go(
  state: CanaryState,
  phase: Phase,
  action: Action,
  why: string,
  extra: Partial<CanaryState> = {},
  consumedRequest = false,
): Decision {
  return { action, next: { ...state, ...extra, phase }, consumedRequest, why };
}

/** 100% to stable at once; the rolling-back phase is written alongside, not before, so the weights move within one round trip. */
function rollback(
  state: CanaryState,
  outcome: 'failed' | 'aborted',
  reason: string,
  extra: Partial<CanaryState> = {},
  consumed = false,
): Decision {
  const d = go(
    state,
    { kind: 'rolling-back', stage: 'scale-down', outcome, reason },
    { kind: 'set-weights', canary: 0 },
    reason,
    extra,
    consumed,
  );
  return { ...d, entry: { ...d.next, phase: { kind: 'rolling-back', stage: 'weights', outcome, reason } } };
}

const stepTasks = (spec: CanarySpec, step: number, obs: Observation) =>
  canaryTaskCount(spec.canaryTasks, spec.steps[step] ?? 100, obs.stableDesired);

/** Deploys to stable now; the `deploy-stable` stage is recorded alongside so a resumed controller deploys again. */
function promote(state: CanaryState, now: number, why: string, extra: Partial<CanaryState> = {}, consumed = false): Decision {
  const d = go(state, { kind: 'promoting', stage: 'wait-stable', since: now }, { kind: 'deploy-stable' }, why, extra, consumed);
  return { ...d, entry: { ...d.next, phase: { kind: 'promoting', stage: 'deploy-stable', since: now } } };
}

function afterLastStep(spec: CanarySpec, state: CanaryState, obs: Observation, extra: Partial<CanaryState>, why: string): Decision {
  if (spec.gate.kind === 'auto') return promote(state, obs.now, `${why}; promoting`, extra);
  const phase: Phase = { kind: 'awaiting-promotion', since: obs.now, nextAnalysisAt: obs.now + spec.analysisIntervalMs };
  if (spec.gate.kind === 'webhook') return go(state, phase, { kind: 'check-gate' }, `${why}; asking the confirm-promotion webhook`, extra);
  return go(state, phase, { kind: 'wait', until: obs.now + spec.pollMs }, `${why}; waiting for \`cortado canary promote\``, extra);
}

/**
 * The header-route step (weight 0): requests with the header reach the canary, nothing else does. Testers' traffic is
 * neither steady nor enough to analyse, so the step only lasts its duration; the analyses start with the first weight.
 */
function headerStep(spec: CanarySpec, state: CanaryState, p: Extract<Phase, { kind: 'progressing' }>, obs: Observation): Decision {
  const route = spec.headerRoute;
  const durationMs = route?.durationMs ?? spec.intervalMs;
  if (!p.weightSet)
    return go(
      state,
      { ...p, weightSet: true, stepStartedAt: obs.now, nextAnalysisAt: obs.now + durationMs },
      { kind: 'route-header', tasks: stepTasks(spec, p.step, obs) },
      `step ${p.step + 1}/${spec.steps.length}: only requests with ${route?.describe ?? 'the header'} reach the canary`,
    );
  if (obs.request?.kind === 'promote')
    return promote(state, obs.now, `promotion requested${obs.request.skipAnalysis ? ', analysis skipped' : ''}`, {}, true);
  if (obs.paused) return go(state, p, { kind: 'wait', until: obs.now + spec.pollMs }, 'paused');
  const ends = p.stepStartedAt + durationMs;
  if (obs.now < ends) return go(state, p, { kind: 'wait', until: Math.min(ends, obs.now + spec.pollMs) }, 'header-route step');
  if (p.step + 1 >= spec.steps.length) return afterLastStep(spec, state, obs, {}, 'header-route step over');
  return progressing(
    spec,
    state,
    { kind: 'progressing', step: p.step + 1, weightSet: false, stepStartedAt: obs.now, nextAnalysisAt: obs.now, promote: false },
    withoutAnalysis(obs),
  );
}

function progressing(spec: CanarySpec, state: CanaryState, p: Extract<Phase, { kind: 'progressing' }>, obs: Observation): Decision {
  const weight = spec.steps[p.step]!;
  if (weight === 0) return headerStep(spec, state, p, obs);
  if (!p.weightSet) {
    const now = obs.now;
    return go(
      state,
      { ...p, weightSet: true, stepStartedAt: now, nextAnalysisAt: now + spec.analysisIntervalMs },
      { kind: 'set-weights', canary: weight, tasks: stepTasks(spec, p.step, obs) },
      `step ${p.step + 1}/${spec.steps.length}: canary weight ${weight}%`,
    );
  }
  if (obs.request?.kind === 'promote' && obs.request.skipAnalysis)
    return promote(state, obs.now, 'promotion requested, analysis skipped', {}, true);
  if (obs.request?.kind === 'promote')
    return go(
      state,
      { ...p, promote: true },
      { kind: 'wait', until: obs.now },
      'promotion requested: promoting at the next passing analysis',
      {},
      true,
    );
  if (obs.paused && obs.analysis === undefined) return go(state, p, { kind: 'wait', until: obs.now + spec.pollMs }, 'paused');
  const j = judgeStep(spec, p, state, obs.now, obs.analysis);
  const verdict = obs.analysis ? { lastVerdict: summarizeVerdict(obs.analysis, obs.now) } : {};
  switch (j.kind) {
    case 'analyse':
      return go(state, p, { kind: 'analyse', since: p.stepStartedAt }, `analysing step ${p.step + 1}`);
    case 'wait':
      return go(state, p, { kind: 'wait', until: Math.min(j.until, obs.now + spec.pollMs) }, 'waiting for the next analysis');
    case 'rollback':
      return rollback(state, 'failed', j.reason, { ...j.counters, ...verdict });
    case 'hold': {
      const why =
        obs.analysis?.status === 'pass'
          ? `step ${p.step + 1} analysis passed`
          : `step ${p.step + 1} analysis: ${obs.analysis?.status}: ${obs.analysis ? verdictReason(obs.analysis) : ''}`;
      if (p.promote && obs.analysis?.status === 'pass')
        return promote(state, obs.now, `${why}; promotion requested`, { ...j.counters, ...verdict });
      return go(
        state,
        { ...p, nextAnalysisAt: j.nextAnalysisAt },
        { kind: 'wait', until: Math.min(j.nextAnalysisAt, obs.now + spec.pollMs) },
        why,
        { ...j.counters, ...verdict },
      );
    }
    case 'advance': {
      const extra = { ...j.counters, ...verdict };
      if (p.promote) return promote(state, obs.now, `step ${p.step + 1} passed; promotion requested`, extra);
      if (p.step + 1 < spec.steps.length) {
        return progressing(
          spec,
          { ...state, ...extra },
          { kind: 'progressing', step: p.step + 1, weightSet: false, stepStartedAt: obs.now, nextAnalysisAt: obs.now, promote: false },
          withoutAnalysis(obs),
        );
      }
      return afterLastStep(spec, state, obs, extra, `step ${p.step + 1}/${spec.steps.length} passed`);
    }
  }
}

function awaitingPromotion(
  spec: CanarySpec,
  state: CanaryState,
  p: Extract<Phase, { kind: 'awaiting-promotion' }>,
  obs: Observation,
): Decision {
  if (obs.request?.kind === 'promote') return promote(state, obs.now, 'promotion confirmed', {}, true);
  if (obs.gate?.open) return promote(state, obs.now, `confirm-promotion webhook: ${obs.gate.reason}`);
  if (obs.paused && obs.analysis === undefined) return go(state, p, { kind: 'wait', until: obs.now + spec.pollMs }, 'paused');
  // The canary keeps serving the last weight while it waits, so it keeps being analysed.
  const j = judgeStep(
    { ...spec, intervalMs: Number.POSITIVE_INFINITY },
    { stepStartedAt: p.since, nextAnalysisAt: p.nextAnalysisAt },
    state,
    obs.now,
    obs.analysis,
  );
  const verdict = obs.analysis ? { lastVerdict: summarizeVerdict(obs.analysis, obs.now) } : {};
  switch (j.kind) {
    case 'analyse':
      return go(state, p, { kind: 'analyse', since: p.since }, 'analysing while awaiting promotion');
    case 'wait':
      return go(state, p, { kind: 'wait', until: Math.min(j.until, obs.now + spec.pollMs) }, 'awaiting promotion');
    case 'rollback':
      return rollback(state, 'failed', j.reason, { ...j.counters, ...verdict });
    case 'advance':
    case 'hold': {
      const next = { ...p, nextAnalysisAt: j.kind === 'hold' ? j.nextAnalysisAt : obs.now + spec.analysisIntervalMs };
      if (spec.gate.kind === 'webhook' && obs.analysis?.status === 'pass')
        return go(state, next, { kind: 'check-gate' }, 'asking the confirm-promotion webhook', { ...j.counters, ...verdict });
      return go(state, next, { kind: 'wait', until: Math.min(next.nextAnalysisAt, obs.now + spec.pollMs) }, 'awaiting promotion', {
        ...j.counters,
        ...verdict,
      });
    }
  }
}

/** Pure: the next action of an ALB release. Every action is idempotent, so a resumed controller may repeat the last one. */
export function nextStep(spec: CanarySpec, state: CanaryState, obs: Observation): Decision {
  const p = state.phase;
  const abortable =
    p.kind !== 'rolling-back' && p.kind !== 'succeeded' && p.kind !== 'failed' && p.kind !== 'aborted' && p.kind !== 'promoting';
  if (abortable && obs.request?.kind === 'abort') return rollback(state, 'aborted', 'aborted by an operator', {}, true);
  switch (p.kind) {
    case 'deploying':
      return go(
        state,
        { kind: 'starting', since: obs.now },
        { kind: 'deploy-canary', tasks: stepTasks(spec, 0, obs) },
        `deploying ${state.revision} to the canary service`,
      );
    case 'starting': {
      const c = obs.canary ?? { kind: 'in-progress' };
      if (c.kind === 'failed') return rollback(state, 'failed', `canary deployment failed: ${c.reason}`);
      if (c.kind === 'in-progress') {
        if (obs.now - p.since > spec.deployTimeoutMs)
          return rollback(state, 'failed', `canary tasks were not healthy within ${Math.round(spec.deployTimeoutMs / 1000)} s`);
        return go(state, p, { kind: 'wait', until: obs.now + spec.pollMs }, 'waiting for healthy canary tasks');
      }
      if (spec.preRollout.length > 0)
        return go(
          state,
          { kind: 'pre-rollout' },
          { kind: 'run-hooks', which: 'pre-rollout' },
          'canary healthy; running pre-rollout webhooks',
        );
      return progressing(
        spec,
        state,
        { kind: 'progressing', step: 0, weightSet: false, stepStartedAt: obs.now, nextAnalysisAt: obs.now, promote: false },
        obs,
      );
    }
    case 'pre-rollout':
      if (obs.hooks === undefined) return go(state, p, { kind: 'run-hooks', which: 'pre-rollout' }, 'running pre-rollout webhooks');
      if (!obs.hooks.ok) return rollback(state, 'failed', `pre-rollout webhook failed: ${obs.hooks.reason}`);
      if (obs.paused) return go(state, p, { kind: 'wait', until: obs.now + spec.pollMs }, 'paused before the first step');
      return progressing(
        spec,
        state,
        { kind: 'progressing', step: 0, weightSet: false, stepStartedAt: obs.now, nextAnalysisAt: obs.now, promote: false },
        withoutAnalysis(obs),
      );
    case 'progressing':
      return progressing(spec, state, p, obs);
    case 'awaiting-promotion':
      return awaitingPromotion(spec, state, p, obs);
    case 'promoting': {
      if (p.stage === 'deploy-stable')
        return go(
          state,
          { ...p, stage: 'wait-stable', since: obs.now },
          { kind: 'deploy-stable' },
          `deploying ${state.revision} to the stable service`,
        );
      if (p.stage === 'wait-stable') {
        const s = obs.stable ?? { kind: 'in-progress' };
        if (s.kind === 'failed') return rollback(state, 'failed', `stable deployment failed: ${s.reason}`);
        if (s.kind === 'in-progress') {
          if (obs.now - p.since > spec.deployTimeoutMs)
            return rollback(state, 'failed', `stable tasks were not healthy within ${Math.round(spec.deployTimeoutMs / 1000)} s`);
          return go(state, p, { kind: 'wait', until: obs.now + spec.pollMs }, 'waiting for the stable service to run the new revision');
        }
        return go(
          state,
          { ...p, stage: 'scale-down' },
          { kind: 'set-weights', canary: 0 },
          'stable runs the new revision: 100% back to stable',
        );
      }
      if (p.stage === 'scale-down') {
        const post = spec.postRollout.length > 0;
        return go(
          state,
          post ? { ...p, stage: 'post-rollout' } : { kind: 'succeeded' },
          { kind: 'scale-canary', tasks: 0 },
          'scaling the canary to zero',
        );
      }
      if (obs.hooks === undefined) return go(state, p, { kind: 'run-hooks', which: 'post-rollout' }, 'running post-rollout webhooks');
      return go(
        state,
        { kind: 'succeeded' },
        { kind: 'done' },
        obs.hooks.ok ? 'released' : `released; post-rollout webhook failed: ${obs.hooks.reason}`,
      );
    }
    case 'rolling-back':
      if (p.stage === 'weights') return go(state, { ...p, stage: 'scale-down' }, { kind: 'set-weights', canary: 0 }, p.reason);
      return go(
        state,
        p.outcome === 'failed' ? { kind: 'failed', reason: p.reason } : { kind: 'aborted', reason: p.reason },
        { kind: 'scale-canary', tasks: 0 },
        'scaling the canary to zero',
      );
    case 'succeeded':
    case 'failed':
    case 'aborted':
      return go(state, p, { kind: 'done' }, p.kind);
  }
}

/** The observation a fresh step starts from: the previous step's analysis does not carry over. */
function withoutAnalysis(obs: Observation): Observation {
  const { analysis: _previous, ...rest } = obs;
  return rest;
}
