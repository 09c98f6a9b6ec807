// Pure: the counts of canary answers a set weight allows, as the central interval of the binomial distribution.
function logGamma(x: number): number {
  // Lanczos approximation (g = 7), accurate to ~1e-15 for x > 0.
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
    -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = c[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/**
 * The smallest [lo, hi] with P(lo ≤ X ≤ hi) ≥ confidence for X ~ Binomial(n, p), cut equally from both tails
 * (each tail outside holds at most (1 − confidence) / 2).
 */
export function binomialInterval(n: number, p: number, confidence = 0.999): { readonly lo: number; readonly hi: number } {
  if (n <= 0) return { lo: 0, hi: 0 };
  if (p <= 0) return { lo: 0, hi: 0 };
  if (p >= 1) return { lo: n, hi: n };
  const tail = (1 - confidence) / 2;
  const lnp = Math.log(p);
  const lnq = Math.log(1 - p);
  const base = logGamma(n + 1);
  const pmf = (k: number) => Math.exp(base - logGamma(k + 1) - logGamma(n - k + 1) + k * lnp + (n - k) * lnq);
  let lo = 0;
  for (let acc = 0; lo < n; lo++) {
    acc += pmf(lo);
    if (acc > tail) break;
  }
  let hi = n;
  for (let acc = 0; hi > 0; hi--) {
    acc += pmf(hi);
    if (acc > tail) break;
  }
  return { lo, hi };
}

/** Is `k` canary answers out of `n` consistent with a canary weight of `percent`? */
export const splitWithin = (k: number, n: number, percent: number, confidence = 0.999): boolean => {
  const { lo, hi } = binomialInterval(n, percent / 100, confidence);
  return k >= lo && k <= hi;
};
