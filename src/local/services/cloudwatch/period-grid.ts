// Period rules and bucket alignment for GetMetricData, GetMetricStatistics and alarms.
const MINUTE = 60_000;
const DAY = 86_400_000;

/** Sub-minute periods CloudWatch accepts for high-resolution data; the sandbox stores everything at 1 s. */
export const HIGH_RESOLUTION_PERIODS: readonly number[] = [1, 5, 10, 20, 30];

export const isQueryPeriod = (period: number): boolean =>
  Number.isInteger(period) && (HIGH_RESOLUTION_PERIODS.includes(period) || (period > 0 && period % 60 === 0));

/** GetMetricStatistics documents 1, 5, 10, 30 and multiples of 60 (no 20). */
export const isStatisticsPeriod = (period: number): boolean =>
  Number.isInteger(period) && ([1, 5, 10, 30].includes(period) || (period > 0 && period % 60 === 0));

/** Alarms take 10, 20, 30 or a multiple of 60. */
export const isAlarmPeriod = (period: number): boolean =>
  Number.isInteger(period) && ([10, 20, 30].includes(period) || (period > 0 && period % 60 === 0));

const floorTo = (t: number, step: number): number => Math.floor(t / step) * step;

/**
 * Where the first bucket begins: StartTime rounded down to the second (1 s), to the period (5–30 s), or to the
 * minute / 5 minutes / hour depending on how old it is (periods of a minute or more), as GetMetricData documents.
 */
export function alignStart(startMs: number, periodSec: number, nowMs: number): number {
  if (periodSec < 60) return floorTo(startMs, periodSec * 1000);
  const age = nowMs - startMs;
  if (age > 63 * DAY) return floorTo(startMs, 60 * MINUTE);
  if (age > 15 * DAY) return floorTo(startMs, 5 * MINUTE);
  return floorTo(startMs, MINUTE);
}

/** Bucket start times from `gridStart` (inclusive) to `end` (exclusive), one per period. */
export function bucketStarts(gridStart: number, end: number, periodSec: number): number[] {
  const out: number[] = [];
  for (let t = gridStart; t < end; t += periodSec * 1000) out.push(t);
  return out;
}

/** Number of buckets a request asks for (for GetMetricStatistics' 1,440-datapoint limit). */
export const bucketCount = (gridStart: number, end: number, periodSec: number): number =>
  end <= gridStart ? 0 : Math.ceil((end - gridStart) / (periodSec * 1000));

/** Alarm evaluation windows end at the last whole period, aligned to the epoch. */
export const lastWholePeriodEnd = (nowMs: number, periodSec: number): number => floorTo(nowMs, periodSec * 1000);

/**
 * The real-time grid of an alarm that counts its periods on the sandbox clock: a period of P simulated seconds covers P/speed
 * real seconds, rounded to whole seconds (the store's resolution) and never under one; `countScale` turns a Sum or SampleCount
 * over that real window back into what the same rate gives over the whole simulated period.
 */
export function simulatedGrid(periodSec: number, speed: number): { readonly seconds: number; readonly countScale: number } {
  const seconds = Math.max(1, Math.round(periodSec / Math.max(speed, 1e-9)));
  return { seconds, countScale: periodSec / seconds };
}
