// The ECS-native flow for the controller loop: ECS's CANARY/LINEAR deployment moves the weights; every PAUSE hook is answered after the analysis.
import { CortadoError } from '../../core/errors.js';
import { applyShared, type EffectSite } from '../canary-effects.js';
import type { ReleaseFlow } from '../release-flow.js';
import type { DeploymentDriver } from '../routers/traffic-router.js';
import type { TrafficRouter } from '../routers/traffic-router.js';
import type { NativeState } from './native-state.js';
import { nextNativeStep, type NativeAction } from './native-step.js';
import { decodeNativeState, encodeNativeState } from './native-tags.js';

function driverOf(router: TrafficRouter): DeploymentDriver {
  if (!router.deployment)
    throw new CortadoError('CANARY_NATIVE_ROUTER', `router ${router.kind} does not drive ECS deployments`, { source: 'internal' });
  return router.deployment;
}

/** The stable baseline starts a minute before the release: ECS's own steps leave no interval before it. */
const BASELINE_LEAD_MS = 60_000;

export const nativeFlow: ReleaseFlow<NativeState, NativeAction> = {
  decode: decodeNativeState,
  encode: encodeNativeState,
  async begin(t, deps, revision, signal) {
    const deploymentArn = await driverOf(deps.router).start({ cluster: t.cluster, stableService: t.stableService }, revision, signal);
    const now = deps.clock.now().getTime();
    return {
      releaseId: `r${now.toString(36)}`,
      revision,
      startedAt: now,
      deploymentArn,
      phase: { kind: 'running' },
      weight: 0,
      weightSince: now,
      nextAnalysisAt: now,
      preRolloutDone: false,
      failedChecks: 0,
      noDataStreak: 0,
    };
  },
  milestone: (a) => a.kind === 'continue' || a.kind === 'rollback',
  async open(t, deps, state, signal) {
    const driver = driverOf(deps.router);
    const route = await driver.route({ cluster: t.cluster, stableService: t.stableService }, state.deploymentArn, signal);
    const site: EffectSite = { t, deps, route, baselineLeadMs: t.spec.intervalMs + BASELINE_LEAD_MS };
    return {
      route,
      step: async (s, base, signal) => nextNativeStep(t.spec, s, { ...base, deployment: await driver.view(s.deploymentArn, signal) }),
      async apply(action, s, signal) {
        switch (action.kind) {
          case 'continue':
            await driver.answer(s.deploymentArn, 'CONTINUE', action.hookId, signal);
            return {};
          case 'rollback':
            await driver.answer(s.deploymentArn, 'ROLLBACK', action.hookId, signal);
            return {};
          default:
            return applyShared(action, s, site, signal);
        }
      },
    };
  },
};
