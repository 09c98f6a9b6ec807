// Pure: reads `$.a.b[0].c` out of a JSON document, the small JSONPath subset HTTP checks accept.
export function readJsonPath(doc: unknown, path: string): unknown {
  let cur: unknown = doc;
  for (const m of path.slice(1).matchAll(/\.([A-Za-z_][\w-]*)|\[(\d+)\]/g)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = m[1] !== undefined ? (cur as Record<string, unknown>)[m[1]] : Array.isArray(cur) ? cur[Number(m[2])] : undefined;
  }
  return cur;
}

/** Numbers as they are, booleans as 1/0, numeric strings parsed; anything else cannot be compared. */
export function asNumber(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}
