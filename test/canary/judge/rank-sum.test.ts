// Table tests of the Mann-Whitney U test and outlier removal against reference values (SciPy's mannwhitneyu, NumPy's percentile).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  exactUpperTail,
  mannWhitney,
  midRanks,
  normalUpperTail,
  uStatistic,
  type Alternative,
} from '../../../src/canary/judge/rank-sum.js';
import { quantile, removeOutliers } from '../../../src/canary/judge/outliers.js';

const close = (got: number, want: number, tol: number, what: string) =>
  assert.ok(Math.abs(got - want) <= tol, `${what}: got ${got}, want ${want} (±${tol})`);

test('mid-ranks: tied values share the mean of their ranks; tie groups are counted', () => {
  assert.deepEqual(midRanks([10, 20, 20, 30]), { ranks: [1, 2.5, 2.5, 4], ties: [2] });
  assert.deepEqual(midRanks([5, 5, 5]), { ranks: [2, 2, 2], ties: [3] });
  assert.deepEqual(midRanks([3, 1, 2]), { ranks: [3, 1, 2], ties: [] });
  assert.deepEqual(midRanks([2, 1, 2, 1]), { ranks: [3.5, 1.5, 3.5, 1.5], ties: [2, 2] });
});

test('U statistic: pairs won by the first sample, ties counting one half', () => {
  const cases: [number[], number[], number][] = [
    [[1, 2, 3], [4, 5, 6], 0],
    [[4, 5, 6], [1, 2, 3], 9],
    [[1.1, 2.2, 3.3, 4.4, 5.5], [0.5, 2.5, 6, 7, 8, 9], 8],
    [[1, 2, 2, 3, 3, 3, 4, 5], [2, 3, 4, 4, 5, 5, 6, 7], 13.5],
    [[1, 1, 1, 2, 2], [1, 2, 2, 2, 3], 6.5],
    [[5, 5, 5], [5, 5, 5], 4.5],
  ];
  for (const [x, y, u] of cases) {
    assert.equal(uStatistic(x, y).u, u, `${x} vs ${y}`);
    // By brute force: the definition.
    let brute = 0;
    for (const a of x) for (const b of y) brute += a > b ? 1 : a === b ? 0.5 : 0;
    assert.equal(brute, u);
  }
});

test('normal upper tail', () => {
  const cases: [number, number][] = [
    [0, 0.5],
    [1.959963985, 0.025],
    [-1.644853627, 0.95],
    [3, 0.0013498980316301],
    [-3, 0.9986501019683699],
  ];
  for (const [z, p] of cases) close(normalUpperTail(z), p, 1e-7, `z=${z}`);
});

test('exact p-values (no ties, small samples) match the permutation distribution', () => {
  const cases: [number[], number[], Alternative, number][] = [
    [[1, 2, 3], [4, 5, 6], 'greater', 1],
    [[1, 2, 3], [4, 5, 6], 'less', 0.05],
    [[1, 2, 3], [4, 5, 6], 'two-sided', 0.1],
    [[4, 5, 6], [1, 2, 3], 'greater', 0.05],
    [[1.1, 2.2, 3.3, 4.4, 5.5], [0.5, 2.5, 6, 7, 8, 9], 'greater', 0.9112554112554113],
    [[1.1, 2.2, 3.3, 4.4, 5.5], [0.5, 2.5, 6, 7, 8, 9], 'less', 0.12337662337662336],
    [[1.1, 2.2, 3.3, 4.4, 5.5], [0.5, 2.5, 6, 7, 8, 9], 'two-sided', 0.24675324675324672],
    [[3, 5, 7, 9, 11, 13, 15, 17], [1, 2, 4, 6, 8, 10], 'greater', 0.04062604062604063],
    [[3, 5, 7, 9, 11, 13, 15, 17], [1, 2, 4, 6, 8, 10], 'less', 0.9703629703629704],
    [[3, 5, 7, 9, 11, 13, 15, 17], [1, 2, 4, 6, 8, 10], 'two-sided', 0.08125208125208126],
  ];
  for (const [x, y, alt, p] of cases) {
    const r = mannWhitney(x, y, alt);
    assert.equal(r.method, 'exact');
    close(r.p, p, 1e-12, `${x} vs ${y} ${alt}`);
  }
  // The whole distribution sums to one; P(U ≥ 0) = 1.
  assert.equal(exactUpperTail(0, 7, 9), 1);
  close(exactUpperTail(1, 1, 1), 0.5, 0, '1×1');
});

test('normal approximation with tie and continuity corrections', () => {
  const x = [1, 2, 2, 3, 3, 3, 4, 5];
  const y = [2, 3, 4, 4, 5, 5, 6, 7];
  const small = [1, 1, 1, 2, 2];
  const small2 = [1, 2, 2, 2, 3];
  const cases: [number[], number[], Alternative, number][] = [
    [x, y, 'greater', 0.9787444910836034],
    [x, y, 'less', 0.027320477366471564],
    [x, y, 'two-sided', 0.05464095473294313],
    [small, small2, 'greater', 0.9333365341128252],
    [small, small2, 'less', 0.1020119352372183],
    [small, small2, 'two-sided', 0.2040238704744366],
    [[5, 5, 5], [5, 5, 5], 'greater', 1],
    [[5, 5, 5], [5, 5, 5], 'two-sided', 1],
  ];
  for (const [a, b, alt, p] of cases) {
    const r = mannWhitney(a, b, alt);
    assert.equal(r.method, 'normal');
    close(r.p, p, 1e-6, `${a} vs ${b} ${alt}`);
  }
});

test('large samples without ties use the normal approximation', () => {
  // Log-normal samples (40 and 35), reference from SciPy (asymptotic, continuity-corrected).
  const x = [
    23.87405, 30.289741, 23.693921, 10.46903, 31.584861, 25.108019, 15.356263, 26.857874, 24.101792, 23.267703, 20.373013, 26.399802,
    13.898389, 18.51433, 15.783109, 27.097002, 20.488445, 17.353108, 13.58608, 17.661796, 20.167474, 17.499959, 38.360639, 33.226979,
    5.177999, 7.810691, 18.404845, 16.263198, 22.349892, 22.391042, 57.911697, 11.518905, 16.62982, 55.77835, 27.75321, 27.981167,
    15.533466, 8.810661, 21.839765, 21.210727,
  ];
  const y = [
    12.01702, 15.774373, 21.412571, 13.840848, 21.133617, 23.28342, 22.596457, 17.233483, 29.87058, 34.659903, 26.060588, 14.744718,
    32.002888, 17.275339, 34.452457, 12.989045, 35.066056, 21.976381, 11.889142, 18.973633, 22.806627, 25.441855, 13.584181, 12.759977,
    24.527434, 17.577597, 24.97194, 32.451925, 9.733819, 25.208823, 40.94884, 19.129594, 14.79949, 32.334084, 25.196958,
  ];
  const cases: [Alternative, number][] = [
    ['greater', 0.6189280684390477],
    ['less', 0.38512540775577664],
    ['two-sided', 0.7702508155115533],
  ];
  for (const [alt, p] of cases) {
    const r = mannWhitney(x, y, alt);
    assert.equal(r.u, 672);
    assert.equal(r.method, 'normal');
    close(r.p, p, 1e-6, alt);
  }
  assert.throws(() => mannWhitney([], [1], 'greater'), RangeError);
});

test('quantiles interpolate linearly (type 7); Tukey fences drop what lies beyond k·IQR', () => {
  const v = [10, 11, 12, 12, 13, 14, 15, 100, -40];
  const sorted = [...v].sort((a, b) => a - b);
  assert.equal(quantile(sorted, 0.25), 11);
  assert.equal(quantile(sorted, 0.75), 14);
  assert.equal(quantile([1, 2, 3, 4], 0.5), 2.5);
  const inner = removeOutliers(v, 1.5);
  assert.deepEqual(inner.fences, [6.5, 18.5]);
  assert.deepEqual(inner.kept, [10, 11, 12, 12, 13, 14, 15]);
  assert.equal(inner.removed, 2);
  // Outer fences (k = 3): [2, 23]; the same two are far out.
  assert.deepEqual(removeOutliers(v, 3).fences, [2, 23]);
  // k = 0 keeps everything but non-finite values; fewer than 4 values are kept as they are.
  assert.deepEqual(removeOutliers([1, Number.NaN, 1000, Infinity], 0), { kept: [1, 1000], removed: 2, fences: [-Infinity, Infinity] });
  assert.deepEqual(removeOutliers([1, 2, 1000], 1.5).kept, [1, 2, 1000]);
});
