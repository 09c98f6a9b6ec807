// Applies one decided action to AWS (or to a webhook) and returns what it observed; nothing here decides anything.
import { msg } from '../core/io-host.js';
import { runAnalysis } from './analysis-runner.js';
import type { CanaryState } from './canary-state.js';
import { deployRevision, scaleService } from './canary-services.js';
import type { AnalysisVerdict } from './check-evaluation.js';
import { callWebhooks, type HookResult } from './hooks/webhook.js';
import { observedSplit, type ObservedSplit } from './observed-split.js';
import type { Action } from './next-step.js';
import type { ResolvedRoute } from './routers/traffic-router.js';
import { analysisWindow } from './step-judgement.js';
import { weightsFor } from './step-weights.js';
import type { ReleaseDeps, ReleaseTarget } from './release-context.js';

export interface EffectResult {
  readonly analysis?: AnalysisVerdict;
  readonly observed?: ObservedSplit;
  readonly gate?: HookResult;
  readonly hooks?: HookResult;
}

export async function applyAction(action: Action, state: CanaryState, t: ReleaseTarget, route: ResolvedRoute, deps: ReleaseDeps, signal: AbortSignal): Promise<EffectResult> {
  const { aws, router, clock, io } = deps;
  const rt = { cluster: t.cluster, stableService: t.stableService, canaryService: t.canaryService };
  const payload = { phase: state.phase.kind, cluster: t.cluster, service: t.stableService, revision: state.revision, releaseId: state.releaseId };
  switch (action.kind) {
    case 'deploy-canary':
      await deployRevision(aws.ecs, t.cluster, t.canaryService, state.revision, action.tasks, signal);
      return {};
    case 'deploy-stable':
      await deployRevision(aws.ecs, t.cluster, t.stableService, state.revision, undefined, signal);
      return {};
    case 'scale-canary':
      await scaleService(aws.ecs, t.cluster, t.canaryService, action.tasks, signal);
      return {};
    case 'set-weights': {
      if (action.tasks !== undefined) await scaleService(aws.ecs, t.cluster, t.canaryService, action.tasks, signal);
      const w = weightsFor(action.canary);
      const requestedAt = clock.now().getTime();
      await router.setWeights(rt, w, signal);
      // requestedAt..at brackets the moment the load balancer switched: before it the old split, after it the new.
      io.notify(msg('info', 'CANARY_WEIGHTS_SET', `weights set: stable ${w.stable}% / canary ${w.canary}%`, { ...w, requestedAt, at: clock.now().getTime() }));
      return {};
    }
    case 'analyse': {
      const now = clock.now().getTime();
      const w = analysisWindow(t.spec, action.since, now);
      const window = { start: new Date(w.start), end: new Date(w.end) };
      const baseline = { start: new Date(state.startedAt - t.spec.intervalMs), end: new Date(now) };
      const ctx = { window, baseline, route, minRequests: t.spec.minRequests, periodS: t.spec.metricPeriodS };
      // The rule is read alongside the metrics: it refreshes the router's snapshot, so a rollback is one ModifyRule away.
      const [analysis, observed] = await Promise.all([
        runAnalysis(t.spec.metrics, deps.providers, ctx, signal),
        observedSplit(aws.cloudwatch, route, window, t.spec.metricPeriodS, signal),
        router.getWeights(rt, signal),
      ]);
      return { analysis, observed };
    }
    case 'check-gate':
      return { gate: t.spec.gate.kind === 'webhook' ? await callWebhooks([t.spec.gate.hook], payload, signal) : { ok: false, reason: 'no webhook gate' } };
    case 'run-hooks':
      return { hooks: await callWebhooks(action.which === 'pre-rollout' ? t.spec.preRollout : t.spec.postRollout, payload, signal) };
    case 'wait': {
      const ms = action.until - clock.now().getTime();
      if (ms > 0) await clock.sleep(ms, signal);
      return {};
    }
    case 'done':
      return {};
  }
}
