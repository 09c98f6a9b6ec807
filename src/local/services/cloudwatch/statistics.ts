// Computes one statistic over an aggregated cell: the basic five exactly, and the extended ones from the raw values.
import { rawValues, type RawPairs, type SampleCell } from './sample-cell.js';
import type { Bound, StatName } from './stat-name.js';

type Pairs = RawPairs;

/** Nearest rank: the smallest value with at least `percent`% of the samples at or below it. */
function percentile(pairs: Pairs, n: number, percent: number): number | undefined {
  const rank = Math.max(1, Math.ceil((percent / 100) * n - 1e-9));
  let seen = 0;
  for (const [value, count] of pairs) {
    seen += count;
    if (seen >= rank) return value;
  }
  return pairs.at(-1)?.[0];
}

interface Selection {
  readonly count: number;
  readonly sum: number;
  /** Samples below and above the bounds (what a winsorized mean clamps). */
  readonly below: number;
  readonly above: number;
  readonly low?: number;
  readonly high?: number;
}

/** Samples with lower < value <= upper (fixed-value bounds exclude the lower bound and include the upper). */
function select(pairs: Pairs, lower: number, upper: number): Selection {
  let count = 0;
  let sum = 0;
  let below = 0;
  let above = 0;
  let low: number | undefined;
  let high: number | undefined;
  for (const [value, c] of pairs) {
    if (value <= lower) below += c;
    else if (value > upper) above += c;
    else {
      count += c;
      sum += value * c;
      low ??= value;
      high = value;
    }
  }
  return { count, sum, below, above, ...(low !== undefined ? { low } : {}), ...(high !== undefined ? { high } : {}) };
}

/** Percentage bounds become the percentile values at those ranks (0% keeps the smallest sample in). */
function boundValue(pairs: Pairs, n: number, bound: Bound | undefined, side: 'lower' | 'upper'): number {
  if (!bound) return side === 'lower' ? -Infinity : Infinity;
  if (bound.kind === 'value') return bound.value;
  if (side === 'lower' && bound.value === 0) return -Infinity;
  return percentile(pairs, n, bound.value) ?? (side === 'lower' ? -Infinity : Infinity);
}

/** Winsorized mean: samples outside the bounds are clamped to the nearest sample inside them. */
function winsorized(n: number, s: Selection): number | undefined {
  if (s.count === 0 || s.low === undefined || s.high === undefined) return undefined;
  return (s.sum + s.below * s.low + s.above * s.high) / n;
}

/** undefined when the statistic has no value for this cell (no samples, or raw values unavailable). */
export function computeStatistic(cell: SampleCell, stat: StatName): number | undefined {
  const n = cell.sampleCount;
  if (n <= 0) return undefined;
  if (stat.kind === 'basic') {
    switch (stat.name) {
      case 'SampleCount':
        return n;
      case 'Sum':
        return cell.sum;
      case 'Average':
        return cell.sum / n;
      case 'Minimum':
        return cell.min;
      case 'Maximum':
        return cell.max;
    }
  }
  // Extended statistics need every raw value, and CloudWatch offers none when a value is negative.
  const pairs = rawValues(cell);
  if (!pairs) return cell.min === cell.max && cell.min >= 0 && stat.kind === 'percentile' ? cell.min : undefined;
  if (cell.min < 0) return undefined;
  if (stat.kind === 'percentile') return percentile(pairs, n, stat.percent);
  if (stat.kind === 'rank') {
    const s = select(pairs, stat.lower ?? -Infinity, stat.upper ?? Infinity);
    return (s.count / n) * 100;
  }
  const s = select(pairs, boundValue(pairs, n, stat.lower, 'lower'), boundValue(pairs, n, stat.upper, 'upper'));
  switch (stat.fn) {
    case 'TC':
      return s.count;
    case 'TS':
      return s.sum;
    case 'TM':
      return s.count > 0 ? s.sum / s.count : undefined;
    case 'WM':
      return winsorized(n, s);
  }
}
