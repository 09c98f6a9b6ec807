// ListObjects(V2) paging (pure): prefix, delimiter roll-up into CommonPrefixes, MaxKeys, StartAfter and continuation.
/** Where a page stopped: after a key, or after a common prefix (then every key under it is skipped too). */
export interface ListPosition {
  readonly after: string;
  readonly rolledUp: boolean;
}

export interface ListQuery {
  readonly prefix: string;
  readonly delimiter?: string;
  readonly maxKeys: number;
  /** StartAfter or Marker (a key), or a continuation position. */
  readonly from?: ListPosition;
}

export interface ListPage {
  readonly keys: readonly string[];
  readonly commonPrefixes: readonly string[];
  readonly isTruncated: boolean;
  /** The last key or common prefix returned: where the next page starts. */
  readonly last?: ListPosition;
}

/** S3 orders keys by their UTF-8 bytes. */
export const compareKeys = (a: string, b: string): number => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

export function listKeys(sortedKeys: readonly string[], q: ListQuery): ListPage {
  const keys: string[] = [];
  const prefixes: string[] = [];
  // Keys under one common prefix are contiguous in sorted order, so remembering the last prefix is enough.
  let last: ListPosition | undefined = q.from;
  let truncated = false;
  for (const key of sortedKeys) {
    if (!key.startsWith(q.prefix)) continue;
    if (q.from && compareKeys(key, q.from.after) <= 0) continue;
    if (last?.rolledUp && key.startsWith(last.after)) continue;
    const rest = key.slice(q.prefix.length);
    const cut = q.delimiter ? rest.indexOf(q.delimiter) : -1;
    if (keys.length + prefixes.length >= q.maxKeys) {
      truncated = true;
      break;
    }
    if (cut >= 0) {
      const prefix = q.prefix + rest.slice(0, cut + q.delimiter!.length);
      prefixes.push(prefix);
      last = { after: prefix, rolledUp: true };
    } else {
      keys.push(key);
      last = { after: key, rolledUp: false };
    }
  }
  const returned = keys.length + prefixes.length > 0;
  return { keys, commonPrefixes: prefixes, isTruncated: truncated, ...(returned && last ? { last } : {}) };
}

/** Continuation tokens are opaque to clients; ours carries the position to resume after. */
export const encodeContinuation = (p: ListPosition): string =>
  Buffer.from(`c1:${p.rolledUp ? 'P' : 'K'}:${p.after}`, 'utf8').toString('base64');

export function decodeContinuation(token: string): ListPosition | undefined {
  const m = /^c1:([PK]):(.*)$/s.exec(Buffer.from(token, 'base64').toString('utf8'));
  return m ? { after: m[2]!, rolledUp: m[1] === 'P' } : undefined;
}

/** With EncodingType=url S3 percent-encodes keys and prefixes in the listing (slashes stay readable). */
export const urlEncodeKey = (key: string): string => encodeURIComponent(key).replace(/%2F/g, '/');
