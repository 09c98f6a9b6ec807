// The ECS-native release as a pure function: at every PAUSE hook, analyse and answer CONTINUE or ROLLBACK; analyse between hooks too.
import type { CanarySpec } from '../canary-spec.js';
import { summarizeVerdict } from '../next-step.js';
import type { BaseObservation, FlowDecision, SharedAction } from '../release-flow.js';
import { judgeStep } from '../step-judgement.js';
import { NATIVE_TERMINAL, type NativeDeploymentView, type NativeState } from './native-state.js';

/** Tags, clock and the previous action's results (BaseObservation), and ECS's service deployment. */
export interface NativeObservation extends BaseObservation {
  readonly deployment: NativeDeploymentView;
}

export type NativeAction =
  | { readonly kind: 'continue'; readonly hookId: string }
  /** ContinueServiceDeployment ROLLBACK at a waiting hook, otherwise StopServiceDeployment ROLLBACK. */
  | { readonly kind: 'rollback'; readonly hookId?: string }
  | Exclude<SharedAction, { readonly kind: 'check-gate' }>;

export type NativeDecision = FlowDecision<NativeState, NativeAction>;

export function nextNativeStep(spec: CanarySpec, s: NativeState, obs: NativeObservation): NativeDecision {
  const d = obs.deployment;
  const go = (action: NativeAction, next: Partial<NativeState>, why: string, consumedRequest = false): NativeDecision => ({
    action,
    next: { ...s, ...next },
    consumedRequest,
    why,
  });
  const wait = (why: string, next: Partial<NativeState> = {}, until = obs.now + spec.pollMs) =>
    go({ kind: 'wait', until: Math.min(until, obs.now + spec.pollMs) }, next, why);
  const hookId = d.awaitingHook && d.awaitingHook.hookId !== s.answeredHook ? d.awaitingHook.hookId : undefined;
  const rollback = (outcome: 'failed' | 'aborted', reason: string, extra: Partial<NativeState> = {}, consumed = false) =>
    go(
      { kind: 'rollback', ...(hookId ? { hookId } : {}) },
      { ...extra, ...(hookId ? { answeredHook: hookId } : {}), phase: { kind: 'rolling-back', outcome, reason } },
      reason,
      consumed,
    );

  const end = NATIVE_TERMINAL[d.status];
  if (end) {
    const reason =
      s.phase.kind === 'rolling-back' ? s.phase.reason : (d.rollbackReason ?? d.statusReason ?? `ECS ended the deployment ${d.status}`);
    if (end === 'failed')
      return go(
        { kind: 'done' },
        {
          phase:
            s.phase.kind === 'rolling-back' && s.phase.outcome === 'aborted' ? { kind: 'aborted', reason } : { kind: 'failed', reason },
        },
        `deployment ${d.status}: ${reason}`,
      );
    if (spec.postRollout.length > 0 && obs.hooks === undefined && s.phase.kind === 'running')
      return go({ kind: 'run-hooks', which: 'post-rollout' }, {}, 'running post-rollout webhooks');
    return go(
      { kind: 'done' },
      { phase: { kind: 'succeeded' } },
      obs.hooks && !obs.hooks.ok ? `released; post-rollout webhook failed: ${obs.hooks.reason}` : 'released',
    );
  }
  if (s.phase.kind !== 'running') return wait('waiting for ECS to finish the rollback');
  if (obs.request?.kind === 'abort') return rollback('aborted', 'aborted by an operator', {}, true);
  const moved = d.weight !== s.weight ? { weight: d.weight, weightSince: obs.now, nextAnalysisAt: obs.now + spec.analysisIntervalMs } : {};
  const cur: NativeState = { ...s, ...moved };
  const verdict = obs.analysis ? { lastVerdict: summarizeVerdict(obs.analysis, obs.now) } : {};
  if (hookId && obs.request?.kind === 'promote' && obs.request.skipAnalysis)
    return go({ kind: 'continue', hookId }, { ...moved, answeredHook: hookId }, 'promotion requested, analysis skipped', true);
  if (obs.paused) return wait('paused', moved);
  if (cur.weight === 0) {
    if (!hookId) return wait(`ECS ${d.lifecycleStage ?? d.status}`, moved);
    if (!cur.preRolloutDone && spec.preRollout.length > 0) {
      if (obs.hooks === undefined) return go({ kind: 'run-hooks', which: 'pre-rollout' }, moved, 'running pre-rollout webhooks');
      if (!obs.hooks.ok) return rollback('failed', `pre-rollout webhook failed: ${obs.hooks.reason}`, moved);
    }
    return go(
      { kind: 'continue', hookId },
      { ...moved, preRolloutDone: true, answeredHook: hookId },
      `${d.awaitingHook?.stage ?? 'hook'}: no production traffic on the new revision yet; continue`,
    );
  }
  // At a hook the step may advance; between hooks ECS is baking, so a failure can still roll back early but nothing advances.
  const rules = hookId ? spec : { ...spec, intervalMs: Number.POSITIVE_INFINITY };
  const j = judgeStep(rules, { stepStartedAt: cur.weightSince, nextAnalysisAt: cur.nextAnalysisAt }, cur, obs.now, obs.analysis);
  switch (j.kind) {
    case 'analyse':
      return go({ kind: 'analyse', since: cur.weightSince }, moved, `analysing ${cur.weight}% on the new revision`);
    case 'wait':
      return wait(hookId ? 'holding the hook until the next analysis' : `ECS ${d.lifecycleStage ?? d.status}`, moved, j.until);
    case 'hold':
      return wait(
        `analysis ${obs.analysis?.status ?? ''}`,
        { ...moved, ...j.counters, ...verdict, nextAnalysisAt: j.nextAnalysisAt },
        j.nextAnalysisAt,
      );
    case 'rollback':
      return rollback('failed', j.reason, { ...moved, ...j.counters, ...verdict });
    case 'advance':
      return go(
        { kind: 'continue', hookId: hookId! },
        { ...moved, ...j.counters, ...verdict, answeredHook: hookId!, nextAnalysisAt: obs.now + spec.analysisIntervalMs },
        `${cur.weight}% passed: continue`,
        obs.request?.kind === 'promote',
      );
  }
}
