// S3 state: buckets, objects (bytes + system and user metadata) and multipart uploads in progress; snapshot/restore.
import { createHash } from 'node:crypto';

export interface StoredObject {
  readonly key: string;
  readonly body: Buffer;
  /** Quoted, as S3 sends it: `"<md5 hex>"` or `"<md5 of part md5s>-<parts>"`. */
  readonly etag: string;
  readonly lastModified: number;
  readonly contentType: string;
  readonly metadata: Readonly<Record<string, string>>;
  /** Cache-Control, Content-Disposition, Content-Encoding, Content-Language, Expires as given. */
  readonly headers: Readonly<Record<string, string>>;
  readonly checksums: Readonly<Record<string, string>>;
  readonly partsCount?: number;
}

export interface UploadPartState {
  readonly body: Buffer;
  readonly etag: string;
}

export interface UploadState {
  readonly id: string;
  readonly key: string;
  readonly initiated: number;
  readonly contentType: string;
  readonly metadata: Readonly<Record<string, string>>;
  readonly headers: Readonly<Record<string, string>>;
  readonly parts: Map<number, UploadPartState>;
}

export interface BucketState {
  readonly name: string;
  readonly region: string;
  readonly created: number;
  readonly objects: Map<string, StoredObject>;
  readonly uploads: Map<string, UploadState>;
}

export interface S3Store {
  readonly buckets: Map<string, BucketState>;
}

export const createS3Store = (): S3Store => ({ buckets: new Map() });

export const md5Hex = (data: Buffer): string => createHash('md5').update(data).digest('hex');

export const quotedEtag = (body: Buffer): string => `"${md5Hex(body)}"`;

/** The multipart ETag: MD5 of the concatenated binary part MD5s, then `-<number of parts>`. */
export function multipartEtag(partEtags: readonly string[]): string {
  const digests = partEtags.map((e) => Buffer.from(e.replace(/"/g, ''), 'hex'));
  return `"${md5Hex(Buffer.concat(digests))}-${partEtags.length}"`;
}

interface ObjectSnapshot extends Omit<StoredObject, 'body'> {
  readonly body: string;
}
interface UploadSnapshot extends Omit<UploadState, 'parts'> {
  readonly parts: ReadonlyArray<readonly [number, string, string]>;
}

export interface S3Snapshot {
  readonly buckets: ReadonlyArray<{
    readonly name: string;
    readonly region: string;
    readonly created: number;
    readonly objects: readonly ObjectSnapshot[];
    readonly uploads: readonly UploadSnapshot[];
  }>;
}

export const snapshotS3 = (store: S3Store): S3Snapshot => ({
  buckets: [...store.buckets.values()].map((b) => ({
    name: b.name,
    region: b.region,
    created: b.created,
    objects: [...b.objects.values()].map((o) => ({ ...o, body: o.body.toString('base64') })),
    uploads: [...b.uploads.values()].map((u) => ({
      ...u,
      parts: [...u.parts].map(([n, p]) => [n, p.body.toString('base64'), p.etag] as const),
    })),
  })),
});

export function restoreS3(store: S3Store, snap: S3Snapshot): void {
  store.buckets.clear();
  for (const b of snap.buckets) {
    const bucket: BucketState = { name: b.name, region: b.region, created: b.created, objects: new Map(), uploads: new Map() };
    for (const o of b.objects) bucket.objects.set(o.key, { ...o, body: Buffer.from(o.body, 'base64') });
    for (const u of b.uploads) {
      bucket.uploads.set(u.id, {
        ...u,
        parts: new Map(u.parts.map(([n, body, etag]) => [n, { body: Buffer.from(body, 'base64'), etag }])),
      });
    }
    store.buckets.set(b.name, bucket);
  }
}
