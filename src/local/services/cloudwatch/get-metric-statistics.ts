// GetMetricStatistics: the older one-metric API (Statistics or ExtendedStatistics, at most 1,440 datapoints).
import type { Handler } from '../../service.js';
import { invalidParameterCombination, invalidParameterValue, missingParameter } from './cloudwatch-errors.js';
import { duplicateDimension, identityOf, metricKey, type Dimension } from './metric-identity.js';
import { forEachCell, type MetricStore } from './metric-store.js';
import { alignStart, bucketCount, isStatisticsPeriod } from './period-grid.js';
import { mergeCell, newCell, type SampleCell } from './sample-cell.js';
import { computeStatistic } from './statistics.js';
import { BASIC_STATISTICS, parseStatName, type BasicStatistic, type StatName } from './stat-name.js';

export const MAX_DATAPOINTS = 1440;

export function getMetricStatisticsHandler(store: MetricStore): Handler {
  return (input, ctx) => {
    const period = input.Period as number;
    const statistics = (input.Statistics as BasicStatistic[] | undefined) ?? [];
    const extendedNames = (input.ExtendedStatistics as string[] | undefined) ?? [];
    const dims = input.Dimensions as Dimension[] | undefined;
    const unit = input.Unit as string | undefined;
    if (statistics.length === 0 && extendedNames.length === 0)
      throw missingParameter('The parameter Statistics or ExtendedStatistics is required.');
    if (statistics.length > 0 && extendedNames.length > 0)
      throw invalidParameterCombination(
        'The parameters Statistics and ExtendedStatistics are mutually exclusive and you have specified both.',
      );
    const extended: Array<readonly [string, StatName]> = extendedNames.map((name, i) => {
      const stat = parseStatName(name);
      if (!stat || stat.kind === 'basic')
        throw invalidParameterValue(`The value ${name} for parameter ExtendedStatistics.member.${i + 1} is not supported.`);
      return [name, stat] as const;
    });
    if (!isStatisticsPeriod(period))
      throw invalidParameterValue(`The parameter Period must be 1, 5, 10, 30, 60, or a multiple of 60; got ${period}.`);
    const dup = duplicateDimension(dims);
    if (dup) throw invalidParameterValue(`The dimension name ${dup} is specified more than once in Dimensions.`);
    const start = (input.StartTime as Date).getTime();
    const end = (input.EndTime as Date).getTime();
    if (start >= end) throw invalidParameterValue('The parameter StartTime must be less than the parameter EndTime.');
    const gridStart = alignStart(start, period, ctx.now().getTime());
    const requested = bucketCount(gridStart, end, period);
    if (requested > MAX_DATAPOINTS) {
      throw invalidParameterCombination(
        `You have requested up to ${requested.toLocaleString('en-US')} datapoints, which exceeds the limit of ${MAX_DATAPOINTS.toLocaleString('en-US')}. You may reduce the datapoints requested by increasing Period, or decreasing the time range.`,
      );
    }
    const metric = identityOf(String(input.Namespace), String(input.MetricName), dims);
    const series = store.series.get(metricKey(metric));
    // Without a Unit filter, data published with different units stays in separate datapoints.
    const buckets = new Map<string, { time: number; unit: string; cell: SampleCell }>();
    if (series) {
      const step = period * 1000;
      forEachCell(series, gridStart, end, unit, (t, u, cell) => {
        const time = gridStart + Math.floor((t - gridStart) / step) * step;
        const key = `${time}/${u}`;
        let b = buckets.get(key);
        if (!b) {
          b = { time, unit: u, cell: newCell() };
          buckets.set(key, b);
        }
        mergeCell(b.cell, cell);
      });
    }
    // Datapoints come back in no particular order, as CloudWatch documents; callers sort them.
    const Datapoints = [...buckets.values()].map(({ time, unit: u, cell }) => {
      const point: Record<string, unknown> = { Timestamp: new Date(time), Unit: u };
      for (const name of BASIC_STATISTICS) if (statistics.includes(name)) point[name] = computeStatistic(cell, { kind: 'basic', name });
      if (extended.length > 0) {
        const values: Record<string, number> = {};
        for (const [name, stat] of extended) {
          const v = computeStatistic(cell, stat);
          if (v !== undefined) values[name] = v;
        }
        point.ExtendedStatistics = values;
      }
      return point;
    });
    return { Label: metric.name, Datapoints };
  };
}
