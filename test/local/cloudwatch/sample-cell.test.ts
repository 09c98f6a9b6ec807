// The compact cell: raw values kept as one sorted list (none while every value is the same), merged and saved exactly.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  addStatisticSet,
  addValue,
  mergeCell,
  newCell,
  rawValues,
  restoreCell,
  snapshotCell,
  type SampleCell,
} from '../../../src/local/services/cloudwatch/sample-cell.js';

/** What the raw values must be: every value with its count, ascending. */
function reference(values: readonly number[]): Array<[number, number]> {
  const m = new Map<number, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return [...m].sort((a, b) => a[0] - b[0]);
}

const cellOf = (values: readonly number[]): SampleCell => {
  const c = newCell();
  for (const v of values) addValue(c, v);
  return c;
};

describe('sample cell', () => {
  it('keeps no list while every value is the same, and the exact counts once they differ', () => {
    const same = cellOf([1, 1, 1]);
    assert.equal(same.raw, undefined);
    assert.deepEqual(rawValues(same), [[1, 3]]);
    // Pseudo-random latencies with repeats, in arbitrary order.
    const values = Array.from({ length: 500 }, (_, i) => ((i * 7919) % 97) / 1000);
    const c = cellOf(values);
    assert.deepEqual(rawValues(c), reference(values));
    assert.equal(c.sampleCount, 500);
    assert.equal(c.min, Math.min(...values));
    assert.equal(c.max, Math.max(...values));
    assert.deepEqual(rawValues(cellOf([5, 2])), [
      [2, 1],
      [5, 1],
    ]);
  });

  it('merges uniform, mixed and empty cells exactly', () => {
    const cases: Array<[number[], number[]]> = [
      [[], [3, 3]],
      [[3], [3, 3]],
      [[3], [4]],
      [
        [4, 4],
        [1, 2, 2],
      ],
      [
        [1, 5, 9],
        [5, 7, 0],
      ],
    ];
    for (const [a, b] of cases) {
      const into = cellOf(a);
      mergeCell(into, cellOf(b));
      assert.deepEqual(rawValues(into), reference([...a, ...b]), `${JSON.stringify(a)} + ${JSON.stringify(b)}`);
      assert.equal(into.sampleCount, a.length + b.length);
    }
  });

  it('loses the raw values once a statistic set is merged in, and saves and restores them exactly', () => {
    const c = cellOf([2, 2, 8]);
    const restored = restoreCell(JSON.parse(JSON.stringify(snapshotCell(c))) as ReturnType<typeof snapshotCell>);
    assert.deepEqual(rawValues(restored), rawValues(c));
    assert.deepEqual(rawValues(restoreCell(snapshotCell(cellOf([6, 6])))), [[6, 2]]);
    addStatisticSet(c, { SampleCount: 2, Sum: 10, Minimum: 4, Maximum: 6 });
    assert.equal(rawValues(c), undefined);
    assert.equal(rawValues(restoreCell(snapshotCell(c))), undefined);
    const into = cellOf([1]);
    mergeCell(into, c);
    assert.equal(rawValues(into), undefined);
    assert.equal(into.sampleCount, 6);
  });
});
