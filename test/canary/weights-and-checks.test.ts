// Table tests: weight maths, check evaluation and the analysis rule (threshold, not-enough-data).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canaryTaskCount, fromForwardWeights, linearSteps, toForwardWeights, weightsFor } from '../../src/canary/step-weights.js';
import { evaluateCheck, verdictOf } from '../../src/canary/check-evaluation.js';
import { analysisWindow, judgeStep, type AnalysisRules } from '../../src/canary/step-judgement.js';

test('linear steps: step_weight up to max_weight, the last one clamped', () => {
  const cases: [number, number, number[]][] = [
    [10, 50, [10, 20, 30, 40, 50]],
    [30, 100, [30, 60, 90, 100]],
    [25, 25, [25]],
    [40, 100, [40, 80, 100]],
  ];
  for (const [s, m, want] of cases) assert.deepEqual(linearSteps(s, m), want, `${s}/${m}`);
});

test('forward weights round-trip and read back as percent', () => {
  assert.deepEqual(weightsFor(5), { stable: 95, canary: 5 });
  assert.deepEqual(toForwardWeights(weightsFor(25)), { stable: 75, canary: 25 });
  const cases: [number, number, { stable: number; canary: number }][] = [
    [100, 0, { stable: 100, canary: 0 }],
    [0, 100, { stable: 0, canary: 100 }],
    [1, 1, { stable: 50, canary: 50 }],
    [999, 1, { stable: 99.9, canary: 0.1 }],
    [0, 0, { stable: 0, canary: 0 }],
    [3, 1, { stable: 75, canary: 25 }],
  ];
  for (const [s, c, want] of cases) assert.deepEqual(fromForwardWeights(s, c), want, `${s}:${c}`);
});

test('canary task count: fixed, or following the weight with a minimum', () => {
  const cases: [Parameters<typeof canaryTaskCount>, number][] = [
    [[{ kind: 'fixed', count: 2 }, 50, 10], 2],
    [[{ kind: 'follow-weight', min: 1 }, 5, 4], 1],
    [[{ kind: 'follow-weight', min: 1 }, 50, 4], 2],
    [[{ kind: 'follow-weight', min: 1 }, 25, 10], 3],
    [[{ kind: 'follow-weight', min: 2 }, 100, 0], 2],
    [[{ kind: 'follow-weight', min: 1 }, 100, 6], 6],
  ];
  for (const [args, want] of cases) assert.equal(canaryTaskCount(...args), want, JSON.stringify(args));
});

test('a check against its bounds: min, max, both; no data and errors are their own results', () => {
  const cases: [Parameters<typeof evaluateCheck>, string][] = [
    [['sr', { min: 99 }, { kind: 'value', value: 99 }], 'pass'],
    [['sr', { min: 99 }, { kind: 'value', value: 98.99 }], 'fail'],
    [['lat', { max: 500 }, { kind: 'value', value: 500 }], 'pass'],
    [['lat', { max: 500 }, { kind: 'value', value: 500.1 }], 'fail'],
    [['x', { min: 1, max: 2 }, { kind: 'value', value: 0 }], 'fail'],
    [['x', { min: 1, max: 2 }, { kind: 'value', value: 3 }], 'fail'],
    [['x', { min: 1, max: 2 }, { kind: 'value', value: 1.5 }], 'pass'],
    [['x', { min: 1 }, { kind: 'value', value: Number.NaN }], 'no-data'],
    [['x', { min: 1 }, { kind: 'no-data', reason: 'few requests' }], 'no-data'],
    [['x', { min: 1 }, { kind: 'error', reason: 'unreachable' }], 'fail'],
  ];
  for (const [args, want] of cases) assert.equal(evaluateCheck(...args).status, want, JSON.stringify(args));
  assert.match(evaluateCheck('success-rate', { min: 99 }, { kind: 'value', value: 70 }).reason!, /success-rate 70 is below the minimum 99/);
});

test('an analysis fails on any failed check, else lacks data on any no-data check, else passes', () => {
  const pass = evaluateCheck('a', { min: 0 }, { kind: 'value', value: 1 });
  const fail = evaluateCheck('b', { min: 2 }, { kind: 'value', value: 1 });
  const none = evaluateCheck('c', { min: 0 }, { kind: 'no-data', reason: 'none' });
  assert.equal(verdictOf([pass, pass]).status, 'pass');
  assert.equal(verdictOf([pass, none]).status, 'no-data');
  assert.equal(verdictOf([none, fail]).status, 'fail');
  assert.equal(verdictOf([]).status, 'no-data', 'nothing checked is never a pass');
});

const rules: AnalysisRules = { intervalMs: 10_000, analysisIntervalMs: 2_000, threshold: 2, noDataLimit: 3 };
const v = (status: 'pass' | 'fail' | 'no-data') => ({ status, checks: [] });

test('judgeStep: when to analyse, hold, advance and roll back', () => {
  const timing = { stepStartedAt: 0, nextAnalysisAt: 2_000 };
  const zero = { failedChecks: 0, noDataStreak: 0 };
  const cases: [string, Parameters<typeof judgeStep>, string, Record<string, unknown>?][] = [
    ['before the first analysis: wait', [rules, timing, zero, 1_000, undefined], 'wait', { until: 2_000 }],
    ['analysis due', [rules, timing, zero, 2_000, undefined], 'analyse'],
    ['pass before the interval: hold', [rules, timing, zero, 2_000, v('pass')], 'hold', { nextAnalysisAt: 4_000 }],
    ['pass at the interval: advance', [rules, { stepStartedAt: 0, nextAnalysisAt: 10_000 }, zero, 10_000, v('pass')], 'advance'],
    [
      'first failure under threshold 2: hold',
      [rules, timing, zero, 2_000, v('fail')],
      'hold',
      { counters: { failedChecks: 1, noDataStreak: 0 } },
    ],
    [
      'second failure (cumulative, not consecutive): rollback',
      [rules, timing, { failedChecks: 1, noDataStreak: 0 }, 8_000, v('fail')],
      'rollback',
    ],
    ['threshold 1: the first failure rolls back', [{ ...rules, threshold: 1 }, timing, zero, 2_000, v('fail')], 'rollback'],
    [
      'no data never advances, even after the interval',
      [rules, { stepStartedAt: 0, nextAnalysisAt: 10_000 }, zero, 12_000, v('no-data')],
      'hold',
      { counters: { failedChecks: 0, noDataStreak: 1 } },
    ],
    ['no data at the limit: rollback', [rules, timing, { failedChecks: 0, noDataStreak: 2 }, 6_000, v('no-data')], 'rollback'],
    [
      'a pass resets the no-data streak but not failures',
      [rules, timing, { failedChecks: 1, noDataStreak: 2 }, 2_000, v('pass')],
      'hold',
      { counters: { failedChecks: 1, noDataStreak: 0 } },
    ],
    ['a late controller analyses at once, no drift backwards', [rules, timing, zero, 9_000, v('pass')], 'hold', { nextAnalysisAt: 9_000 }],
  ];
  for (const [name, args, kind, fields] of cases) {
    const j = judgeStep(...args);
    assert.equal(j.kind, kind, name);
    for (const [k, want] of Object.entries(fields ?? {}))
      assert.deepEqual((j as unknown as Record<string, unknown>)[k], want, `${name}: ${k}`);
  }
  const r = judgeStep(rules, timing, { failedChecks: 1, noDataStreak: 0 }, 8_000, {
    status: 'fail',
    checks: [evaluateCheck('success-rate', { min: 99 }, { kind: 'value', value: 70 })],
  });
  assert.ok(r.kind === 'rollback' && /failed 2 time\(s\), threshold 2: success-rate 70 is below the minimum 99/.test(r.reason));
});

test('analysis window: since the weights changed, at most one interval back', () => {
  assert.deepEqual(analysisWindow(rules, 5_000, 7_000), { start: 5_000, end: 7_000 });
  assert.deepEqual(analysisWindow(rules, 0, 25_000), { start: 15_000, end: 25_000 });
  assert.deepEqual(analysisWindow({ intervalMs: 0, analysisIntervalMs: 2_000 }, 0, 25_000), { start: 23_000, end: 25_000 });
});

test('binomial interval of a set weight: exact tails, degenerate weights, and 95:5 over 100 requests', async () => {
  const { binomialInterval, splitWithin } = await import('../../src/canary/binomial.js');
  assert.deepEqual(binomialInterval(100, 0.05), { lo: 0, hi: 13 });
  assert.ok(splitWithin(3, 100, 5), 'the article measured 97:3 for 95:5 — consistent');
  assert.ok(!splitWithin(20, 100, 5));
  assert.deepEqual(binomialInterval(1000, 0), { lo: 0, hi: 0 });
  assert.deepEqual(binomialInterval(1000, 1), { lo: 1000, hi: 1000 });
  const { lo, hi } = binomialInterval(1000, 0.5);
  assert.ok(lo > 440 && lo < 460 && hi === 1000 - lo, `${lo}..${hi} is symmetric around 500`);
  assert.equal(splitWithin(1, 1000, 0), false, 'a single request on a 0% canary is a routing bug, not noise');
});
