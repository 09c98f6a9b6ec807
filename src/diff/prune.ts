// Small pure helpers for comparing AWS shapes: drop empty values, sort lists whose order means nothing, stable JSON.
export type Json = string | number | boolean | null | readonly Json[] | { readonly [k: string]: Json };

/** Removes undefined, null, empty lists and empty objects, recursively (AWS treats them as absent). */
export function prune(v: unknown): Json | undefined {
  if (v === undefined || v === null) return undefined;
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) {
    const items = v.map(prune).filter((x): x is Json => x !== undefined);
    return items.length ? items : undefined;
  }
  if (typeof v === 'object') {
    const out: Record<string, Json> = {};
    for (const [k, x] of Object.entries(v)) {
      const p = prune(x);
      if (p !== undefined) out[k] = p;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return v as Json;
}

/** JSON with keys sorted at every level: two equal values always print alike. */
export function stableStringify(v: unknown, indent = 2): string {
  const sortKeys = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(sortKeys);
    if (typeof x === 'object' && x !== null)
      return Object.fromEntries(
        Object.keys(x)
          .sort()
          .map((k) => [k, sortKeys((x as Record<string, unknown>)[k])]),
      );
    return x;
  };
  return JSON.stringify(sortKeys(v), null, indent) ?? 'null';
}

export function sortBy<T>(items: readonly T[] | undefined, key: (t: T) => string): T[] | undefined {
  return items ? [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)) : undefined;
}

export const byJson = (x: unknown) => stableStringify(x, 0);
