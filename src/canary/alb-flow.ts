// The ALB flow for the controller loop: a canary service and weighted target groups cortado moves itself (decisions in next-step.ts).
import { msg } from '../core/io-host.js';
import { applyShared, analyse, setWeightsAnnounced, type EffectSite } from './canary-effects.js';
import { deployRevision, describeService, rolloutOf, scaleService } from './canary-services.js';
import type { CanaryState, RolloutObservation } from './canary-state.js';
import type { ReleaseTarget } from './release-context.js';
import type { BaseObservation } from './release-flow.js';
import { nextStep, type Action, type Decision } from './next-step.js';
import { observedSplit } from './observed-split.js';
import { rolloutProgress } from './rollout-progress.js';
import type { ReleaseFlow } from './release-flow.js';
import { decodeState, encodeState } from './state-tags.js';
import { analysisWindow } from './step-judgement.js';
import { openHeaderRoute } from './routers/header-route-effects.js';
import { currentWeight, openBaseline } from './baseline/baseline-effects.js';

/**
 * One decision of the flows that deploy a canary service (alb and task-count): the rollout of the canary service is read
 * while it starts, the stable service's while it takes the revision, nothing else.
 */
export async function decideWithRollouts(
  t: ReleaseTarget,
  state: CanaryState,
  base: BaseObservation,
  stableDesired: number,
  rolloutOf: (service: string, revision: string) => Promise<RolloutObservation>,
): Promise<Decision> {
  const p = state.phase;
  return nextStep(t.spec, state, {
    ...base,
    stableDesired,
    ...(p.kind === 'starting' ? { canary: await rolloutOf(t.canaryService, state.revision) } : {}),
    ...(p.kind === 'promoting' && p.stage === 'wait-stable' ? { stable: await rolloutOf(t.stableService, state.revision) } : {}),
  });
}

export const albFlow: ReleaseFlow<CanaryState, Action> = {
  decode: decodeState,
  encode: encodeState,
  begin: async (_t, deps, revision) => {
    const now = deps.clock.now().getTime();
    return { releaseId: `r${now.toString(36)}`, revision, startedAt: now, phase: { kind: 'deploying' }, failedChecks: 0, noDataStreak: 0 };
  },
  milestone: () => false,
  async open(t, deps, _state, signal) {
    const { aws, router, clock, io } = deps;
    const rt = { cluster: t.cluster, stableService: t.stableService, canaryService: t.canaryService };
    const route = await router.reconcile(rt, signal);
    const stableDesired = (await describeService(aws.ecs, t.cluster, t.stableService, signal)).desiredCount ?? 1;
    const site: EffectSite = { t, deps, route, baselineLeadMs: t.spec.intervalMs };
    const header = openHeaderRoute(t, deps, route);
    const baseline = openBaseline(t, deps, route);
    let progress = '';
    const rolloutOfService = async (service: string, revision: string) => {
      const svc = await describeService(aws.ecs, t.cluster, service, signal);
      // One line per change while a rollout is awaited (tasks starting, old ones draining), not silence until it ends.
      const line = rolloutProgress(svc, revision);
      if (line !== progress) io.notify(msg('info', 'CANARY_PROGRESS', (progress = line)));
      return rolloutOf(svc, revision);
    };
    return {
      route,
      step: (state, base) => decideWithRollouts(t, state, base, stableDesired, rolloutOfService),
      async apply(action, state, signal) {
        switch (action.kind) {
          case 'deploy-canary':
            await deployRevision(aws.ecs, deps.clock, t.cluster, t.canaryService, state.revision, action.tasks, signal);
            await baseline?.start(action.tasks, signal);
            return {};
          case 'deploy-stable':
            await deployRevision(aws.ecs, deps.clock, t.cluster, t.stableService, state.revision, undefined, signal);
            return {};
          case 'scale-canary':
            await scaleService(aws.ecs, t.cluster, t.canaryService, action.tasks, signal);
            if (action.tasks === 0) await Promise.all([header?.remove(signal), baseline?.remove(signal)]);
            return {};
          case 'route-header':
            await scaleService(aws.ecs, t.cluster, t.canaryService, action.tasks, signal);
            await header?.ensure(signal);
            return {};
          case 'set-weights': {
            if (action.tasks !== undefined) await scaleService(aws.ecs, t.cluster, t.canaryService, action.tasks, signal);
            await setWeightsAnnounced(deps, rt, action.canary, signal);
            await baseline?.share(action.canary, action.tasks, signal);
            // All traffic back to stable (rollback, abort, promotion done): the testers' route goes too.
            if (action.canary === 0) await header?.remove(signal);
            return {};
          }
          case 'analyse': {
            const w = analysisWindow(t.spec, action.since, clock.now().getTime());
            // The rule is read alongside the metrics: it refreshes the router's snapshot, so a rollback is one ModifyRule away.
            const [analysis, observed] = await Promise.all([
              analyse(site, state, action.since, signal),
              observedSplit(aws.cloudwatch, route, { start: new Date(w.start), end: new Date(w.end) }, t.spec.metricPeriodS, signal),
              router.getWeights(rt, signal),
            ]);
            if (!baseline) return { analysis, observed };
            const window = { start: new Date(w.start), end: new Date(w.end) };
            return { analysis: await baseline.judge(analysis, currentWeight(t, state), window, signal), observed };
          }
          default:
            return applyShared(action, state, site, signal);
        }
      },
    };
  },
};
