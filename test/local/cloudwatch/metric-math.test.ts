import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate, type EvalContext } from '../../../src/local/services/cloudwatch/math/math-eval.js';
import { MathError } from '../../../src/local/services/cloudwatch/math/math-error.js';
import { parseExpression, referencedIds } from '../../../src/local/services/cloudwatch/math/math-parser.js';
import type { MathValue, TimeSeries } from '../../../src/local/services/cloudwatch/math/time-series.js';

// Six 60 s buckets starting at 0; `-` marks a bucket without a datapoint.
const END = 6 * 60_000;
const series = (label: string, values: ReadonlyArray<number | '-'>): TimeSeries => ({
  label,
  period: 60,
  gridStart: 0,
  points: new Map(values.flatMap((v, i) => (v === '-' ? [] : [[i * 60_000, v] as const]))),
});

const inputs: Record<string, TimeSeries> = {
  m1: series('m1', [1, 2, '-', 4, '-', 6]),
  m2: series('m2', [2, '-', 3, 0, '-', 3]),
  errors: series('Errors', [0, 1, '-', 5, '-', '-']),
  requests: series('Requests', [10, 10, 10, 10, '-', '-']),
};

const ctx: EvalContext = {
  end: END,
  defaultGrid: { period: 60, gridStart: 0 },
  resolve: (id) => {
    const s = inputs[id];
    if (!s) throw new MathError(`Unknown id ${id}`);
    return { kind: 'series', series: s };
  },
  metrics: (filter) =>
    Object.entries(inputs)
      .filter(([id]) => filter === undefined || id.includes(filter))
      .map(([, s]) => s),
};

const run = (expr: string): MathValue => evaluate(parseExpression(expr), ctx);

/** The series as a row of six buckets, '-' where there is no point. */
const row = (v: MathValue): Array<number | '-'> => {
  assert.equal(v.kind, 'series', `expected a series, got ${v.kind}`);
  const s = (v as { series: TimeSeries }).series;
  return Array.from({ length: 6 }, (_x, i) => s.points.get(i * 60_000) ?? '-');
};

describe('metric math parser', () => {
  it('honours precedence, unary minus and right-associative powers', () => {
    assert.deepEqual(run('1 + 2 * 3 ^ 2'), { kind: 'scalar', value: 19 });
    assert.deepEqual(run('-2 ^ 2'), { kind: 'scalar', value: -4 });
    assert.deepEqual(run('2 ^ 3 ^ 2'), { kind: 'scalar', value: 512 });
    assert.deepEqual(run('(1 + 2) * 3'), { kind: 'scalar', value: 9 });
    assert.deepEqual(run('1 < 2 AND 3 >= 4 || 1 == 1'), { kind: 'scalar', value: 1 });
  });

  it('collects referenced ids', () =>
    assert.deepEqual([...referencedIds(parseExpression('FILL(m1, 0) / SUM([m2, e_1])'))], ['m1', 'm2', 'e_1']));

  for (const bad of ['m1 +', 'sum(m1)', 'm1 $ 2', '(m1', 'FILL(m1 0)', '"open']) {
    it(`rejects ${JSON.stringify(bad)}`, () => assert.throws(() => run(bad), MathError));
  }
  it('rejects unknown functions', () => assert.throws(() => run('NOPE(m1)'), /Unrecognized function NOPE/));
});

describe('metric math evaluation', () => {
  const table: ReadonlyArray<readonly [string, Array<number | '-'>]> = [
    ['m1 * 2', [2, 4, '-', 8, '-', 12]],
    ['m1 + 10', [11, 12, '-', 14, '-', 16]],
    // Between two series, a missing side counts as 0; a division by zero drops the point.
    ['m1 + m2', [3, 2, 3, 4, '-', 9]],
    ['m1 / m2', [0.5, '-', 0, '-', '-', 2]],
    ['100 * errors / requests', [0, 10, 0, 50, '-', '-']],
    ['-m1', [-1, -2, '-', -4, '-', -6]],
    ['m1 > 2', [0, 0, '-', 1, '-', 1]],
    ['FILL(m1, 0)', [1, 2, 0, 4, 0, 6]],
    ['FILL(m1, REPEAT)', [1, 2, 2, 4, 4, 6]],
    ['FILL(m1, LINEAR)', [1, 2, 3, 4, 5, 6]],
    ['FILL(errors, REPEAT)', [0, 1, 1, 5, 5, 5]],
    ['FILL(errors, LINEAR)', [0, 1, 3, 5, '-', '-']],
    ['FILL(m1, m2)', [1, 2, 3, 4, '-', 6]],
    ['IF(m1 > 2, 1, 0)', [0, 0, '-', 1, '-', 1]],
    ['IF(m1 > 2, 1)', ['-', '-', '-', 1, '-', 1]],
    ['IF(m1, m2, m1)', [2, 0, '-', 0, '-', 3]],
    ['IF(m2, m1)', [1, '-', 0, '-', '-', 6]],
    ['SUM([m1, m2])', [3, 2, 3, 4, '-', 9]],
    ['AVG([m1, m2])', [1.5, 1, 1.5, 2, '-', 4.5]],
    ['MAX([m1, m2])', [2, 2, 3, 4, '-', 6]],
    ['MIN(METRICS("m"))', [1, 2, 3, 0, '-', 3]],
    ['m1 - AVG(m1)', [-2.25, -1.25, '-', 0.75, '-', 2.75]],
    ['ABS(m2 - 3)', [1, '-', 0, 3, '-', 0]],
    ['DIFF(m1)', ['-', 1, '-', 2, '-', 2]],
    ['RUNNING_SUM(m1)', [1, 3, '-', 7, '-', 13]],
    ['RATE(m1)', ['-', 1 / 60, '-', 2 / 120, '-', 2 / 120]],
    ['TIME_SERIES(7)', [7, 7, 7, 7, 7, 7]],
  ];
  for (const [expr, expected] of table) {
    it(`${expr} → ${expected.join(' ')}`, () => assert.deepEqual(row(run(expr)), expected));
  }

  it('reduces one series to a scalar', () => {
    assert.deepEqual(run('SUM(m1)'), { kind: 'scalar', value: 13 });
    assert.deepEqual(run('MAX(m2)'), { kind: 'scalar', value: 3 });
    assert.deepEqual(run('DATAPOINT_COUNT(m1)'), { kind: 'scalar', value: 4 });
    assert.deepEqual(run('PERIOD(m1)'), { kind: 'scalar', value: 60 });
  });

  it('keeps arrays as arrays and maps operators over them', () => {
    const v = run('METRICS() * 2');
    assert.equal(v.kind, 'array');
    assert.equal((v as { readonly items: readonly TimeSeries[] }).items.length, 4);
    assert.deepEqual(
      (v as { readonly items: readonly TimeSeries[] }).items.map((s) => s.label),
      ['m1', 'm2', 'Errors', 'Requests'],
    );
  });

  it('rejects operators between incompatible values', () => assert.throws(() => run('METRICS() + METRICS()'), MathError));
  it('rejects FILL with an unknown keyword', () => assert.throws(() => run('FILL(m1, NEAREST)'), /FILL cannot fill with NEAREST/));
});
