// A time series as metric math sees it: points keyed by bucket start (ms), plus the grid its buckets sit on.
export interface TimeSeries {
  readonly label: string;
  /** Seconds between buckets. */
  readonly period: number;
  /** Where the series' bucket grid begins (ms); FILL uses it to find the buckets that have no point. */
  readonly gridStart: number;
  readonly points: ReadonlyMap<number, number>;
}

export type MathValue =
  | { readonly kind: 'scalar'; readonly value: number }
  | { readonly kind: 'series'; readonly series: TimeSeries }
  | { readonly kind: 'array'; readonly items: readonly TimeSeries[] }
  | { readonly kind: 'keyword'; readonly name: string }
  | { readonly kind: 'string'; readonly value: string };

export const scalar = (value: number): MathValue => ({ kind: 'scalar', value });
export const seriesValue = (series: TimeSeries): MathValue => ({ kind: 'series', series });

/** A series with new points (non-finite results are dropped, as CloudWatch drops a division by zero). */
export function withPoints(base: TimeSeries, points: Iterable<readonly [number, number]>, label = base.label): TimeSeries {
  const out = new Map<number, number>();
  for (const [t, v] of points) if (Number.isFinite(v)) out.set(t, v);
  return { label, period: base.period, gridStart: base.gridStart, points: out };
}

/** Every bucket start of the series' grid up to `end` (exclusive). */
export function gridOf(series: TimeSeries, end: number): number[] {
  const out: number[] = [];
  for (let t = series.gridStart; t < end; t += series.period * 1000) out.push(t);
  return out;
}

export const sortedTimes = (points: ReadonlyMap<number, number>): number[] => [...points.keys()].sort((a, b) => a - b);
