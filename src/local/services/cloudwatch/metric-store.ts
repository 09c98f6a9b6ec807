// Metric data at 1 s resolution per metric and unit, with bounded retention, shared by the API and the MetricSink seam.
import type { MetricSink } from '../../env.js';
import { identityOf, metricKey, type MetricIdentity } from './metric-identity.js';
import {
  addStatisticSet,
  addValue,
  restoreCell,
  snapshotCell,
  type CellSnapshot,
  type SampleCell,
  type StatisticSet,
} from './sample-cell.js';

/** Raw 1 s data is kept for 3 hours of simulated time, as CloudWatch keeps its sub-minute data. */
export const RETENTION_MS = 3 * 3_600_000;
/** ListMetrics shows a metric for two weeks after its last datapoint was published. */
export const LISTING_MS = 14 * 86_400_000;

/** One second's aggregate for one unit; a second with data in several units chains them (almost every metric has one). */
export interface UnitCell extends SampleCell {
  readonly unit: string;
  next: UnitCell | undefined;
}

export interface SeriesState extends MetricIdentity {
  readonly key: string;
  /** Eventual-consistency stamp: ListMetrics sees the metric once it is visible. */
  readonly stamp: number;
  /** When data was last published (ms), for ListMetrics' RecentlyActive. */
  lastPut: number;
  /** epoch second → its cells, one per unit */
  readonly cells: Map<number, UnitCell>;
}

export interface MetricStore {
  readonly series: Map<string, SeriesState>;
  /** How far back data is kept, in real ms: RETENTION_MS on the sandbox clock, or more while an alarm reads further back. */
  retentionMs: number;
}

export type Sample =
  | { readonly kind: 'value'; readonly value: number }
  | { readonly kind: 'values'; readonly values: readonly number[]; readonly counts?: readonly number[] }
  | { readonly kind: 'set'; readonly set: StatisticSet };

export const createMetricStore = (retentionMs = RETENTION_MS): MetricStore => ({ series: new Map(), retentionMs });

export function seriesFor(store: MetricStore, id: MetricIdentity, now: number, stamp: () => number): SeriesState {
  const key = metricKey(id);
  let s = store.series.get(key);
  if (!s) {
    s = { ...id, key, stamp: stamp(), lastPut: now, cells: new Map() };
    store.series.set(key, s);
  }
  return s;
}

// A literal, not a spread of newCell(): every cell then shares one hidden class (a spread gave each its own, ~300 bytes).
const newUnitCell = (unit: string): UnitCell => ({
  sampleCount: 0,
  sum: 0,
  min: Infinity,
  max: -Infinity,
  raw: undefined,
  lossy: false,
  unit,
  next: undefined,
});

/** The second's cell for the unit, added at the end of its chain when new. */
function cellFor(series: SeriesState, second: number, unit: string): UnitCell {
  let cell = series.cells.get(second);
  if (!cell) {
    cell = newUnitCell(unit);
    series.cells.set(second, cell);
    return cell;
  }
  for (;;) {
    if (cell.unit === unit) return cell;
    if (!cell.next) return (cell.next = newUnitCell(unit));
    cell = cell.next;
  }
}

/** Adds one sample; data older than the retention window (`retentionMs`, real) only refreshes the metric's listing. */
export function putSample(series: SeriesState, timestampMs: number, unit: string, sample: Sample, now: number, retentionMs: number): void {
  series.lastPut = Math.max(series.lastPut, now);
  if (timestampMs < now - retentionMs) return;
  const cell = cellFor(series, Math.floor(timestampMs / 1000), unit);
  if (sample.kind === 'value') addValue(cell, sample.value);
  else if (sample.kind === 'set') addStatisticSet(cell, sample.set);
  else sample.values.forEach((v, i) => addValue(cell, v, sample.counts?.[i] ?? 1));
}

/** Calls `fn` for every cell in [start, end) (ms), optionally only for one unit. */
export function forEachCell(
  series: SeriesState,
  start: number,
  end: number,
  unit: string | undefined,
  fn: (timeMs: number, unit: string, cell: SampleCell) => void,
): void {
  const first = Math.ceil(start / 1000);
  const last = Math.ceil(end / 1000) - 1;
  // Scan whichever is smaller: the seconds of the window or the seconds that hold data.
  if (last - first + 1 < series.cells.size) {
    for (let s = first; s <= last; s++) visit(series.cells.get(s), s);
  } else {
    for (const [s, units] of series.cells) if (s >= first && s <= last) visit(units, s);
  }
  function visit(head: UnitCell | undefined, second: number): void {
    for (let cell = head; cell; cell = cell.next) if (unit === undefined || cell.unit === unit) fn(second * 1000, cell.unit, cell);
  }
}

/** Drops data past retention and metrics no longer listed. */
export function pruneStore(store: MetricStore, now: number): void {
  const oldestSecond = Math.floor((now - store.retentionMs) / 1000);
  for (const [key, s] of store.series) {
    for (const second of s.cells.keys()) if (second < oldestSecond) s.cells.delete(second);
    if (s.cells.size === 0 && s.lastPut < now - LISTING_MS) store.series.delete(key);
  }
}

/** The seam in-process publishers (ALB data plane, ECS) use: no API validation, unit None by default. */
export function createMetricSink(store: MetricStore, now: () => number): MetricSink {
  // Publishers pass the same dimension array for every datum of a series (the ALB, once per request and metric): the
  // series found for (array, namespace, name) is remembered, and looked up again only once the store dropped it.
  const known = new WeakMap<object, Map<string, SeriesState>>();
  return {
    put(d) {
      if (!Number.isFinite(d.value)) return;
      const at = now();
      let byName = known.get(d.dimensions);
      if (!byName) {
        byName = new Map();
        known.set(d.dimensions, byName);
      }
      const name = `${d.namespace}\u0000${d.name}`;
      let series = byName.get(name);
      if (!series || store.series.get(series.key) !== series) {
        series = seriesFor(
          store,
          identityOf(
            d.namespace,
            d.name,
            d.dimensions.map((x) => ({ Name: x.name, Value: x.value })),
          ),
          at,
          () => 0,
        );
        byName.set(name, series);
      }
      putSample(series, d.timestamp.getTime(), d.unit ?? 'None', { kind: 'value', value: d.value }, at, store.retentionMs);
    },
  };
}

interface SeriesSnapshot {
  readonly namespace: string;
  readonly name: string;
  readonly dimensions: ReadonlyArray<readonly [string, string]>;
  readonly lastPut: number;
  readonly cells: ReadonlyArray<readonly [number, string, CellSnapshot]>;
}

export interface MetricStoreSnapshot {
  readonly series: readonly SeriesSnapshot[];
}

export function snapshotMetricStore(store: MetricStore): MetricStoreSnapshot {
  return {
    series: [...store.series.values()].map((s) => ({
      namespace: s.namespace,
      name: s.name,
      dimensions: s.dimensions.map((d) => [d.Name, d.Value] as const),
      lastPut: s.lastPut,
      cells: [...s.cells].flatMap(([second, head]) => {
        const out: Array<readonly [number, string, CellSnapshot]> = [];
        for (let cell: UnitCell | undefined = head; cell; cell = cell.next) out.push([second, cell.unit, snapshotCell(cell)]);
        return out;
      }),
    })),
  };
}

export function restoreMetricStore(store: MetricStore, snap: MetricStoreSnapshot | undefined): void {
  store.series.clear();
  for (const s of snap?.series ?? []) {
    const series = seriesFor(
      store,
      identityOf(
        s.namespace,
        s.name,
        s.dimensions.map(([Name, Value]) => ({ Name, Value })),
      ),
      s.lastPut,
      () => 0,
    );
    for (const [second, unit, cell] of s.cells) Object.assign(cellFor(series, second, unit), restoreCell(cell));
  }
}
