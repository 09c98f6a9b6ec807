// The TargetRegistry seam: how ECS registers its tasks into target groups and waits for them to drain.
import type { TargetHealthState, TargetRegistry } from '../../env.js';
import { targetGroupNotFound } from './elbv2-errors.js';
import type { Elbv2State } from './elbv2-state.js';
import { forwardWeightsOf, setForwardWeights } from './forward-weights.js';
import { describeHealth } from './target-health.js';
import type { TargetSet } from './target-set.js';

/** `routingChanged` is the handlers' hook: the data plane picks up moved weights on its next request. */
export function createTargetRegistry(state: Elbv2State, targets: TargetSet, routingChanged: () => void): TargetRegistry {
  return {
    targetGroupExists: (arn) => state.targetGroups.has(arn),

    /** As RegisterTargets: idempotent; throws TargetGroupNotFound for an unknown group. */
    register(arn, list) {
      if (!state.targetGroups.has(arn)) throw targetGroupNotFound();
      targets.register(
        arn,
        list.map((t) => ({ id: t.id, port: t.port })),
      );
    },

    /** As DeregisterTargets; resolves when the deregistration delay has elapsed (at once for an unknown target). */
    deregister: (arn, target) => targets.deregister(arn, target),

    /** The DescribeTargetHealth state; `unused` for a target that is not registered, undefined for an unknown group. */
    health(arn, target) {
      const tg = state.targetGroups.get(arn);
      if (!tg) return undefined;
      const reg = targets.registrations(arn).find((r) => r.id === target.id && r.port === target.port);
      if (!reg) return 'unused';
      return describeHealth(reg.health, reg.draining, tg.healthCheck.enabled).State as TargetHealthState;
    },

    forwardWeights: (ruleArn) => forwardWeightsOf(state, ruleArn),

    setForwardWeights(ruleArn, weights) {
      if (setForwardWeights(state, ruleArn, weights)) routingChanged();
    },
  };
}
