// A seeded random source: every choice of a campaign (scenario, image, kill point) comes from it, so a seed replays the same plan.
export interface Rng {
  /** In [0, 1). */
  next(): number;
  int(min: number, maxInclusive: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
  /** A child source for one run: the same seed and index always give the same stream, whatever ran before. */
  fork(index: number): Rng;
}

/** mulberry32: small, fast, and good enough to spread choices (not for cryptography). */
export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)]!;
    },
    chance: (p) => next() < p,
    fork: (index) => createRng((Math.imul(seed >>> 0, 2654435761) ^ Math.imul(index + 1, 40503)) >>> 0),
  };
}
