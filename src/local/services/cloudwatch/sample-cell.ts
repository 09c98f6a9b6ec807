// The aggregate kept per metric, second and unit: counts and sums, plus raw values so percentiles stay exact.
export interface StatisticSet {
  readonly SampleCount: number;
  readonly Sum: number;
  readonly Minimum: number;
  readonly Maximum: number;
}

export interface SampleCell {
  sampleCount: number;
  sum: number;
  min: number;
  max: number;
  /** value → how many times it was seen; undefined once a statistic set (no raw values) was merged in. */
  raw: Map<number, number> | undefined;
}

export const newCell = (): SampleCell => ({ sampleCount: 0, sum: 0, min: Infinity, max: -Infinity, raw: new Map() });

export function addValue(cell: SampleCell, value: number, count = 1): void {
  if (!(count > 0)) return;
  cell.sampleCount += count;
  cell.sum += value * count;
  if (value < cell.min) cell.min = value;
  if (value > cell.max) cell.max = value;
  cell.raw?.set(value, (cell.raw.get(value) ?? 0) + count);
}

export function addStatisticSet(cell: SampleCell, set: StatisticSet): void {
  if (!(set.SampleCount > 0)) return;
  cell.sampleCount += set.SampleCount;
  cell.sum += set.Sum;
  if (set.Minimum < cell.min) cell.min = set.Minimum;
  if (set.Maximum > cell.max) cell.max = set.Maximum;
  cell.raw = undefined;
}

export function mergeCell(into: SampleCell, from: SampleCell): void {
  if (from.sampleCount === 0) return;
  into.sampleCount += from.sampleCount;
  into.sum += from.sum;
  if (from.min < into.min) into.min = from.min;
  if (from.max > into.max) into.max = from.max;
  if (!into.raw || !from.raw) {
    into.raw = undefined;
    return;
  }
  for (const [v, c] of from.raw) into.raw.set(v, (into.raw.get(v) ?? 0) + c);
}

/** JSON form for --state-dir: [sampleCount, sum, min, max, raw pairs or null]. */
export type CellSnapshot = readonly [number, number, number, number, ReadonlyArray<readonly [number, number]> | null];

export const snapshotCell = (c: SampleCell): CellSnapshot => [c.sampleCount, c.sum, c.min, c.max, c.raw ? [...c.raw] : null];

export const restoreCell = (s: CellSnapshot): SampleCell => ({
  sampleCount: s[0],
  sum: s[1],
  min: s[2],
  max: s[3],
  raw: s[4] ? new Map(s[4]) : undefined,
});
