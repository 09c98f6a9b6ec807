// HealthyHostCount / UnHealthyHostCount per (load balancer, target group): every simulated minute, and when a count changes.
import type { AlbMetrics } from '../../dataplane/alb-metrics.js';
import { dimensionOf } from './elbv2-arns.js';
import { targetGroupUsage, type Elbv2State } from './elbv2-state.js';
import type { TargetSet } from './target-set.js';

/** ELB publishes its metrics in 60-second intervals (ALB User Guide, CloudWatch metrics). */
export const HOST_COUNT_INTERVAL_MS = 60_000;

export function createHostCountPublisher(state: Elbv2State, targets: () => TargetSet | undefined, metrics: AlbMetrics) {
  const last = new Map<string, string>();
  const publish = (tgArn: string, lbArns: Iterable<string>) => {
    const set = targets();
    if (!set) return;
    const { healthy, unhealthy } = set.counts(tgArn);
    last.set(tgArn, `${healthy}/${unhealthy}`);
    for (const lb of lbArns) metrics.hostCounts(dimensionOf(lb), dimensionOf(tgArn), healthy, unhealthy);
  };
  return {
    publishAll(): void {
      for (const [tg, lbs] of targetGroupUsage(state)) publish(tg, lbs);
    },
    /** Routing of a group changed: publish at once if its counts moved. */
    changed(tgArn: string): void {
      const set = targets();
      if (!set) return;
      const { healthy, unhealthy } = set.counts(tgArn);
      if (last.get(tgArn) === `${healthy}/${unhealthy}`) return;
      const lbs = targetGroupUsage(state).get(tgArn);
      if (lbs) publish(tgArn, lbs);
      else last.set(tgArn, `${healthy}/${unhealthy}`);
    },
  };
}
