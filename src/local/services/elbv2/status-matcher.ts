// Health check matchers ("200", "200,202", "200-299"): parsing with ALB's 200–499 bounds, and matching a status code.
export interface CodeRange {
  readonly from: number;
  readonly to: number;
}

export type MatcherParse =
  { readonly kind: 'ok'; readonly ranges: readonly CodeRange[] } | { readonly kind: 'invalid'; readonly reason: string };

export function parseHttpCodes(spec: string, min = 200, max = 499): MatcherParse {
  const ranges: CodeRange[] = [];
  for (const part of spec.split(',')) {
    const m = /^\s*(\d{3})(?:-(\d{3}))?\s*$/.exec(part);
    if (!m) return { kind: 'invalid', reason: `'${spec}' is not a list of HTTP codes or a range of HTTP codes` };
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    if (from < min || to > max || from > to) return { kind: 'invalid', reason: `HTTP codes must be between ${min} and ${max}: '${spec}'` };
    ranges.push({ from, to });
  }
  return { kind: 'ok', ranges };
}

export function matchesCode(ranges: readonly CodeRange[], status: number): boolean {
  for (const r of ranges) if (status >= r.from && status <= r.to) return true;
  return false;
}
