// Reading IAM policy documents as AWS accepts them: `Statement`, and a statement's Action, Resource and principals, may
// each be one value or a list. One reading for every check of a policy cortado did not write (trust, resource policies).

/** A statement as read from a document: every field may be absent or of either form. */
export interface ReadStatement {
  readonly Sid?: unknown;
  readonly Effect?: unknown;
  readonly Principal?: unknown;
  readonly Action?: unknown;
  readonly Resource?: unknown;
}

/** A field that may be one value or a list, as strings (absent: none). */
export const policyValues = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)]);

/** The document's statements, one or many. */
export function policyStatements(doc: unknown): ReadStatement[] {
  const s = (doc as { Statement?: unknown } | null)?.Statement;
  return (Array.isArray(s) ? s : s ? [s] : []) as ReadStatement[];
}

/** Pure: whether a policy's Resource value (IAM wildcards: `*` any run of characters, `?` one) covers `arn`. */
export function resourceCovers(pattern: string, arn: string): boolean {
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${re}$`).test(arn);
}
