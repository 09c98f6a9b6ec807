// The header-route rule as the ALB flow applies it: created for the header step, removed once all traffic is back on stable.
import { msg } from '../../core/io-host.js';
import type { ReleaseDeps, ReleaseTarget } from '../release-context.js';
import { createHeaderRoute } from './header-route.js';
import type { ResolvedRoute } from './traffic-router.js';

export interface HeaderRouteEffects {
  ensure(signal: AbortSignal): Promise<void>;
  remove(signal: AbortSignal): Promise<void>;
}

/** Undefined when the release has no `header_route` (or does not use the alb router). */
export function openHeaderRoute(t: ReleaseTarget, deps: ReleaseDeps, route: ResolvedRoute): HeaderRouteEffects | undefined {
  const spec = t.spec.headerRoute;
  if (!spec || t.spec.router.kind !== 'alb') return undefined;
  const rule = createHeaderRoute(t.spec.router, spec, deps.aws.elb, route.canaryTargetGroupArn);
  return {
    async ensure(signal) {
      const arn = await rule.ensure(signal);
      deps.io.notify(
        msg('info', 'CANARY_HEADER_ROUTE_SET', `requests with ${spec.describe} go to the canary (rule ${arn}); the weights stay 100/0`, {
          ruleArn: arn,
          header: spec.header,
          values: spec.values,
          created: true,
        }),
      );
    },
    async remove(signal) {
      const n = await rule.remove(signal);
      if (n > 0)
        deps.io.notify(msg('info', 'CANARY_HEADER_ROUTE_SET', `header route removed (${spec.describe})`, { created: false, removed: n }));
    },
  };
}
