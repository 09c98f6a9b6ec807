// The judge's samples: per-period datapoints of the canary's and the baseline's target groups from CloudWatch (AWS/ApplicationELB).
import type { MetricDataQuery, MetricDataResult } from '@aws-sdk/client-cloudwatch';
import type { CloudWatchApi } from '../../aws/cloudwatch-api.js';
import type { MetricSamples } from '../judge/judge-score.js';
import { errorRateQueries, lbDimension, tgDimension } from '../metrics/alb-queries.js';
import type { SampleSource } from './baseline-spec.js';

export interface SampleWindow {
  readonly start: Date;
  readonly end: Date;
}

const latencyQuery = (id: string, lb: string, tg: string, period: number): MetricDataQuery => ({
  Id: id,
  MetricStat: {
    Metric: {
      Namespace: 'AWS/ApplicationELB',
      MetricName: 'TargetResponseTime',
      Dimensions: [
        { Name: 'TargetGroup', Value: tgDimension(tg) },
        { Name: 'LoadBalancer', Value: lbDimension(lb) },
      ],
    },
    Period: period,
    Stat: 'Average',
  },
  ReturnData: true,
});

/** Datapoints by timestamp (ms). */
const byTime = (r: MetricDataResult | undefined): Map<number, number> => {
  const m = new Map<number, number>();
  (r?.Timestamps ?? []).forEach((t, i) => m.set(new Date(t).getTime(), r!.Values![i]!));
  return m;
};

/** Pure: the samples of one side from its query results. Latency: ms per period; error rate: percent per period with requests. */
export function samplesOf(source: SampleSource, results: readonly MetricDataResult[], prefix: string): number[] {
  const get = (id: string) => results.find((r) => r.Id === `${prefix}${id}`);
  if (source === 'latency') return [...byTime(get('latency')).entries()].sort((a, b) => a[0] - b[0]).map(([, v]) => v * 1000);
  const requests = byTime(get('requests'));
  const errors = byTime(get('target5xx'));
  const conn = byTime(get('connerr'));
  return [...requests.entries()]
    .filter(([, n]) => n > 0)
    .sort((a, b) => a[0] - b[0])
    .map(([t, n]) => (100 * ((errors.get(t) ?? 0) + (conn.get(t) ?? 0))) / n);
}

function queriesFor(source: SampleSource, lb: string, tg: string, period: number, prefix: string): MetricDataQuery[] {
  return source === 'latency' ? [latencyQuery(`${prefix}latency`, lb, tg, period)] : errorRateQueries(lb, tg, period, prefix);
}

/** One GetMetricData call (paged) for every metric of both sides over `window`. */
export async function readSamples(
  cloudwatch: Pick<CloudWatchApi, 'getMetricData'>,
  where: { readonly loadBalancerArn: string; readonly canaryTargetGroupArn: string; readonly baselineTargetGroupArn: string },
  sources: Readonly<Record<string, SampleSource>>,
  periodS: number,
  window: SampleWindow,
  signal: AbortSignal,
): Promise<MetricSamples> {
  const names = Object.keys(sources);
  const queries = names.flatMap((name, i) => [
    ...queriesFor(sources[name]!, where.loadBalancerArn, where.canaryTargetGroupArn, periodS, `c${i}`),
    ...queriesFor(sources[name]!, where.loadBalancerArn, where.baselineTargetGroupArn, periodS, `b${i}`),
  ]);
  const results: MetricDataResult[] = [];
  let token: string | undefined;
  do {
    const out = await cloudwatch.getMetricData(
      { MetricDataQueries: queries, StartTime: window.start, EndTime: window.end, ...(token ? { NextToken: token } : {}) },
      signal,
    );
    for (const r of out.MetricDataResults ?? []) {
      const have = results.find((x) => x.Id === r.Id);
      if (have) {
        have.Timestamps = [...(have.Timestamps ?? []), ...(r.Timestamps ?? [])];
        have.Values = [...(have.Values ?? []), ...(r.Values ?? [])];
      } else results.push({ ...r });
    }
    token = out.NextToken;
  } while (token);
  return Object.fromEntries(
    names.map((name, i) => [
      name,
      { canary: samplesOf(sources[name]!, results, `c${i}`), baseline: samplesOf(sources[name]!, results, `b${i}`) },
    ]),
  );
}
