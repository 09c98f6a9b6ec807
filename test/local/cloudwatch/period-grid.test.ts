import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  alignStart,
  bucketCount,
  bucketStarts,
  isAlarmPeriod,
  isQueryPeriod,
  isStatisticsPeriod,
  lastWholePeriodEnd,
} from '../../../src/local/services/cloudwatch/period-grid.js';

const t = (iso: string) => Date.parse(iso);
const now = t('2026-11-22T12:00:00Z');

describe('period rules', () => {
  for (const [p, query, stats, alarm] of [
    [1, true, true, false],
    [5, true, true, false],
    [10, true, true, true],
    [20, true, false, true],
    [30, true, true, true],
    [60, true, true, true],
    [120, true, true, true],
    [7, false, false, false],
    [90, false, false, false],
    [0, false, false, false],
  ] as const) {
    it(`period ${p}: GetMetricData ${query}, GetMetricStatistics ${stats}, alarms ${alarm}`, () => {
      assert.equal(isQueryPeriod(p), query);
      assert.equal(isStatisticsPeriod(p), stats);
      assert.equal(isAlarmPeriod(p), alarm);
    });
  }
});

describe('alignStart', () => {
  const table: ReadonlyArray<readonly [string, number, string]> = [
    ['2026-11-22T11:59:37.250Z', 1, '2026-11-22T11:59:37.000Z'],
    ['2026-11-22T11:59:37.250Z', 5, '2026-11-22T11:59:35.000Z'],
    ['2026-11-22T11:59:37.250Z', 30, '2026-11-22T11:59:30.000Z'],
    ['2026-11-22T11:59:37.250Z', 60, '2026-11-22T11:59:00.000Z'],
    ['2026-11-22T11:47:37.000Z', 300, '2026-11-22T11:47:00.000Z'],
    ['2026-11-01T11:47:37.000Z', 300, '2026-11-01T11:45:00.000Z'],
    ['2026-08-01T11:47:37.000Z', 3600, '2026-08-01T11:00:00.000Z'],
  ];
  for (const [start, period, expected] of table) {
    it(`${start} with period ${period} → ${expected}`, () =>
      assert.equal(new Date(alignStart(t(start), period, now)).toISOString(), expected));
  }
});

describe('buckets', () => {
  it('advances by the period from the aligned start, end exclusive', () => {
    const starts = bucketStarts(t('2026-11-22T11:00:00Z'), t('2026-11-22T11:03:00Z'), 60).map((x) => new Date(x).toISOString());
    assert.deepEqual(starts, ['2026-11-22T11:00:00.000Z', '2026-11-22T11:01:00.000Z', '2026-11-22T11:02:00.000Z']);
    assert.equal(bucketCount(t('2026-11-22T11:00:00Z'), t('2026-11-22T11:02:30Z'), 60), 3);
    assert.equal(bucketCount(t('2026-11-22T11:00:00Z'), t('2026-11-21T11:00:00Z'), 60), 0);
  });

  it('ends alarm windows at the last whole period', () => {
    assert.equal(new Date(lastWholePeriodEnd(t('2026-11-22T11:00:37Z'), 60)).toISOString(), '2026-11-22T11:00:00.000Z');
    assert.equal(new Date(lastWholePeriodEnd(t('2026-11-22T11:00:37Z'), 10)).toISOString(), '2026-11-22T11:00:30.000Z');
  });
});
