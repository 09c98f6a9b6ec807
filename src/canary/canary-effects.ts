// The actions both flows share (analyse, webhooks, the promotion gate, waiting), applied for the controller loop; nothing here decides.
import { msg } from '../core/io-host.js';
import { runAnalysis } from './analysis-runner.js';
import type { AnalysisVerdict } from './check-evaluation.js';
import { callWebhooks, type HookResult } from './hooks/webhook.js';
import type { ObservedSplit } from './observed-split.js';
import type { ReleaseDeps, ReleaseTarget } from './release-context.js';
import type { FlowState, SharedAction } from './release-flow.js';
import type { ResolvedRoute, RolloutTarget } from './routers/traffic-router.js';
import { analysisWindow } from './step-judgement.js';
import { weightsFor } from './step-weights.js';

export interface EffectResult {
  readonly analysis?: AnalysisVerdict;
  readonly observed?: ObservedSplit;
  readonly gate?: HookResult;
  readonly hooks?: HookResult;
}

/** Where a run applies actions: the release, its seams and its route. */
export interface EffectSite {
  readonly t: ReleaseTarget;
  readonly deps: ReleaseDeps;
  readonly route: ResolvedRoute;
  /** How far before the release's start the stable baseline begins (metrics comparing with stable). */
  readonly baselineLeadMs: number;
}

/** One analysis of the window since `since` (the step's start), against the stable baseline since the release began. */
export async function analyse(site: EffectSite, state: FlowState, since: number, signal: AbortSignal): Promise<AnalysisVerdict> {
  const { t, deps } = site;
  const now = deps.clock.now().getTime();
  const w = analysisWindow(t.spec, since, now);
  const window = { start: new Date(w.start), end: new Date(w.end) };
  const baseline = { start: new Date(state.startedAt - site.baselineLeadMs), end: new Date(now) };
  return runAnalysis(
    t.spec.metrics,
    deps.providers,
    { window, baseline, route: site.route, minRequests: t.spec.minRequests, periodS: t.spec.metricPeriodS },
    signal,
  );
}

/**
 * Moves traffic to `canary` percent through the router and announces it (the routers that cortado moves itself);
 * `tasks` (router tasks) are the desired counts that carry the weight, said alongside it.
 */
export async function setWeightsAnnounced(
  deps: ReleaseDeps,
  rt: RolloutTarget,
  canary: number,
  signal: AbortSignal,
  tasks?: { readonly stable: number; readonly canary: number },
): Promise<void> {
  const w = weightsFor(canary);
  const requestedAt = deps.clock.now().getTime();
  await deps.router.setWeights(rt, w, signal);
  const text = tasks
    ? `tasks set: stable ${tasks.stable} / canary ${tasks.canary} (canary weight ${w.canary}%)`
    : `weights set: stable ${w.stable}% / canary ${w.canary}%`;
  // requestedAt..at brackets the moment the split changed: before it the old split, after it the new.
  deps.io.notify(
    msg('info', 'CANARY_WEIGHTS_SET', text, {
      ...w,
      ...(tasks ? { tasks } : {}),
      requestedAt,
      at: deps.clock.now().getTime(),
    }),
  );
}

export async function applyShared(action: SharedAction, state: FlowState, site: EffectSite, signal: AbortSignal): Promise<EffectResult> {
  const { t, deps } = site;
  const payload = {
    phase: state.phase.kind,
    cluster: t.cluster,
    service: t.stableService,
    revision: state.revision,
    releaseId: state.releaseId,
  };
  switch (action.kind) {
    case 'analyse':
      return { analysis: await analyse(site, state, action.since, signal) };
    case 'check-gate':
      return {
        gate:
          t.spec.gate.kind === 'webhook'
            ? await callWebhooks([t.spec.gate.hook], payload, signal)
            : { ok: false, reason: 'no webhook gate' },
      };
    case 'run-hooks':
      return { hooks: await callWebhooks(action.which === 'pre-rollout' ? t.spec.preRollout : t.spec.postRollout, payload, signal) };
    case 'wait': {
      const ms = action.until - deps.clock.now().getTime();
      if (ms > 0) await deps.clock.sleep(ms, signal);
      return {};
    }
    case 'done':
      return {};
  }
}
