// How traffic actually split in a window: RequestCount of both target groups, read from CloudWatch.
import type { CanaryCloudWatch } from './aws/canary-aws.js';
import { errorRateQueries } from './metrics/alb-queries.js';
import type { TimeWindow } from './metrics/metric-provider.js';
import type { ResolvedRoute } from './routers/traffic-router.js';

export interface ObservedSplit {
  readonly stableRequests: number;
  readonly canaryRequests: number;
  readonly stableErrors: number;
  readonly canaryErrors: number;
}

const total = (v: readonly number[] | undefined) => (v ?? []).reduce((a, b) => a + b, 0);

export async function observedSplit(
  cw: CanaryCloudWatch,
  route: ResolvedRoute,
  w: TimeWindow,
  periodS: number,
  signal: AbortSignal,
): Promise<ObservedSplit> {
  const queries = [
    ...errorRateQueries(route.loadBalancerArn, route.stableTargetGroupArn, periodS, 's'),
    ...errorRateQueries(route.loadBalancerArn, route.canaryTargetGroupArn, periodS, 'c'),
  ];
  const res = await cw.getMetricData({ MetricDataQueries: queries, StartTime: w.start, EndTime: w.end }, signal);
  const v = (id: string) => total(res.MetricDataResults?.find((r) => r.Id === id)?.Values);
  return {
    stableRequests: v('srequests'),
    canaryRequests: v('crequests'),
    stableErrors: v('starget5xx') + v('sconnerr'),
    canaryErrors: v('ctarget5xx') + v('cconnerr'),
  };
}

/** Canary share of the requests, percent; undefined without traffic. */
export const canaryShare = (s: ObservedSplit): number | undefined => {
  const n = s.stableRequests + s.canaryRequests;
  return n > 0 ? (100 * s.canaryRequests) / n : undefined;
};
