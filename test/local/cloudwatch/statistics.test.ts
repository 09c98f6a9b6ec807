import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addStatisticSet, addValue, newCell, type SampleCell } from '../../../src/local/services/cloudwatch/sample-cell.js';
import { computeStatistic } from '../../../src/local/services/cloudwatch/statistics.js';
import { parseStatName } from '../../../src/local/services/cloudwatch/stat-name.js';

const cellOf = (values: readonly number[], counts?: readonly number[]): SampleCell => {
  const c = newCell();
  values.forEach((v, i) => addValue(c, v, counts?.[i] ?? 1));
  return c;
};

const stat = (cell: SampleCell, name: string) => {
  const parsed = parseStatName(name);
  assert.ok(parsed, `${name} parses`);
  return computeStatistic(cell, parsed);
};

const oneToHundred = cellOf(Array.from({ length: 100 }, (_x, i) => i + 1));

describe('statistic names', () => {
  for (const [name, ok] of [
    ['Sum', true],
    ['SampleCount', true],
    ['p99', true],
    ['p99.9', true],
    ['p99.99', true],
    ['p100', true],
    ['p0', true],
    ['p101', false],
    ['p99.999', false],
    ['P99', false],
    ['tm99', true],
    ['TM(10%:90%)', true],
    ['TM(:95%)', true],
    ['TM(100:200)', true],
    ['TM(90%:10%)', false],
    ['TM(10%:200)', false],
    ['IQM', true],
    ['PR(:300)', true],
    ['PR(10%:20%)', false],
    ['wm90', true],
    ['tc90', true],
    ['ts90', true],
    ['sum', false],
    ['Average ', false],
    ['TM()', false],
  ] as const) {
    it(`${ok ? 'accepts' : 'rejects'} ${JSON.stringify(name)}`, () => assert.equal(parseStatName(name) !== undefined, ok));
  }
});

describe('computeStatistic', () => {
  const table: ReadonlyArray<readonly [string, SampleCell, number | undefined]> = [
    ['Sum', oneToHundred, 5050],
    ['Average', oneToHundred, 50.5],
    ['Minimum', oneToHundred, 1],
    ['Maximum', oneToHundred, 100],
    ['SampleCount', oneToHundred, 100],
    ['p50', oneToHundred, 50],
    ['p90', oneToHundred, 90],
    ['p99', oneToHundred, 99],
    ['p99.9', oneToHundred, 100],
    ['p100', oneToHundred, 100],
    ['p0', oneToHundred, 1],
    ['p50', cellOf([1, 2, 3, 4]), 2],
    ['p75', cellOf([10, 20], [3, 1]), 10],
    ['p76', cellOf([10, 20], [3, 1]), 20],
    ['tm99', oneToHundred, 50],
    ['TM(10%:90%)', oneToHundred, 50.5],
    ['IQM', cellOf([1, 2, 3, 4]), 2.5],
    ['tc90', oneToHundred, 90],
    ['ts10', oneToHundred, 55],
    ['TM(10:20)', oneToHundred, 15.5],
    ['PR(:25)', oneToHundred, 25],
    ['PR(50:60)', oneToHundred, 10],
    ['wm80', cellOf([1, 2, 3, 4, 100]), (1 + 2 + 3 + 4 + 4) / 5],
    // Extended statistics are unavailable when a value is negative.
    ['p50', cellOf([-1, 2]), undefined],
    ['Sum', cellOf([-1, 2]), 1],
  ];
  for (const [name, cell, expected] of table) {
    it(`${name} over ${cell.sampleCount} samples = ${String(expected)}`, () => assert.equal(stat(cell, name), expected));
  }

  it('keeps basic statistics but no percentiles for statistic sets', () => {
    const c = newCell();
    addStatisticSet(c, { SampleCount: 4, Sum: 10, Minimum: 1, Maximum: 4 });
    addValue(c, 5);
    assert.equal(stat(c, 'Sum'), 15);
    assert.equal(stat(c, 'SampleCount'), 5);
    assert.equal(stat(c, 'Average'), 3);
    assert.equal(stat(c, 'Maximum'), 5);
    assert.equal(stat(c, 'p50'), undefined);
  });

  it('answers nothing for an empty cell', () => assert.equal(stat(newCell(), 'Sum'), undefined));
});
