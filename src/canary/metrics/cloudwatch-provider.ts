// CloudWatch backend: the built-in ALB checks for the canary target group, and custom GetMetricData queries.
import type { MetricDataQuery, MetricDataResult } from '@aws-sdk/client-cloudwatch';
import { CortadoError } from '../../core/errors.js';
import type { CanaryCloudWatch } from '../aws/canary-aws.js';
import type { MetricCheck } from '../canary-spec.js';
import { coveringPeriod, errorRateQueries, latencyQuery, lbDimension, substitute, tgDimension } from './alb-queries.js';
import { NoDataError, type MetricContext, type MetricProvider, type MetricReading, type TimeWindow } from './metric-provider.js';

const sum = (r: MetricDataResult | undefined): number | undefined =>
  r?.Values && r.Values.length > 0 ? r.Values.reduce((a, b) => a + b, 0) : undefined;

export function createCloudWatchProvider(cw: CanaryCloudWatch): MetricProvider {
  async function fetch(queries: MetricDataQuery[], w: TimeWindow, signal: AbortSignal): Promise<Map<string, MetricDataResult>> {
    const out = new Map<string, MetricDataResult>();
    let token: string | undefined;
    do {
      const res = await cw.getMetricData(
        {
          MetricDataQueries: queries,
          StartTime: w.start,
          EndTime: w.end,
          ScanBy: 'TimestampAscending',
          ...(token ? { NextToken: token } : {}),
        },
        signal,
      );
      for (const r of res.MetricDataResults ?? []) {
        const prev = out.get(r.Id ?? '');
        out.set(
          r.Id ?? '',
          prev
            ? {
                ...prev,
                Timestamps: [...(prev.Timestamps ?? []), ...(r.Timestamps ?? [])],
                Values: [...(prev.Values ?? []), ...(r.Values ?? [])],
              }
            : r,
        );
      }
      token = res.NextToken;
    } while (token);
    return out;
  }

  /** Missing RequestCount is no data; missing 5xx and connection-error datapoints are zero (ALB publishes only non-zero counts). */
  async function errorRate(
    lb: string,
    tg: string,
    w: TimeWindow,
    ctx: MetricContext,
    side: string,
    signal: AbortSignal,
  ): Promise<{ rate: number; requests: number }> {
    const r = await fetch(errorRateQueries(lb, tg, ctx.periodS), w, signal);
    const requests = sum(r.get('requests'));
    if (requests === undefined) throw new NoDataError(`no RequestCount datapoints for the ${side} target group`);
    if (requests < ctx.minRequests) throw new NoDataError(`${requests} ${side} requests, fewer than min_requests ${ctx.minRequests}`);
    const errors = (sum(r.get('target5xx')) ?? 0) + (sum(r.get('connerr')) ?? 0);
    return { rate: (100 * errors) / requests, requests };
  }

  return {
    kind: 'cloudwatch',
    async query(check: MetricCheck, ctx: MetricContext, signal: AbortSignal): Promise<MetricReading> {
      const { route } = ctx;
      switch (check.kind) {
        case 'success-rate': {
          const e = await errorRate(route.loadBalancerArn, route.canaryTargetGroupArn, ctx.window, ctx, 'canary', signal);
          return { value: 100 - e.rate, requests: e.requests };
        }
        case 'error-rate-vs-stable': {
          const [c, s] = await Promise.all([
            errorRate(route.loadBalancerArn, route.canaryTargetGroupArn, ctx.window, ctx, 'canary', signal),
            errorRate(route.loadBalancerArn, route.stableTargetGroupArn, ctx.baseline, ctx, 'stable', signal),
          ]);
          return { value: c.rate - s.rate, requests: c.requests };
        }
        case 'latency': {
          // One bucket covering the window (percentiles of several buckets cannot be merged); the worst bucket when the grid splits it.
          const seconds = Math.ceil((ctx.window.end.getTime() - ctx.window.start.getTime()) / 1000);
          const period = coveringPeriod(seconds, ctx.periodS);
          const r = await fetch(
            [latencyQuery(route.loadBalancerArn, route.canaryTargetGroupArn, check.percentile, period)],
            ctx.window,
            signal,
          );
          const values = r.get('latency')?.Values ?? [];
          if (values.length === 0) throw new NoDataError('no TargetResponseTime datapoints for the canary target group');
          return { value: Math.max(...values) * 1000 };
        }
        case 'cloudwatch': {
          const vars = {
            canary_target_group: tgDimension(route.canaryTargetGroupArn),
            stable_target_group: tgDimension(route.stableTargetGroupArn),
            load_balancer: lbDimension(route.loadBalancerArn),
            ...(route.services
              ? { cluster: route.services.cluster, stable_service: route.services.stable, canary_service: route.services.canary }
              : {}),
          };
          const queries = JSON.parse(substitute(JSON.stringify(check.queries), vars)) as MetricDataQuery[];
          const values = (await fetch(queries, ctx.window, signal)).get(check.resultId)?.Values ?? [];
          if (values.length === 0) throw new NoDataError(`query ${check.resultId} returned no datapoints`);
          if (check.stat === 'increase' && values.length < 2)
            throw new NoDataError(`query ${check.resultId} returned 1 datapoint; an increase needs two`);
          return { value: reduce(values, check.stat) };
        }
        default:
          throw new CortadoError('CANARY_PROVIDER_MISMATCH', `the cloudwatch provider cannot evaluate a ${check.kind} check`, {
            source: 'internal',
          });
      }
    },
  };
}

/** Datapoints arrive oldest first (ScanBy TimestampAscending). */
function reduce(values: readonly number[], stat: 'sum' | 'average' | 'maximum' | 'minimum' | 'last' | 'increase'): number {
  switch (stat) {
    case 'sum':
      return values.reduce((a, b) => a + b, 0);
    case 'average':
      return values.reduce((a, b) => a + b, 0) / values.length;
    case 'maximum':
      return Math.max(...values);
    case 'minimum':
      return Math.min(...values);
    case 'last':
      return values[values.length - 1]!;
    case 'increase':
      return values[values.length - 1]! - values[0]!;
  }
}
