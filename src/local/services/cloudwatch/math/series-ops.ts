// Operators between scalars, time series and arrays of them: missing points count as 0, failed results are dropped.
import { MathError } from './math-error.js';
import type { BinaryOp } from './math-parser.js';
import { withPoints, type MathValue, type TimeSeries } from './time-series.js';

const truth = (x: number): boolean => x !== 0;
const bool = (b: boolean): number => (b ? 1 : 0);

export function applyOperator(op: BinaryOp, a: number, b: number): number {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return b === 0 ? NaN : a / b;
    case '^':
      return Math.pow(a, b);
    case '==':
      return bool(a === b);
    case '!=':
      return bool(a !== b);
    case '<':
      return bool(a < b);
    case '<=':
      return bool(a <= b);
    case '>':
      return bool(a > b);
    case '>=':
      return bool(a >= b);
    case 'AND':
      return bool(truth(a) && truth(b));
    case 'OR':
      return bool(truth(a) || truth(b));
  }
}

function seriesWithScalar(op: BinaryOp, s: TimeSeries, k: number, seriesOnLeft: boolean): TimeSeries {
  return withPoints(
    s,
    [...s.points].map(([t, v]) => [t, seriesOnLeft ? applyOperator(op, v, k) : applyOperator(op, k, v)] as const),
  );
}

/** Two series: every timestamp either has, with 0 standing in for the side that has no point there. */
function seriesWithSeries(op: BinaryOp, a: TimeSeries, b: TimeSeries): TimeSeries {
  const times = new Set([...a.points.keys(), ...b.points.keys()]);
  return withPoints(
    a,
    [...times].map((t) => [t, applyOperator(op, a.points.get(t) ?? 0, b.points.get(t) ?? 0)] as const),
  );
}

const describe = (v: MathValue): string => (v.kind === 'keyword' ? v.name : v.kind === 'string' ? `"${v.value}"` : v.kind);

export function applyBinary(op: BinaryOp, a: MathValue, b: MathValue): MathValue {
  if (a.kind === 'scalar' && b.kind === 'scalar') return { kind: 'scalar', value: applyOperator(op, a.value, b.value) };
  if (a.kind === 'series' && b.kind === 'scalar') return { kind: 'series', series: seriesWithScalar(op, a.series, b.value, true) };
  if (a.kind === 'scalar' && b.kind === 'series') return { kind: 'series', series: seriesWithScalar(op, b.series, a.value, false) };
  if (a.kind === 'series' && b.kind === 'series') return { kind: 'series', series: seriesWithSeries(op, a.series, b.series) };
  if (a.kind === 'array' && (b.kind === 'scalar' || b.kind === 'series')) {
    return { kind: 'array', items: a.items.map((s) => single(applyBinary(op, { kind: 'series', series: s }, b))) };
  }
  if (b.kind === 'array' && (a.kind === 'scalar' || a.kind === 'series')) {
    return { kind: 'array', items: b.items.map((s) => single(applyBinary(op, a, { kind: 'series', series: s }))) };
  }
  throw new MathError(`The operator ${op} cannot be applied to ${describe(a)} and ${describe(b)}`);
}

function single(v: MathValue): TimeSeries {
  if (v.kind !== 'series') throw new MathError('Expected a time series');
  return v.series;
}

/** Applies a point-wise function to a scalar, a series or every series of an array. */
export function mapValues(v: MathValue, fn: string, f: (x: number) => number): MathValue {
  if (v.kind === 'scalar') return { kind: 'scalar', value: f(v.value) };
  if (v.kind === 'series')
    return {
      kind: 'series',
      series: withPoints(
        v.series,
        [...v.series.points].map(([t, x]) => [t, f(x)] as const),
      ),
    };
  if (v.kind === 'array')
    return {
      kind: 'array',
      items: v.items.map((s) =>
        withPoints(
          s,
          [...s.points].map(([t, x]) => [t, f(x)] as const),
        ),
      ),
    };
  throw new MathError(`${fn} cannot be applied to ${describe(v)}`);
}

export const asSeriesList = (v: MathValue, fn: string): readonly TimeSeries[] => {
  if (v.kind === 'series') return [v.series];
  if (v.kind === 'array') return v.items;
  throw new MathError(`${fn} expects a time series or an array of time series, not ${describe(v)}`);
};

export { describe as describeValue };
