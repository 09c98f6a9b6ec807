// "Did you mean": the closest known word to a mistyped command, flag or config key, by edit distance (pure, table-tested).

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps cost 1; case is ignored. */
export function editDistance(x: string, y: string): number {
  const a = x.toLowerCase();
  const b = y.toLowerCase();
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** The known word nearest to `word`, when it is near enough to be a typo (a third of its length, at least 2, at most 4). */
export function suggest(word: string, known: readonly string[]): string | undefined {
  const limit = Math.min(4, Math.max(2, Math.floor(word.length / 3)));
  let best: { w: string; d: number } | undefined;
  for (const w of known) {
    const d = w.toLowerCase().startsWith(word.toLowerCase()) && word.length >= 3 ? 0.5 : editDistance(word, w);
    if (d <= limit && (!best || d < best.d)) best = { w, d };
  }
  return best?.w;
}
