// Metric math functions (FILL, IF, SUM/AVG/MIN/MAX/STDDEV, METRICS, ...) over already-evaluated arguments.
import { MathError } from './math-error.js';
import { asSeriesList, describeValue, mapValues } from './series-ops.js';
import { gridOf, sortedTimes, withPoints, type MathValue, type TimeSeries } from './time-series.js';

export interface FunctionContext {
  /** End of the query window (ms, exclusive): FILL and TIME_SERIES stop there. */
  readonly end: number;
  /** Grid for functions that make a series from nothing (TIME_SERIES). */
  readonly defaultGrid: { readonly period: number; readonly gridStart: number };
  /** METRICS(filter): every MetricStat query's series whose Id contains the filter. */
  metrics(filter: string | undefined): readonly TimeSeries[];
}

type Fn = (args: readonly MathValue[], ctx: FunctionContext) => MathValue;

const arity = (name: string, args: readonly MathValue[], min: number, max = min): void => {
  if (args.length < min || args.length > max) {
    throw new MathError(`${name} takes ${min === max ? min : `${min} to ${max}`} argument${max === 1 ? '' : 's'}, got ${args.length}`);
  }
};

function fillOne(s: TimeSeries, how: MathValue, end: number): TimeSeries {
  const grid = gridOf(s, end);
  const out = new Map(s.points);
  if (how.kind === 'scalar') {
    for (const t of grid) if (!out.has(t)) out.set(t, how.value);
  } else if (how.kind === 'series') {
    for (const t of grid) {
      const v = how.series.points.get(t);
      if (!out.has(t) && v !== undefined) out.set(t, v);
    }
  } else if (how.kind === 'keyword' && how.name === 'REPEAT') {
    let last: number | undefined;
    for (const t of grid) {
      const v = s.points.get(t);
      if (v !== undefined) last = v;
      else if (last !== undefined) out.set(t, last);
    }
  } else if (how.kind === 'keyword' && how.name === 'LINEAR') {
    const known = grid.filter((t) => s.points.has(t));
    for (let i = 0; i + 1 < known.length; i++) {
      const t0 = known[i]!;
      const t1 = known[i + 1]!;
      const v0 = s.points.get(t0)!;
      const v1 = s.points.get(t1)!;
      for (const t of grid) if (t > t0 && t < t1) out.set(t, v0 + ((v1 - v0) * (t - t0)) / (t1 - t0));
    }
  } else throw new MathError(`FILL cannot fill with ${describeValue(how)}; use a number, a time series, REPEAT or LINEAR`);
  return withPoints(s, out);
}

const FILL: Fn = (args, ctx) => {
  arity('FILL', args, 2);
  const [what, how] = args as [MathValue, MathValue];
  if (what.kind === 'series') return { kind: 'series', series: fillOne(what.series, how, ctx.end) };
  if (what.kind === 'array') return { kind: 'array', items: what.items.map((s) => fillOne(s, how, ctx.end)) };
  throw new MathError(`FILL expects a time series or an array of time series, not ${describeValue(what)}`);
};

const truthy = (x: number) => x !== 0;

function ifOne(cond: TimeSeries, yes: MathValue, no: MathValue | undefined): TimeSeries {
  const pick = (branch: MathValue, t: number, whenMissing: number | undefined): number | undefined => {
    if (branch.kind === 'scalar') return branch.value;
    if (branch.kind === 'series') return branch.series.points.get(t) ?? whenMissing;
    throw new MathError(`IF branches must be numbers or time series, not ${describeValue(branch)}`);
  };
  const out: Array<readonly [number, number]> = [];
  for (const [t, c] of cond.points) {
    // A true condition with no point in the series branch gives 0; a false one with nothing to take is dropped.
    const v = truthy(c) ? pick(yes, t, 0) : no ? pick(no, t, undefined) : undefined;
    if (v !== undefined) out.push([t, v]);
  }
  return withPoints(cond, out);
}

const IF: Fn = (args) => {
  arity('IF', args, 2, 3);
  const [cond, yes, no] = args as [MathValue, MathValue, MathValue | undefined];
  if (cond.kind === 'scalar') {
    if (truthy(cond.value)) return yes;
    if (!no) throw new MathError('IF with a false scalar condition needs a third argument');
    return no;
  }
  if (cond.kind === 'series') return { kind: 'series', series: ifOne(cond.series, yes, no) };
  if (cond.kind === 'array') return { kind: 'array', items: cond.items.map((s) => ifOne(s, yes, no)) };
  throw new MathError(`IF expects a condition, not ${describeValue(cond)}`);
};

type Reducer = (values: readonly number[], seriesCount: number) => number;

const sum = (v: readonly number[]) => v.reduce((a, b) => a + b, 0);
const stddev = (v: readonly number[]) => {
  const mean = sum(v) / v.length;
  return Math.sqrt(sum(v.map((x) => (x - mean) ** 2)) / v.length);
};

/** Over one series: a scalar. Over an array: a series reducing the values present at each timestamp. */
const reducer =
  (name: string, reduce: Reducer): Fn =>
  (args) => {
    arity(name, args, 1);
    const arg = args[0]!;
    if (arg.kind === 'scalar') return arg;
    if (arg.kind === 'series') {
      const values = [...arg.series.points.values()];
      return { kind: 'scalar', value: values.length ? reduce(values, 1) : NaN };
    }
    const items = asSeriesList(arg, name);
    if (items.length === 0) throw new MathError(`${name} of an empty array`);
    const times = new Set(items.flatMap((s) => [...s.points.keys()]));
    const points = [...times].map(
      (t) =>
        [
          t,
          reduce(
            items.flatMap((s) => (s.points.has(t) ? [s.points.get(t)!] : [])),
            items.length,
          ),
        ] as const,
    );
    return { kind: 'series', series: withPoints({ ...items[0]!, label: name }, points) };
  };

const pointwise =
  (name: string, f: (x: number) => number): Fn =>
  (args) => {
    arity(name, args, 1);
    return mapValues(args[0]!, name, f);
  };

/** Functions that look at each series in time order (DIFF, RATE, RUNNING_SUM). */
const sequential =
  (name: string, step: (t: number, v: number, prev: { t: number; v: number; acc: number } | undefined) => number | undefined): Fn =>
  (args) => {
    arity(name, args, 1);
    const one = (s: TimeSeries): TimeSeries => {
      const out: Array<readonly [number, number]> = [];
      let prev: { t: number; v: number; acc: number } | undefined;
      for (const t of sortedTimes(s.points)) {
        const v = s.points.get(t)!;
        const r = step(t, v, prev);
        if (r !== undefined) out.push([t, r]);
        prev = { t, v, acc: (prev?.acc ?? 0) + v };
      }
      return withPoints(s, out);
    };
    const arg = args[0]!;
    if (arg.kind === 'series') return { kind: 'series', series: one(arg.series) };
    return { kind: 'array', items: asSeriesList(arg, name).map(one) };
  };

const METRICS: Fn = (args, ctx) => {
  arity('METRICS', args, 0, 1);
  const filter = args[0];
  if (filter && filter.kind !== 'string') throw new MathError('METRICS takes an optional string');
  return { kind: 'array', items: ctx.metrics(filter?.value) };
};

const TIME_SERIES: Fn = (args, ctx) => {
  arity('TIME_SERIES', args, 1);
  const v = args[0]!;
  if (v.kind !== 'scalar') throw new MathError('TIME_SERIES takes a number');
  const base: TimeSeries = {
    label: 'TIME_SERIES',
    period: ctx.defaultGrid.period,
    gridStart: ctx.defaultGrid.gridStart,
    points: new Map(),
  };
  return {
    kind: 'series',
    series: withPoints(
      base,
      gridOf(base, ctx.end).map((t) => [t, v.value] as const),
    ),
  };
};

export const MATH_FUNCTIONS: Readonly<Record<string, Fn>> = {
  FILL,
  IF,
  METRICS,
  TIME_SERIES,
  SUM: reducer('SUM', (v) => sum(v)),
  // Over an array, AVG counts a series without a point at that timestamp as 0.
  AVG: reducer('AVG', (v, n) => sum(v) / Math.max(n, v.length)),
  MIN: reducer('MIN', (v) => Math.min(...v)),
  MAX: reducer('MAX', (v) => Math.max(...v)),
  STDDEV: reducer('STDDEV', stddev),
  ABS: pointwise('ABS', Math.abs),
  CEIL: pointwise('CEIL', Math.ceil),
  FLOOR: pointwise('FLOOR', Math.floor),
  LOG: pointwise('LOG', (x) => (x > 0 ? Math.log(x) : NaN)),
  LOG10: pointwise('LOG10', (x) => (x > 0 ? Math.log10(x) : NaN)),
  DIFF: sequential('DIFF', (_t, v, prev) => (prev ? v - prev.v : undefined)),
  RATE: sequential('RATE', (t, v, prev) => (prev ? (v - prev.v) / ((t - prev.t) / 1000) : undefined)),
  RUNNING_SUM: sequential('RUNNING_SUM', (_t, v, prev) => (prev?.acc ?? 0) + v),
  DATAPOINT_COUNT: (args) => {
    arity('DATAPOINT_COUNT', args, 1);
    const [s] = asSeriesList(args[0]!, 'DATAPOINT_COUNT');
    return { kind: 'scalar', value: s ? s.points.size : 0 };
  },
  PERIOD: (args) => {
    arity('PERIOD', args, 1);
    const [s] = asSeriesList(args[0]!, 'PERIOD');
    return { kind: 'scalar', value: s ? s.period : NaN };
  },
  REMOVE_EMPTY: (args) => {
    arity('REMOVE_EMPTY', args, 1);
    return { kind: 'array', items: asSeriesList(args[0]!, 'REMOVE_EMPTY').filter((s) => s.points.size > 0) };
  },
};
