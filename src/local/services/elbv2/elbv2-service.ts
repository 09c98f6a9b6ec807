// Elastic Load Balancing v2 (Application Load Balancers): the Query-protocol control plane wired to a real HTTP data plane.
import { createAlbMetrics } from '../../dataplane/alb-metrics.js';
import { createDataPlane } from '../../dataplane/dataplane.js';
import type { SandboxEnv } from '../../env.js';
import { loadModel } from '../../model/model.js';
import { DEFAULTS, type SandboxOptions } from '../../options.js';
import type { SandboxService } from '../../service.js';
import type { Elbv2Context } from './elbv2-context.js';
import { loadSnapshot, takeSnapshot } from './elbv2-snapshot.js';
import { emptyState, targetGroupUsage } from './elbv2-state.js';
import { loadBalancerHandlers } from './handlers/load-balancer-handlers.js';
import { listenerHandlers } from './handlers/listener-handlers.js';
import { ruleHandlers } from './handlers/rule-handlers.js';
import { tagHandlers } from './handlers/tag-handlers.js';
import { targetGroupHandlers } from './handlers/target-group-handlers.js';
import { targetHandlers } from './handlers/target-handlers.js';
import { createHostCountPublisher, HOST_COUNT_INTERVAL_MS } from './host-count-publisher.js';
import { listenerMap } from './listener-map.js';
import { createRoutingViews } from './routing-views.js';
import { createTargetRegistry } from './target-registry.js';
import { createTargetSet } from './target-set.js';

export function createElbv2Service(env: SandboxEnv, options: SandboxOptions = {}): SandboxService {
  const state = emptyState();
  const metrics = createAlbMetrics(() => env.seams.metrics);
  // The publisher and the target set refer to each other; the closure runs only after both exist.
  const hostCounts = createHostCountPublisher(state, () => targetSet, metrics);
  const targetSet = createTargetSet({
    clock: env.clock,
    group: (arn) => state.targetGroups.get(arn),
    retire: (key) => dataPlane.retireTarget(key),
    changed: (arn) => hostCounts.changed(arn),
  });
  const views = createRoutingViews(state, targetSet);
  const dataPlane = createDataPlane({
    host: options.host ?? DEFAULTS.host,
    view: (arn) => views.listener(arn),
    group: (arn) => views.group(arn),
    metrics,
  });
  const ctx: Elbv2Context = {
    env,
    state,
    dataPlane,
    targets: targetSet,
    scope: { region: env.region, accountId: env.accountId },
    routingChanged() {
      views.invalidate();
      const usage = targetGroupUsage(state);
      for (const arn of state.targetGroups.keys()) targetSet.setInUse(arn, usage.has(arn));
    },
    // Group views are cached by record identity: a replaced record is picked up on the next request.
    groupChanged: () => undefined,
  };
  env.seams.targets = createTargetRegistry(state, targetSet, () => ctx.routingChanged());
  const stopPublishing = env.clock.every(HOST_COUNT_INTERVAL_MS, () => hostCounts.publishAll());

  return {
    name: 'elbv2',
    model: loadModel('elbv2'),
    validation: { code: 'ValidationError' },
    handlers: {
      ...loadBalancerHandlers(ctx),
      ...targetGroupHandlers(ctx),
      ...listenerHandlers(ctx),
      ...ruleHandlers(ctx),
      ...targetHandlers(ctx),
      ...tagHandlers(ctx),
    },
    control: {
      'elbv2/listeners': () => ({ status: 200, body: { listeners: listenerMap(state, dataPlane) } }),
    },
    snapshot: () => takeSnapshot(state, targetSet),
    async restore(raw) {
      const registrations = loadSnapshot(state, raw);
      ctx.routingChanged();
      for (const [arn, list] of Object.entries(registrations)) if (state.targetGroups.has(arn)) targetSet.register(arn, list);
      await Promise.all([...state.listeners.values()].map((l) => dataPlane.bind(l.arn, l.port)));
    },
    async close() {
      stopPublishing();
      targetSet.close();
      await dataPlane.close();
    },
  };
}
