// The newest datapoint of one CloudWatch metric: what the alb and ecs sources read each poll.
import type { Dimension } from '@aws-sdk/client-cloudwatch';
import type { CloudWatchApi } from '../../aws/cloudwatch-api.js';
import type { Clock } from '../../core/clock.js';

export interface MetricRef {
  readonly namespace: string;
  readonly name: string;
  readonly dimensions: readonly Dimension[];
  readonly stat: 'Sum' | 'Average' | 'Maximum';
  readonly periodS: number;
}

/** The newest datapoint of the last few periods with its timestamp, or undefined when CloudWatch has none. */
export async function latestDatapoint(
  cw: Pick<CloudWatchApi, 'getMetricData'>,
  m: MetricRef,
  clock: Clock,
  signal: AbortSignal,
): Promise<{ value: number; at: Date } | undefined> {
  const end = clock.now();
  const out = await cw.getMetricData(
    {
      StartTime: new Date(end.getTime() - 5 * m.periodS * 1000),
      EndTime: end,
      ScanBy: 'TimestampDescending',
      MetricDataQueries: [
        {
          Id: 'load',
          ReturnData: true,
          MetricStat: {
            Metric: { Namespace: m.namespace, MetricName: m.name, Dimensions: [...m.dimensions] },
            Period: m.periodS,
            Stat: m.stat,
          },
        },
      ],
    },
    signal,
  );
  const r = out.MetricDataResults?.find((x) => x.Id === 'load');
  const i = r?.Values?.length ? 0 : -1;
  if (i < 0 || !r?.Timestamps?.[i]) return undefined;
  return { value: r.Values![i]!, at: r.Timestamps[i]! };
}
