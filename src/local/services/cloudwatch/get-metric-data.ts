// GetMetricData: MetricStat and math queries, ordered by ScanBy, paged over MaxDatapoints with NextToken.
import { createHash } from 'node:crypto';
import { paginate } from '../../paginate.js';
import type { Handler } from '../../service.js';
import { invalidNextToken, validationError } from './cloudwatch-errors.js';
import type { MetricStore } from './metric-store.js';
import {
  defaultLabel,
  prepareQueries,
  returnedSeries,
  runQueries,
  type MetricDataQueryInput,
  type PreparedQuery,
} from './metric-queries.js';
import { sortedTimes, type TimeSeries } from './math/time-series.js';

export const MAX_QUERIES = 500;
export const DEFAULT_MAX_DATAPOINTS = 100_800;

interface ResultDraft {
  readonly id: string;
  readonly label: string;
  readonly times: readonly number[];
  readonly values: readonly number[];
  /** Expressions are answered whole on the first page: CloudWatch returns no NextToken for them. */
  readonly paged: boolean;
}

function drafts(q: PreparedQuery, series: readonly TimeSeries[], descending: boolean): ResultDraft[] {
  return series.map((s) => {
    const times = sortedTimes(s.points);
    if (descending) times.reverse();
    const label = series.length > 1 ? (q.label ? `${q.label} ${s.label}` : s.label) : defaultLabel(q);
    return { id: q.id, label, times, values: times.map((t) => s.points.get(t)!), paged: q.kind === 'stat' };
  });
}

export function getMetricDataHandler(store: MetricStore): Handler {
  return (input, ctx) => {
    const queries = input.MetricDataQueries as MetricDataQueryInput[];
    if (queries.length > MAX_QUERIES)
      throw validationError(`The collection MetricDataQueries must not have a size greater than ${MAX_QUERIES}.`);
    const start = (input.StartTime as Date).getTime();
    const end = (input.EndTime as Date).getTime();
    if (start >= end) throw validationError('The parameter StartTime must be less than the parameter EndTime.');
    const maxDatapoints = (input.MaxDatapoints as number | undefined) ?? DEFAULT_MAX_DATAPOINTS;
    if (maxDatapoints < 1)
      throw validationError(`The value ${maxDatapoints} for parameter MaxDatapoints is not valid. It must be greater than 0.`);
    const prepared = prepareQueries(queries, 'MetricDataQueries');
    const values = runQueries(store, prepared, { start, end, now: ctx.now().getTime(), align: 'request' });
    const descending = (input.ScanBy ?? 'TimestampDescending') === 'TimestampDescending';
    const all = prepared.filter((q) => q.returnData).flatMap((q) => drafts(q, returnedSeries(q, values.get(q.id)!), descending));

    // Page over the MetricStat points only, in result order, so a token resumes exactly where the last page stopped.
    const slots = all.flatMap((r, ri) => (r.paged ? r.times.map((_t, pi) => [ri, pi] as const) : []));
    const fingerprint = createHash('sha256')
      .update(JSON.stringify([queries, start, end, input.ScanBy ?? null]))
      .digest('hex')
      .slice(0, 16);
    const page = paginate(
      slots,
      { nextToken: input.NextToken, maxResults: maxDatapoints },
      {
        defaultSize: DEFAULT_MAX_DATAPOINTS,
        maxSize: Number.MAX_SAFE_INTEGER,
        badToken: invalidNextToken,
      },
      fingerprint,
    );
    const firstPage = input.NextToken === undefined || input.NextToken === '';
    const taken = new Map<number, number[]>();
    for (const [ri, pi] of page.items) {
      const list = taken.get(ri) ?? [];
      list.push(pi);
      taken.set(ri, list);
    }
    const lastSlot = page.items.at(-1);
    const MetricDataResults = all.map((r, ri) => {
      const indexes = r.paged ? (taken.get(ri) ?? []) : firstPage ? r.times.map((_t, i) => i) : [];
      const remaining =
        r.paged &&
        page.nextToken !== undefined &&
        r.times.length > 0 &&
        (lastSlot === undefined || ri > lastSlot[0] || (ri === lastSlot[0] && lastSlot[1] < r.times.length - 1));
      return {
        Id: r.id,
        Label: r.label,
        Timestamps: indexes.map((i) => new Date(r.times[i]!)),
        Values: indexes.map((i) => r.values[i]!),
        StatusCode: remaining ? 'PartialData' : 'Complete',
      };
    });
    return { MetricDataResults, Messages: [], ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
  };
}
