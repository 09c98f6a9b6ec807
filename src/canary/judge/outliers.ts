// Outlier removal before the rank test: Tukey's fences on the interquartile range of each sample on its own.

/** The q-quantile (0..1) of sorted values by linear interpolation between order statistics (Hyndman-Fan type 7). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

export interface Trimmed {
  readonly kept: number[];
  readonly removed: number;
  readonly fences: readonly [number, number];
}

/**
 * Keeps the values within [Q1 − k·IQR, Q3 + k·IQR]. k = 1.5 are Tukey's inner fences, 3 his outer ("far out") ones;
 * k = 0 or Infinity keeps everything. Non-finite values are always dropped.
 */
export function removeOutliers(values: readonly number[], k: number): Trimmed {
  const finite = values.filter((v) => Number.isFinite(v));
  const sorted = [...finite].sort((a, b) => a - b);
  if (k <= 0 || !Number.isFinite(k) || sorted.length < 4)
    return { kept: finite, removed: values.length - finite.length, fences: [-Infinity, Infinity] };
  const q1 = quantile(sorted, 0.25);
  const q3 = quantile(sorted, 0.75);
  const iqr = q3 - q1;
  const fences: [number, number] = [q1 - k * iqr, q3 + k * iqr];
  const kept = finite.filter((v) => v >= fences[0] && v <= fences[1]);
  return { kept, removed: values.length - kept.length, fences };
}

export const median = (values: readonly number[]): number =>
  quantile(
    [...values].sort((a, b) => a - b),
    0.5,
  );

export const mean = (values: readonly number[]): number =>
  values.length === 0 ? Number.NaN : values.reduce((s, v) => s + v, 0) / values.length;
