// The baseline comparison: per-metric verdicts (direction, effect, critical), the score, and the acceptance scenario
// run as a seeded simulation over log-normal latencies (false failures of equal canaries, detection of a 30% slower one).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateCheck } from '../../../src/canary/check-evaluation.js';
import { judgeMetric, relativeEffect } from '../../../src/canary/judge/judge-metric.js';
import { judge, judgementLines } from '../../../src/canary/judge/judge-score.js';
import { JUDGE_DEFAULTS, type JudgedMetric, type JudgeSpec } from '../../../src/canary/judge/judge-spec.js';
import { mean } from '../../../src/canary/judge/outliers.js';
import { periodMeans, seeded, WEB_SERVICE } from './latency-simulation.js';

const latency: JudgedMetric = { name: 'latency', direction: 'increase', critical: true, allowedEffect: 0.1 };
const spec = (metrics: readonly JudgedMetric[] = [latency], over: Partial<JudgeSpec> = {}): JudgeSpec => ({
  confidence: JUDGE_DEFAULTS.confidence,
  outlierFactor: JUDGE_DEFAULTS.outlierFactor,
  minSamples: JUDGE_DEFAULTS.minSamples,
  passScore: JUDGE_DEFAULTS.passScore,
  metrics,
  ...over,
});
const range = (from: number, n: number, step = 1) => Array.from({ length: n }, (_, i) => from + i * step);

test('relative effect of the means, with a zero baseline', () => {
  assert.equal(relativeEffect(13, 10), 0.30000000000000004);
  assert.equal(relativeEffect(0, 0), 0);
  assert.equal(relativeEffect(1, 0), Infinity);
  assert.equal(relativeEffect(-1, 0), -Infinity);
  assert.equal(relativeEffect(5, 10), -0.5);
});

test('a metric fails only when the change is significant AND beyond the allowed effect, in its direction', () => {
  const base = range(100, 20);
  const slower = range(140, 20); // +33%, every canary value above every baseline one
  const slightly = range(104, 20); // +3.6%, significant with n=20 but within 10%
  const faster = range(60, 20);
  const s = spec();
  const cases: [JudgedMetric, number[], 'pass' | 'fail', RegExp][] = [
    [latency, slower, 'fail', /worse than the baseline/],
    [latency, slightly, 'pass', /within the allowed effect|no significant/],
    [latency, faster, 'pass', /no significant difference/],
    [{ ...latency, direction: 'decrease' }, faster, 'fail', /worse than the baseline/],
    [{ ...latency, direction: 'decrease' }, slower, 'pass', /no significant/],
    [{ ...latency, direction: 'either' }, faster, 'fail', /worse/],
    [{ ...latency, direction: 'either' }, slower, 'fail', /worse/],
    [{ ...latency, allowedEffect: 0.5 }, slower, 'pass', /within the allowed effect/],
  ];
  for (const [m, canary, want, reason] of cases) {
    const j = judgeMetric(m, s, canary, base);
    assert.equal(j.status, want, `${m.direction} ${m.allowedEffect}: ${j.reason}`);
    assert.match(j.reason, reason);
    assert.equal(j.canary.n, 20);
  }
  const j = judgeMetric(latency, s, slower, base);
  assert.equal(j.u, 400);
  assert.equal(j.method, 'exact');
  assert.ok(j.p! < 1e-10);
});

test('outliers are removed before the test; too few samples is no data', () => {
  // One huge baseline stall would pull the baseline mean up and hide the canary's slowdown; the fences drop it.
  const base = [...range(100, 19), 100_000];
  const j = judgeMetric(latency, spec(), range(140, 20), base);
  assert.equal(j.baseline.outliers, 1);
  assert.equal(j.status, 'fail');
  const none = judgeMetric(latency, spec(), range(140, 9), base);
  assert.equal(none.status, 'no-data');
  assert.match(none.reason, /9 canary and 19 baseline samples, 10 needed/);
});

test('the score: share of judged metrics passing; a critical failure fails whatever the score', () => {
  const m = (name: string, critical = false): JudgedMetric => ({ name, direction: 'increase', critical, allowedEffect: 0.1 });
  const good = { canary: range(100, 20), baseline: range(100, 20) };
  const bad = { canary: range(200, 20), baseline: range(100, 20) };
  const empty = { canary: [], baseline: [] };
  const four = [m('a'), m('b'), m('c'), m('d')];
  const cases: [JudgeSpec, Record<string, { canary: number[]; baseline: number[] }>, string, number | undefined][] = [
    [spec(four), { a: good, b: good, c: good, d: good }, 'pass', 100],
    [spec(four, { passScore: 75 }), { a: good, b: good, c: good, d: bad }, 'pass', 75],
    [spec(four), { a: good, b: good, c: good, d: bad }, 'fail', 75],
    [spec(four), { a: good, b: good, c: good, d: empty }, 'pass', 100],
    [spec([m('a'), m('b', true)], { passScore: 50 }), { a: good, b: bad }, 'fail', 50],
    [spec([m('a'), m('b', true)]), { a: good, b: empty }, 'no-data', 100],
    [spec(four), {}, 'no-data', undefined],
  ];
  for (const [s, samples, want, score] of cases) {
    const v = judge(s, samples);
    assert.equal(v.status, want, v.reason);
    assert.equal(v.score, score);
  }
  const lines = judgementLines(judge(spec([m('a'), m('b', true)], { passScore: 50 }), { a: good, b: bad }));
  assert.match(lines[0]!, /^baseline comparison: fail, score 50\/50/);
  assert.match(lines[2]!, /fail {4}\[critical\] b: canary \+91\.3% vs baseline/);
});

/** One analysis interval of a minute at 1-second periods: 60 datapoints per side. */
const PERIODS = 60;
const BOUND_MS = 100;

test('acceptance: 30% slower than the baseline but within a fixed bound is failed by the judge and passed by the bound', () => {
  let judgeFails = 0;
  let boundPasses = 0;
  const runs = 100;
  for (let seed = 1; seed <= runs; seed++) {
    const rand = seeded(seed * 7919);
    const baseline = periodMeans(rand, WEB_SERVICE, PERIODS);
    const canary = periodMeans(rand, WEB_SERVICE, PERIODS, 1.3);
    if (judge(spec(), { latency: { canary, baseline } }).status === 'fail') judgeFails++;
    if (evaluateCheck('latency', { max: BOUND_MS }, { kind: 'value', value: mean(canary) }).status === 'pass') boundPasses++;
  }
  process.stdout.write(
    `# judge detects +30% latency in ${judgeFails}/${runs} seeded runs; the ${BOUND_MS} ms bound passes ${boundPasses}/${runs}\n`,
  );
  assert.ok(judgeFails >= 95, `judge failed the slow canary in ${judgeFails}/${runs} runs`);
  assert.ok(boundPasses >= 95, `the bound passed the slow canary in ${boundPasses}/${runs} runs`);
});

test('acceptance: a canary equal to the baseline passes in at least 99 of 100 seeded runs', () => {
  let falseFailures = 0;
  const runs = 100;
  for (let seed = 1; seed <= runs; seed++) {
    const rand = seeded(seed * 104_729);
    const baseline = periodMeans(rand, WEB_SERVICE, PERIODS);
    const canary = periodMeans(rand, WEB_SERVICE, PERIODS);
    if (judge(spec(), { latency: { canary, baseline } }).status !== 'pass') falseFailures++;
  }
  process.stdout.write(`# false failures of an equal canary: ${falseFailures}/${runs}\n`);
  assert.ok(falseFailures <= 1, `${falseFailures}/${runs} false failures`);
});
