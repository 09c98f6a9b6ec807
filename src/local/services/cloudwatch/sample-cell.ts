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
  /**
   * The raw values with their counts, flat and sorted by value ([v0, c0, v1, c1, ...]: a double array, 16 bytes a value
   * where a Map took about 60), made once a second distinct value arrives: until then every sample is `min` (a count
   * metric's cell never needs one, and a store holds hundreds of thousands of cells). Unused once `lossy`.
   */
  raw: number[] | undefined;
  /** A statistic set (no raw values) was merged in: only the basic statistics remain. */
  lossy: boolean;
}

export type RawPairs = ReadonlyArray<readonly [number, number]>;

export const newCell = (): SampleCell => ({ sampleCount: 0, sum: 0, min: Infinity, max: -Infinity, raw: undefined, lossy: false });

/** The raw values with their counts, ascending; undefined once a statistic set was merged in. */
export function rawValues(cell: SampleCell): RawPairs | undefined {
  if (cell.lossy) return undefined;
  if (!cell.raw) return cell.sampleCount > 0 ? [[cell.min, cell.sampleCount]] : [];
  const out: Array<readonly [number, number]> = [];
  for (let i = 0; i < cell.raw.length; i += 2) out.push([cell.raw[i]!, cell.raw[i + 1]!]);
  return out;
}

/** Adds `count` to `value` in a flat sorted list, inserting it where it belongs. */
function addPair(raw: number[], value: number, count: number): void {
  let lo = 0;
  let hi = raw.length / 2;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (raw[mid * 2]! < value) lo = mid + 1;
    else hi = mid;
  }
  if (raw[lo * 2] === value) raw[lo * 2 + 1]! += count;
  else raw.splice(lo * 2, 0, value, count);
}

/** Adds raw values to a cell that keeps them, making its list when they stop being all one value. */
function addRaw(cell: SampleCell, value: number, count: number): void {
  if (cell.raw) addPair(cell.raw, value, count);
  else if (cell.sampleCount > 0 && value !== cell.min)
    cell.raw = value < cell.min ? [value, count, cell.min, cell.sampleCount] : [cell.min, cell.sampleCount, value, count];
}

export function addValue(cell: SampleCell, value: number, count = 1): void {
  if (!(count > 0)) return;
  if (!cell.lossy) addRaw(cell, value, count);
  cell.sampleCount += count;
  cell.sum += value * count;
  if (value < cell.min) cell.min = value;
  if (value > cell.max) cell.max = value;
}

function dropRaw(cell: SampleCell): void {
  cell.raw = undefined;
  cell.lossy = true;
}

export function addStatisticSet(cell: SampleCell, set: StatisticSet): void {
  if (!(set.SampleCount > 0)) return;
  cell.sampleCount += set.SampleCount;
  cell.sum += set.Sum;
  if (set.Minimum < cell.min) cell.min = set.Minimum;
  if (set.Maximum > cell.max) cell.max = set.Maximum;
  dropRaw(cell);
}

export function mergeCell(into: SampleCell, from: SampleCell): void {
  if (from.sampleCount === 0) return;
  if (into.lossy || from.lossy) dropRaw(into);
  else if (into.raw || from.raw || (into.sampleCount > 0 && from.min !== into.min)) {
    // Two cells of one value each (or an empty one) stay without a list.
    const raw = into.raw ?? (into.sampleCount > 0 ? [into.min, into.sampleCount] : []);
    for (const [v, c] of rawValues(from)!) addPair(raw, v, c);
    into.raw = raw;
  }
  into.sampleCount += from.sampleCount;
  into.sum += from.sum;
  if (from.min < into.min) into.min = from.min;
  if (from.max > into.max) into.max = from.max;
}

/** JSON form for --state-dir: [sampleCount, sum, min, max, raw pairs or null]. */
export type CellSnapshot = readonly [number, number, number, number, RawPairs | null];

export const snapshotCell = (c: SampleCell): CellSnapshot => [c.sampleCount, c.sum, c.min, c.max, rawValues(c) ?? null];

export function restoreCell(s: CellSnapshot): SampleCell {
  const cell: SampleCell = { sampleCount: s[0], sum: s[1], min: s[2], max: s[3], raw: undefined, lossy: !s[4] };
  if (s[4] && s[4].length > 1) {
    cell.raw = [];
    for (const [v, c] of s[4]) addPair(cell.raw, v, c);
  }
  return cell;
}
