// S3 objects: PutObject/GetObject/HeadObject/DeleteObject(s)/CopyObject with ETags, metadata, ranges and conditions.
import { AwsError } from '../../aws-error.js';
import { HTTP_STATUS } from '../../protocols/rest-xml-protocol.js';
import type { Handler, Input } from '../../service.js';
import { parseRange } from './byte-range.js';
import { judgeRead, judgeWrite } from './object-conditions.js';
import { quotedEtag, type BucketState, type S3Store, type StoredObject } from './object-store.js';
import { readPayload, storedContentEncoding } from './request-payload.js';
import { invalidRange, invalidRequest, malformedXml, noSuchBucket, noSuchKey, notModified, preconditionFailed } from './s3-errors.js';

const SYSTEM_HEADERS = ['CacheControl', 'ContentDisposition', 'ContentLanguage', 'Expires'] as const;
const OVERRIDES: ReadonlyArray<readonly [string, string]> = [
  ['ResponseContentType', 'ContentType'],
  ['ResponseCacheControl', 'CacheControl'],
  ['ResponseContentDisposition', 'ContentDisposition'],
  ['ResponseContentEncoding', 'ContentEncoding'],
  ['ResponseContentLanguage', 'ContentLanguage'],
  ['ResponseExpires', 'Expires'],
];

export const MAX_KEY_BYTES = 1024;

export function findBucket(store: S3Store, name: unknown): BucketState {
  const bucket = store.buckets.get(String(name));
  if (!bucket) throw noSuchBucket(String(name));
  return bucket;
}

/** System metadata a write stores, keyed by the model's member names. */
export function systemHeaders(input: Input): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of SYSTEM_HEADERS) if (typeof input[name] === 'string') out[name] = input[name] as string;
  const encoding = storedContentEncoding(input.ContentEncoding);
  if (encoding) out.ContentEncoding = encoding;
  return out;
}

/** Applies a conditional write's verdict: 412 PreconditionFailed, or 404 NoSuchKey for If-Match on a missing key. */
export function checkWrite(input: Input, key: string, existing: StoredObject | undefined): void {
  const verdict = judgeWrite(
    {
      ...(typeof input.IfMatch === 'string' ? { IfMatch: input.IfMatch } : {}),
      ...(typeof input.IfNoneMatch === 'string' ? { IfNoneMatch: input.IfNoneMatch } : {}),
    },
    existing,
  );
  if (verdict.kind === 'failed') throw preconditionFailed(verdict.condition);
  if (verdict.kind === 'missing') throw noSuchKey(key);
  if (verdict.kind === 'unsupported')
    throw new AwsError('NotImplemented', `A header you provided implies functionality that is not implemented (${verdict.message})`, 501, {
      Header: 'If-None-Match',
    });
}

function objectView(o: StoredObject, input: Input) {
  const view: Record<string, unknown> = {
    AcceptRanges: 'bytes',
    LastModified: new Date(o.lastModified),
    ContentLength: o.body.length,
    ETag: o.etag,
    ContentType: o.contentType,
    ...o.headers,
    ...(Object.keys(o.metadata).length ? { Metadata: o.metadata } : {}),
    ...(o.partsCount ? { PartsCount: o.partsCount } : {}),
    ...(input.ChecksumMode === 'ENABLED' ? o.checksums : {}),
  };
  for (const [param, member] of OVERRIDES) if (input[param] !== undefined) view[member] = input[param];
  return view;
}

/** GetObject and HeadObject: conditions first (412 / 304), then the range (206 / 416). */
function read(store: S3Store, input: Input, withBody: boolean) {
  const bucket = findBucket(store, input.Bucket);
  const key = String(input.Key);
  const o = bucket.objects.get(key);
  if (!o) throw noSuchKey(key);
  const verdict = judgeRead(input as { IfMatch?: string; IfNoneMatch?: string; IfModifiedSince?: Date; IfUnmodifiedSince?: Date }, o);
  if (verdict.kind === 'failed') throw preconditionFailed(verdict.condition);
  if (verdict.kind === 'not-modified') throw notModified();
  const view = objectView(o, input);
  const range = parseRange(input.Range as string | undefined, o.body.length);
  if (range.kind === 'unsatisfiable') throw invalidRange(String(input.Range), o.body.length);
  if (range.kind === 'partial') {
    const body = o.body.subarray(range.start, range.end + 1);
    // A full-object checksum does not describe a range, so S3 leaves it out of a 206.
    const partial: Record<string, unknown> = { ...view };
    for (const k of Object.keys(o.checksums)) delete partial[k];
    return {
      ...partial,
      ContentLength: body.length,
      ContentRange: `bytes ${range.start}-${range.end}/${o.body.length}`,
      ...(withBody ? { Body: body } : {}),
      [HTTP_STATUS]: 206,
    };
  }
  return { ...view, ...(withBody ? { Body: o.body } : {}) };
}

/** `bucket/key`, `/bucket/key`, URL-encoded, with an optional `?versionId=`. */
export function parseCopySource(source: string): { readonly bucket: string; readonly key: string } {
  const path = decodeURIComponent(source.split('?')[0]!.replace(/^\//, ''));
  const slash = path.indexOf('/');
  if (slash <= 0 || slash === path.length - 1)
    throw new AwsError('InvalidArgument', 'Invalid copy source object key', 400, {
      ArgumentName: 'x-amz-copy-source',
      ArgumentValue: source,
    });
  return { bucket: path.slice(0, slash), key: path.slice(slash + 1) };
}

export function objectHandlers(store: S3Store, now: () => number): Record<string, Handler> {
  return {
    PutObject: (input, ctx) => {
      const bucket = findBucket(store, input.Bucket);
      const key = String(input.Key);
      if (Buffer.byteLength(key) > MAX_KEY_BYTES) throw new AwsError('KeyTooLongError', 'Your key is too long', 400);
      const payload = readPayload(input, ctx);
      checkWrite(input, key, bucket.objects.get(key));
      const o: StoredObject = {
        key,
        body: payload.body,
        etag: quotedEtag(payload.body),
        lastModified: now(),
        contentType: (input.ContentType as string | undefined) ?? 'binary/octet-stream',
        metadata: (input.Metadata as Record<string, string> | undefined) ?? {},
        headers: systemHeaders(input),
        checksums: payload.checksums,
      };
      bucket.objects.set(key, o);
      return { ETag: o.etag, ...payload.checksums, ...(Object.keys(payload.checksums).length ? { ChecksumType: 'FULL_OBJECT' } : {}) };
    },
    GetObject: (input) => read(store, input, true),
    HeadObject: (input) => read(store, input, false),
    DeleteObject: (input) => {
      const bucket = findBucket(store, input.Bucket);
      const key = String(input.Key);
      // S3 answers 204 whether or not the key existed; If-Match still guards the delete.
      const existing = bucket.objects.get(key);
      if (typeof input.IfMatch === 'string') checkWrite({ IfMatch: input.IfMatch }, key, existing);
      bucket.objects.delete(key);
      return {};
    },
    DeleteObjects: (input) => {
      const bucket = findBucket(store, input.Bucket);
      const spec = input.Delete as { Objects?: Array<{ Key: string }>; Quiet?: boolean };
      const objects = spec.Objects ?? [];
      if (objects.length > 1000) throw malformedXml();
      for (const o of objects) bucket.objects.delete(o.Key);
      return spec.Quiet ? {} : { Deleted: objects.map((o) => ({ Key: o.Key })) };
    },
    CopyObject: (input) => {
      const target = findBucket(store, input.Bucket);
      const key = String(input.Key);
      const from = parseCopySource(String(input.CopySource));
      const source = findBucket(store, from.bucket).objects.get(from.key);
      if (!source) throw noSuchKey(from.key);
      const copyVerdict = judgeRead(
        {
          ...(typeof input.CopySourceIfMatch === 'string' ? { IfMatch: input.CopySourceIfMatch } : {}),
          ...(typeof input.CopySourceIfNoneMatch === 'string' ? { IfNoneMatch: input.CopySourceIfNoneMatch } : {}),
          ...(input.CopySourceIfModifiedSince instanceof Date ? { IfModifiedSince: input.CopySourceIfModifiedSince } : {}),
          ...(input.CopySourceIfUnmodifiedSince instanceof Date ? { IfUnmodifiedSince: input.CopySourceIfUnmodifiedSince } : {}),
        },
        source,
      );
      // A copy source that did not change answers 412 too: there is no 304 for a write.
      if (copyVerdict.kind !== 'ok')
        throw preconditionFailed(
          `x-amz-copy-source-${copyVerdict.kind === 'failed' ? copyVerdict.condition : input.CopySourceIfNoneMatch !== undefined ? 'If-None-Match' : 'If-Modified-Since'}`,
        );
      const replace = input.MetadataDirective === 'REPLACE';
      if (!replace && target === findBucket(store, from.bucket) && key === from.key) {
        throw invalidRequest(
          "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
        );
      }
      checkWrite(input, key, target.objects.get(key));
      const o: StoredObject = {
        key,
        body: source.body,
        etag: source.partsCount ? quotedEtag(source.body) : source.etag,
        lastModified: now(),
        contentType: replace ? ((input.ContentType as string | undefined) ?? 'binary/octet-stream') : source.contentType,
        metadata: replace ? ((input.Metadata as Record<string, string> | undefined) ?? {}) : source.metadata,
        headers: replace ? systemHeaders(input) : source.headers,
        checksums: source.checksums,
      };
      target.objects.set(key, o);
      return { CopyObjectResult: { ETag: o.etag, LastModified: new Date(o.lastModified) } };
    },
  };
}
