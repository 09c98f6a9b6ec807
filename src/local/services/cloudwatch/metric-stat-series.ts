// Turns stored 1 s cells into one statistic per period bucket: the MetricStat half of GetMetricData and alarms.
import type { MetricIdentity } from './metric-identity.js';
import { metricKey } from './metric-identity.js';
import { forEachCell, type MetricStore } from './metric-store.js';
import { mergeCell, newCell, type SampleCell } from './sample-cell.js';
import { computeStatistic } from './statistics.js';
import type { StatName } from './stat-name.js';

export interface StatRequest {
  readonly metric: MetricIdentity;
  readonly stat: StatName;
  readonly periodSec: number;
  /** Only data published with this unit; all units together when undefined. */
  readonly unit?: string;
  /** First bucket start (ms, already aligned) and end of the window (ms, exclusive). */
  readonly gridStart: number;
  readonly end: number;
}

/** Bucket start → aggregate of every cell in [start, start + period). Buckets without data are absent. */
export function bucketCells(store: MetricStore, req: Omit<StatRequest, 'stat'>): Map<number, SampleCell> {
  const buckets = new Map<number, SampleCell>();
  const series = store.series.get(metricKey(req.metric));
  if (!series || req.end <= req.gridStart) return buckets;
  const step = req.periodSec * 1000;
  forEachCell(series, req.gridStart, req.end, req.unit, (t, _unit, cell) => {
    const bucket = req.gridStart + Math.floor((t - req.gridStart) / step) * step;
    let agg = buckets.get(bucket);
    if (!agg) {
      agg = newCell();
      buckets.set(bucket, agg);
    }
    mergeCell(agg, cell);
  });
  return buckets;
}

/** One value per bucket that has data and for which the statistic is defined. */
export function statPoints(store: MetricStore, req: StatRequest): Map<number, number> {
  const out = new Map<number, number>();
  for (const [t, cell] of bucketCells(store, req)) {
    const v = computeStatistic(cell, req.stat);
    if (v !== undefined && Number.isFinite(v)) out.set(t, v);
  }
  return out;
}
