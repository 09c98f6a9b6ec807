// S3 conditional requests (pure): If-Match / If-None-Match / If-(Un)Modified-Since on reads, and on writes.
export type ReadVerdict =
  { readonly kind: 'ok' } | { readonly kind: 'not-modified' } | { readonly kind: 'failed'; readonly condition: string };

export type WriteVerdict =
  | { readonly kind: 'ok' }
  | { readonly kind: 'failed'; readonly condition: string }
  | { readonly kind: 'missing' }
  | { readonly kind: 'unsupported'; readonly message: string };

export interface Current {
  readonly etag: string;
  /** ms since epoch */
  readonly lastModified: number;
}

export interface ReadConditions {
  readonly IfMatch?: string;
  readonly IfNoneMatch?: string;
  readonly IfModifiedSince?: Date;
  readonly IfUnmodifiedSince?: Date;
}

const unquote = (tag: string): string =>
  tag
    .trim()
    .replace(/^W\//, '')
    .replace(/^"(.*)"$/, '$1');

/** Whether a header's entity-tag list (`"a", "b"` or `*`) names the object's ETag. */
export function etagMatches(header: string, etag: string): boolean {
  const want = unquote(etag);
  return header.split(',').some((t) => t.trim() === '*' || unquote(t) === want);
}

// HTTP dates have one-second precision, so compare whole seconds.
const seconds = (ms: number) => Math.floor(ms / 1000);

/**
 * RFC 7232 order as S3 documents it: If-Match (412) wins over If-Unmodified-Since; If-None-Match (304) wins over
 * If-Modified-Since.
 */
export function judgeRead(c: ReadConditions, o: Current): ReadVerdict {
  if (c.IfMatch !== undefined) {
    if (!etagMatches(c.IfMatch, o.etag)) return { kind: 'failed', condition: 'If-Match' };
  } else if (c.IfUnmodifiedSince && seconds(o.lastModified) > seconds(c.IfUnmodifiedSince.getTime())) {
    return { kind: 'failed', condition: 'If-Unmodified-Since' };
  }
  if (c.IfNoneMatch !== undefined) {
    if (etagMatches(c.IfNoneMatch, o.etag)) return { kind: 'not-modified' };
  } else if (c.IfModifiedSince && seconds(o.lastModified) <= seconds(c.IfModifiedSince.getTime())) {
    return { kind: 'not-modified' };
  }
  return { kind: 'ok' };
}

/**
 * Conditional writes (PutObject, CopyObject, CompleteMultipartUpload): `If-None-Match: *` fails with 412 when the key
 * exists; `If-Match: <etag>` fails with 412 when the ETag differs and 404 NoSuchKey when there is no object.
 */
export function judgeWrite(c: { readonly IfMatch?: string; readonly IfNoneMatch?: string }, existing: Current | undefined): WriteVerdict {
  if (c.IfNoneMatch !== undefined) {
    if (c.IfNoneMatch.trim() !== '*') return { kind: 'unsupported', message: 'If-None-Match on a write accepts only the value *' };
    if (existing) return { kind: 'failed', condition: 'If-None-Match' };
  }
  if (c.IfMatch !== undefined) {
    if (!existing) return { kind: 'missing' };
    if (!etagMatches(c.IfMatch, existing.etag)) return { kind: 'failed', condition: 'If-Match' };
  }
  return { kind: 'ok' };
}
