// The Mann-Whitney U test (Wilcoxon rank-sum): U with mid-ranks for ties, exact or tie-corrected normal p-values.

/** Which way the alternative hypothesis points: `greater` = the first sample tends to be larger. */
export type Alternative = 'greater' | 'less' | 'two-sided';

export interface RankSumResult {
  /** U of the first sample: pairs (x, y) with x > y, plus half the pairs with x = y. */
  readonly u: number;
  /** p-value under the alternative. */
  readonly p: number;
  /** `exact` (no ties, small samples: the permutation distribution) or `normal` (tie-corrected, continuity-corrected). */
  readonly method: 'exact' | 'normal';
}

/** Samples at most this large (both) and without ties get the exact distribution. */
export const EXACT_MAX = 25;

/** Mid-ranks (1-based) of `values`, and the sizes of the tie groups (only groups of 2 or more). */
export function midRanks(values: readonly number[]): { readonly ranks: number[]; readonly ties: number[] } {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const ranks = new Array<number>(values.length);
  const ties: number[] = [];
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
    const rank = (i + j + 2) / 2;
    for (let k = i; k <= j; k++) ranks[order[k]![1]] = rank;
    if (j > i) ties.push(j - i + 1);
    i = j + 1;
  }
  return { ranks, ties };
}

/** U of `x` against `y`, and the tie groups of the pooled sample. */
export function uStatistic(x: readonly number[], y: readonly number[]): { readonly u: number; readonly ties: number[] } {
  const { ranks, ties } = midRanks([...x, ...y]);
  let r1 = 0;
  for (let i = 0; i < x.length; i++) r1 += ranks[i]!;
  return { u: r1 - (x.length * (x.length + 1)) / 2, ties };
}

/** Standard normal upper tail P(Z > z), via erfc (Numerical Recipes' Chebyshev fit, relative error < 1.2e-7). */
export function normalUpperTail(z: number): number {
  const x = z / Math.SQRT2;
  const t = 1 / (1 + 0.5 * Math.abs(x));
  const e =
    t *
    Math.exp(
      -x * x -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  const erfc = x >= 0 ? e : 2 - e;
  return erfc / 2;
}

/**
 * P(U ≥ u) for samples of m and n without ties: the number of arrangements with each U, by the recurrence
 * c(m, n, u) = c(m−1, n, u−n) + c(m, n−1, u), over C(m+n, m).
 */
export function exactUpperTail(u: number, m: number, n: number): number {
  // counts[j] for the current i: distribution of U for samples (i, j), as arrays over u.
  let prev: Float64Array[] = [];
  for (let j = 0; j <= n; j++) prev.push(Float64Array.of(1)); // i = 0: U is 0, one arrangement
  for (let i = 1; i <= m; i++) {
    const cur: Float64Array[] = [Float64Array.of(1)]; // j = 0
    for (let j = 1; j <= n; j++) {
      const d = new Float64Array(i * j + 1);
      const a = prev[j]!; // (i−1, j): the largest value is in x, adding j to U
      const b = cur[j - 1]!; // (i, j−1): the largest value is in y
      for (let k = 0; k < a.length; k++) d[k + j] = d[k + j]! + a[k]!;
      for (let k = 0; k < b.length; k++) d[k] = d[k]! + b[k]!;
      cur.push(d);
    }
    prev = cur;
  }
  const dist = prev[n]!;
  let total = 0;
  let tail = 0;
  const from = Math.ceil(u - 1e-9);
  for (let k = 0; k < dist.length; k++) {
    total += dist[k]!;
    if (k >= from) tail += dist[k]!;
  }
  return tail / total;
}

/** The Mann-Whitney U test of `x` against `y`. Both samples must be non-empty. */
export function mannWhitney(x: readonly number[], y: readonly number[], alternative: Alternative): RankSumResult {
  const m = x.length;
  const n = y.length;
  if (m === 0 || n === 0) throw new RangeError('mannWhitney needs two non-empty samples');
  const { u, ties } = uStatistic(x, y);
  const mn = m * n;
  if (ties.length === 0 && m <= EXACT_MAX && n <= EXACT_MAX) {
    const greater = exactUpperTail(u, m, n);
    const less = exactUpperTail(mn - u, m, n); // P(U ≤ u) by symmetry of U and mn − U
    const p = alternative === 'greater' ? greater : alternative === 'less' ? less : Math.min(1, 2 * Math.min(greater, less));
    return { u, p, method: 'exact' };
  }
  const total = m + n;
  const tieTerm = ties.reduce((s, t) => s + t * t * t - t, 0) / (total * (total - 1));
  const sd = Math.sqrt((mn / 12) * (total + 1 - tieTerm));
  const mean = mn / 2;
  if (sd === 0) return { u, p: 1, method: 'normal' }; // every value equal: no evidence either way
  const upper = (d: number) => normalUpperTail((d - 0.5) / sd);
  const greater = upper(u - mean);
  const less = upper(mean - u);
  const p = alternative === 'greater' ? greater : alternative === 'less' ? less : Math.min(1, 2 * upper(Math.abs(u - mean)));
  return { u, p, method: 'normal' };
}
