// The task-count flow for the controller loop: the ALB flow's decisions (next-step.ts), with the weight carried by task counts.
import { albFlow, decideWithRollouts } from './alb-flow.js';
import { applyShared, analyse, setWeightsAnnounced, type EffectSite } from './canary-effects.js';
import { deployRevision, describeService, rolloutOf, scaleService } from './canary-services.js';
import type { CanaryState } from './canary-state.js';
import type { Action } from './next-step.js';
import type { ReleaseFlow } from './release-flow.js';
import type { ReleaseTarget } from './release-context.js';
import { readTotal, recordTotal, taskSplit } from './routers/task-count-router.js';
import type { RolloutTarget } from './routers/traffic-router.js';

const rolloutTarget = (t: ReleaseTarget): RolloutTarget => ({
  cluster: t.cluster,
  stableService: t.stableService,
  canaryService: t.canaryService,
});

/**
 * Same phases and tags as the ALB flow. What differs: the release's total (stable's desired count at the start) is
 * recorded first; the canary starts with its first step's share of it (on top of stable, like a deployment's surge);
 * every weight is a pair of desired counts; and the promotion deploys the revision to stable at the full total.
 * The actions' own canary task counts (canary_tasks) do not apply: the weight is the task count.
 */
export const taskCountFlow: ReleaseFlow<CanaryState, Action> = {
  decode: albFlow.decode,
  encode: albFlow.encode,
  async begin(t, deps, revision, signal) {
    await recordTotal(deps.aws.ecs, rolloutTarget(t), signal);
    return albFlow.begin(t, deps, revision, signal);
  },
  milestone: () => false,
  async open(t, deps, _state, signal) {
    const { aws, router } = deps;
    const rt = rolloutTarget(t);
    const route = await router.reconcile(rt, signal);
    // Recorded at the start and unchanged by the release; once 100% is back on stable it is stable's desired count again.
    const { total } = await readTotal(aws.ecs, rt, signal);
    const site: EffectSite = { t, deps, route, baselineLeadMs: t.spec.intervalMs };
    const rolloutOfService = async (service: string, revision: string) =>
      rolloutOf(await describeService(aws.ecs, t.cluster, service, signal), revision);
    return {
      route,
      step: (state, base) => decideWithRollouts(t, state, base, total, rolloutOfService),
      async apply(action, state, signal) {
        switch (action.kind) {
          case 'deploy-canary':
            await deployRevision(
              aws.ecs,
              deps.clock,
              t.cluster,
              t.canaryService,
              state.revision,
              taskSplit(total, t.spec.steps[0] ?? 100).canary,
              signal,
            );
            return {};
          case 'deploy-stable':
            await deployRevision(aws.ecs, deps.clock, t.cluster, t.stableService, state.revision, total, signal);
            return {};
          case 'scale-canary':
            await scaleService(aws.ecs, t.cluster, t.canaryService, action.tasks, signal);
            return {};
          case 'set-weights':
            await setWeightsAnnounced(deps, rt, action.canary, signal, taskSplit(total, action.canary));
            return {};
          case 'analyse':
            return { analysis: await analyse(site, state, action.since, signal) };
          case 'route-header':
            // The config refuses header_route without the alb router: there is no listener to put the rule on.
            throw new Error('a header route needs the alb router');
          default:
            return applyShared(action, state, site, signal);
        }
      },
    };
  },
};
