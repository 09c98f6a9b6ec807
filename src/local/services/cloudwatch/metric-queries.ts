// MetricDataQuery lists (GetMetricData and math alarms): checked up front, then evaluated in dependency order.
import { AwsError } from '../../aws-error.js';
import { duplicateDimension, identityOf, type Dimension, type MetricIdentity } from './metric-identity.js';
import type { MetricStore } from './metric-store.js';
import { statPoints } from './metric-stat-series.js';
import { evaluate } from './math/math-eval.js';
import { MathError } from './math/math-error.js';
import { callsFunction, parseExpression, referencedIds, type MathNode } from './math/math-parser.js';
import type { MathValue, TimeSeries } from './math/time-series.js';
import { alignStart, isQueryPeriod } from './period-grid.js';
import { parseStatName, type StatName } from './stat-name.js';

export interface MetricDataQueryInput {
  readonly Id: string;
  readonly MetricStat?: {
    readonly Metric: { readonly Namespace?: string; readonly MetricName?: string; readonly Dimensions?: readonly Dimension[] };
    readonly Period: number;
    readonly Stat: string;
    readonly Unit?: string;
  };
  readonly Expression?: string;
  readonly Label?: string;
  readonly ReturnData?: boolean;
  readonly Period?: number;
}

interface Common {
  readonly id: string;
  readonly label?: string;
  readonly returnData: boolean;
}

export type PreparedQuery =
  | (Common & {
      readonly kind: 'stat';
      readonly metric: MetricIdentity;
      readonly period: number;
      readonly stat: StatName;
      readonly statText: string;
      readonly unit?: string;
    })
  | (Common & { readonly kind: 'expression'; readonly tree: MathNode; readonly period?: number });

const ID_PATTERN = /^[a-z][a-zA-Z0-9_]*$/;

export const invalid = (message: string): AwsError => new AwsError('ValidationError', message);

function prepareOne(q: MetricDataQueryInput, at: string): PreparedQuery {
  if (!ID_PATTERN.test(q.Id))
    throw invalid(
      `The value ${q.Id} for parameter ${at}.Id is not valid. An Id must start with a lowercase letter and contain only letters, numbers and underscores.`,
    );
  const common: Common = { id: q.Id, returnData: q.ReturnData ?? true, ...(q.Label !== undefined ? { label: q.Label } : {}) };
  if ((q.MetricStat === undefined) === (q.Expression === undefined)) {
    throw invalid(`Exactly one of ${at}.MetricStat and ${at}.Expression must be specified.`);
  }
  if (q.Expression !== undefined) {
    try {
      return {
        ...common,
        kind: 'expression',
        tree: parseExpression(q.Expression),
        ...(q.Period !== undefined ? { period: q.Period } : {}),
      };
    } catch (e) {
      if (e instanceof MathError) throw invalid(`Error in expression ${q.Id}: ${e.message}`);
      throw e;
    }
  }
  const ms = q.MetricStat!;
  if (!ms.Metric.Namespace || !ms.Metric.MetricName) throw invalid(`${at}.MetricStat.Metric must specify a Namespace and a MetricName.`);
  const dup = duplicateDimension(ms.Metric.Dimensions);
  if (dup) throw invalid(`The dimension ${dup} is specified more than once in ${at}.MetricStat.Metric.Dimensions.`);
  if (!isQueryPeriod(ms.Period))
    throw invalid(
      `The value ${ms.Period} for parameter ${at}.MetricStat.Period is not valid. The period must be 1, 5, 10, 20, 30, or a multiple of 60.`,
    );
  const stat = parseStatName(ms.Stat);
  if (!stat) throw invalid(`The value ${ms.Stat} for parameter ${at}.MetricStat.Stat is not a valid statistic.`);
  return {
    ...common,
    kind: 'stat',
    metric: identityOf(ms.Metric.Namespace, ms.Metric.MetricName, ms.Metric.Dimensions),
    period: ms.Period,
    stat,
    statText: ms.Stat,
    ...(ms.Unit !== undefined ? { unit: ms.Unit } : {}),
  };
}

/** Checks ids, shapes, periods, statistics, expression syntax, references and cycles; changes nothing. */
export function prepareQueries(queries: readonly MetricDataQueryInput[], param: string): PreparedQuery[] {
  const prepared = queries.map((q, i) => prepareOne(q, `${param}.member.${i + 1}`));
  const byId = new Map<string, PreparedQuery>();
  for (const q of prepared) {
    if (byId.has(q.id)) throw invalid(`The values for parameter id in ${param} are not unique: ${q.id}.`);
    byId.set(q.id, q);
  }
  const visiting = new Set<string>();
  const done = new Set<string>();
  const visit = (q: PreparedQuery): void => {
    if (done.has(q.id) || q.kind === 'stat') return;
    if (visiting.has(q.id)) throw invalid(`Error in expression ${q.id}: circular reference.`);
    visiting.add(q.id);
    const refs = [...referencedIds(q.tree)];
    if (callsFunction(q.tree, 'METRICS')) refs.push(...prepared.filter((p) => p.kind === 'stat').map((p) => p.id));
    for (const ref of refs) {
      const target = byId.get(ref);
      if (!target) throw invalid(`Error in expression ${q.id}: Unrecognized metric or expression id ${ref}.`);
      if (target.id === q.id) throw invalid(`Error in expression ${q.id}: an expression cannot reference itself.`);
      visit(target);
    }
    visiting.delete(q.id);
    done.add(q.id);
  };
  prepared.forEach(visit);
  return prepared;
}

export interface QueryWindow {
  /** Inclusive start and exclusive end (ms). */
  readonly start: number;
  readonly end: number;
  readonly now: number;
  /** 'request': round StartTime as GetMetricData does; 'exact': the start is already a bucket boundary (alarms). */
  readonly align: 'request' | 'exact';
}

export const defaultLabel = (q: PreparedQuery): string => q.label ?? (q.kind === 'stat' ? q.metric.name : q.id);

/** Evaluates every query; the value of each Id is a series (MetricStat), or whatever its expression yields. */
export function runQueries(store: MetricStore, prepared: readonly PreparedQuery[], w: QueryWindow): Map<string, MathValue> {
  const values = new Map<string, MathValue>();
  const byId = new Map(prepared.map((q) => [q.id, q]));
  const firstStat = prepared.find((q) => q.kind === 'stat');
  const defaultPeriod = firstStat?.period ?? prepared.find((q) => q.kind === 'expression' && q.period)?.period ?? 60;
  const gridStartFor = (period: number) => (w.align === 'request' ? alignStart(w.start, period, w.now) : w.start);

  const statSeries = (q: Extract<PreparedQuery, { kind: 'stat' }>): TimeSeries => {
    const gridStart = gridStartFor(q.period);
    const points = statPoints(store, {
      metric: q.metric,
      stat: q.stat,
      periodSec: q.period,
      gridStart,
      end: w.end,
      ...(q.unit ? { unit: q.unit } : {}),
    });
    return { label: defaultLabel(q), period: q.period, gridStart, points };
  };

  const valueOf = (id: string): MathValue => {
    const hit = values.get(id);
    if (hit) return hit;
    const q = byId.get(id);
    if (!q) throw new MathError(`Unrecognized metric or expression id ${id}`);
    let v: MathValue;
    if (q.kind === 'stat') v = { kind: 'series', series: statSeries(q) };
    else {
      try {
        v = evaluate(q.tree, {
          end: w.end,
          defaultGrid: { period: q.period ?? defaultPeriod, gridStart: gridStartFor(q.period ?? defaultPeriod) },
          resolve: valueOf,
          metrics: (filter) =>
            prepared
              .filter((p) => p.kind === 'stat' && (filter === undefined || p.id.includes(filter)))
              .map((p) => {
                const r = valueOf(p.id);
                return r.kind === 'series' ? r.series : undefined;
              })
              .filter((s): s is TimeSeries => s !== undefined),
        });
      } catch (e) {
        if (e instanceof MathError) throw invalid(`Error in expression ${q.id}: ${e.message}`);
        throw e;
      }
    }
    values.set(id, v);
    return v;
  };
  for (const q of prepared) valueOf(q.id);
  return values;
}

/** The series a query returns: one for a series, one per member for an array; a scalar result is an error. */
export function returnedSeries(q: PreparedQuery, v: MathValue): readonly TimeSeries[] {
  if (v.kind === 'series') return [v.series];
  if (v.kind === 'array') return v.items;
  throw invalid(`Error in expression ${q.id}: the expression must return a time series or an array of time series.`);
}
