// nextToken/maxResults pagination as AWS does it: opaque tokens, bounded page sizes, InvalidNextToken-style errors.
import { AwsError } from './aws-error.js';

export interface PageRequest {
  readonly nextToken?: unknown;
  readonly maxResults?: unknown;
}

export interface PageOptions {
  readonly defaultSize: number;
  readonly maxSize: number;
  /** The error AWS answers for a token it did not issue (service-specific code). */
  readonly badToken: () => AwsError;
  /** Invalid maxResults (outside 1..maxSize). */
  readonly badSize?: (size: number) => AwsError;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextToken?: string;
}

const encode = (offset: number, fingerprint: string) => Buffer.from(JSON.stringify({ o: offset, f: fingerprint })).toString('base64url');

/** Pages over a stable, sorted list. `fingerprint` ties a token to the query it came from. */
export function paginate<T>(all: readonly T[], req: PageRequest, opts: PageOptions, fingerprint = ''): Page<T> {
  let size = opts.defaultSize;
  if (req.maxResults !== undefined) {
    const n = Number(req.maxResults);
    if (!Number.isInteger(n) || n < 1 || n > opts.maxSize) {
      throw opts.badSize?.(n) ?? new AwsError('InvalidParameterException', `maxResults must be between 1 and ${opts.maxSize}`);
    }
    size = n;
  }
  let offset = 0;
  if (req.nextToken !== undefined && req.nextToken !== '') {
    try {
      const t = JSON.parse(Buffer.from(String(req.nextToken), 'base64url').toString('utf8')) as { o?: unknown; f?: unknown };
      if (typeof t.o !== 'number' || t.f !== fingerprint) throw new Error('bad token');
      offset = t.o;
    } catch {
      throw opts.badToken();
    }
  }
  const items = all.slice(offset, offset + size);
  const next = offset + size < all.length ? encode(offset + size, fingerprint) : undefined;
  return next ? { items, nextToken: next } : { items };
}
