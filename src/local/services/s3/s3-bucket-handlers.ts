// S3 buckets: CreateBucket (location constraints, owned-bucket rules), HeadBucket, DeleteBucket, ListBuckets, ListObjects(V2).
import { createHash } from 'node:crypto';
import { AwsError } from '../../aws-error.js';
import type { Handler, Input } from '../../service.js';
import { isValidBucketName } from './bucket-names.js';
import { compareKeys, decodeContinuation, encodeContinuation, listKeys, urlEncodeKey, type ListPosition } from './list-keys.js';
import type { BucketState, S3Store, StoredObject } from './object-store.js';
import { invalidArgument } from './s3-errors.js';
import { findBucket } from './s3-object-handlers.js';

const DEFAULT_MAX_KEYS = 1000;

export const ownerOf = (accountId: string) => ({ ID: createHash('sha256').update(`cortado:${accountId}`).digest('hex') });

const bucketArn = (name: string) => `arn:aws:s3:::${name}`;

/** The bucket's region: us-east-1 takes no constraint (or any other region's, as the legacy global endpoint does). */
function bucketRegion(requestRegion: string, constraint: string | undefined): string {
  if (requestRegion === 'us-east-1') {
    if (constraint === 'us-east-1')
      throw new AwsError('InvalidLocationConstraint', 'The specified location-constraint is not valid', 400, {
        LocationConstraint: constraint,
      });
    return constraint ?? 'us-east-1';
  }
  if (constraint === undefined) {
    throw new AwsError(
      'IllegalLocationConstraintException',
      'The unspecified location constraint is incompatible for the region specific endpoint this request was sent to.',
      400,
    );
  }
  if (constraint !== requestRegion) {
    throw new AwsError(
      'IllegalLocationConstraintException',
      `The ${constraint} location constraint is incompatible for the region specific endpoint this request was sent to.`,
      400,
    );
  }
  return constraint;
}

function listing(bucket: BucketState, input: Input, from: ListPosition | undefined) {
  const maxKeys = input.MaxKeys === undefined ? DEFAULT_MAX_KEYS : Number(input.MaxKeys);
  if (!Number.isInteger(maxKeys) || maxKeys < 0)
    throw invalidArgument('Argument maxKeys must be an integer between 0 and 2147483647', 'maxKeys', String(input.MaxKeys));
  const prefix = (input.Prefix as string | undefined) ?? '';
  const delimiter = (input.Delimiter as string | undefined) || undefined;
  const keys = [...bucket.objects.keys()].sort(compareKeys);
  const page = listKeys(keys, {
    prefix,
    maxKeys: Math.min(maxKeys, DEFAULT_MAX_KEYS),
    ...(delimiter ? { delimiter } : {}),
    ...(from ? { from } : {}),
  });
  const url = input.EncodingType === 'url';
  const enc = (s: string) => (url ? urlEncodeKey(s) : s);
  const entry = (o: StoredObject) => ({
    Key: enc(o.key),
    LastModified: new Date(o.lastModified),
    ETag: o.etag,
    Size: o.body.length,
    StorageClass: 'STANDARD',
    ...(Object.keys(o.checksums).length
      ? { ChecksumAlgorithm: Object.keys(o.checksums).map((k) => k.slice('Checksum'.length)), ChecksumType: 'FULL_OBJECT' }
      : {}),
  });
  return { page, maxKeys, prefix, delimiter, enc, entry, url };
}

export function bucketHandlers(store: S3Store, now: () => number, accountId: string): Record<string, Handler> {
  const owner = ownerOf(accountId);
  return {
    CreateBucket: (input, ctx) => {
      const name = String(input.Bucket);
      if (!isValidBucketName(name))
        throw new AwsError('InvalidBucketName', 'The specified bucket is not valid.', 400, { BucketName: name });
      const config = input.CreateBucketConfiguration as { LocationConstraint?: string } | undefined;
      const region = bucketRegion(ctx.region, config?.LocationConstraint);
      const existing = store.buckets.get(name);
      if (existing) {
        // Documented legacy behaviour: re-creating a bucket you own in us-east-1 answers 200 OK.
        if (existing.region === 'us-east-1' && region === 'us-east-1') return { Location: `/${name}`, BucketArn: bucketArn(name) };
        throw new AwsError(
          'BucketAlreadyOwnedByYou',
          'Your previous request to create the named bucket succeeded and you already own it.',
          409,
          { BucketName: name },
        );
      }
      store.buckets.set(name, { name, region, created: now(), objects: new Map(), uploads: new Map() });
      return { Location: `/${name}`, BucketArn: bucketArn(name) };
    },
    HeadBucket: (input) => {
      const bucket = findBucket(store, input.Bucket);
      return { BucketRegion: bucket.region, AccessPointAlias: false, BucketArn: bucketArn(bucket.name) };
    },
    DeleteBucket: (input) => {
      const bucket = findBucket(store, input.Bucket);
      if (bucket.objects.size > 0)
        throw new AwsError('BucketNotEmpty', 'The bucket you tried to delete is not empty', 409, { BucketName: bucket.name });
      store.buckets.delete(bucket.name);
      return {};
    },
    ListBuckets: (input) => {
      const prefix = (input.Prefix as string | undefined) ?? '';
      const after = input.ContinuationToken === undefined ? undefined : decodeContinuation(String(input.ContinuationToken))?.after;
      if (input.ContinuationToken !== undefined && after === undefined)
        throw invalidArgument('The continuation token provided is incorrect', 'continuation-token', String(input.ContinuationToken));
      const all = [...store.buckets.values()]
        .filter(
          (b) =>
            b.name.startsWith(prefix) &&
            (input.BucketRegion === undefined || b.region === input.BucketRegion) &&
            (after === undefined || b.name > after),
        )
        .sort((a, b) => (a.name < b.name ? -1 : 1));
      const max = input.MaxBuckets === undefined ? all.length : Number(input.MaxBuckets);
      const page = all.slice(0, max);
      const last = page[page.length - 1];
      return {
        Buckets: page.map((b) => ({
          Name: b.name,
          CreationDate: new Date(b.created),
          BucketRegion: b.region,
          BucketArn: bucketArn(b.name),
        })),
        Owner: owner,
        ...(input.Prefix !== undefined ? { Prefix: prefix } : {}),
        ...(last && page.length < all.length ? { ContinuationToken: encodeContinuation({ after: last.name, rolledUp: false }) } : {}),
      };
    },
    ListObjectsV2: (input) => {
      const bucket = findBucket(store, input.Bucket);
      const token = input.ContinuationToken as string | undefined;
      const resumed = token === undefined ? undefined : decodeContinuation(token);
      if (token !== undefined && !resumed)
        throw invalidArgument('The continuation token provided is incorrect', 'continuation-token', token);
      const startAfter = input.StartAfter as string | undefined;
      const from = resumed ?? (startAfter ? { after: startAfter, rolledUp: false } : undefined);
      const { page, maxKeys, prefix, delimiter, enc, entry, url } = listing(bucket, input, from);
      const contents = page.keys.map((k) => ({ ...entry(bucket.objects.get(k)!), ...(input.FetchOwner === true ? { Owner: owner } : {}) }));
      return {
        IsTruncated: page.isTruncated,
        ...(contents.length ? { Contents: contents } : {}),
        Name: bucket.name,
        Prefix: enc(prefix),
        ...(delimiter ? { Delimiter: enc(delimiter) } : {}),
        MaxKeys: maxKeys,
        ...(page.commonPrefixes.length ? { CommonPrefixes: page.commonPrefixes.map((p) => ({ Prefix: enc(p) })) } : {}),
        ...(url ? { EncodingType: 'url' } : {}),
        KeyCount: page.keys.length + page.commonPrefixes.length,
        ...(token !== undefined ? { ContinuationToken: token } : {}),
        ...(page.isTruncated && page.last ? { NextContinuationToken: encodeContinuation(page.last) } : {}),
        ...(startAfter !== undefined ? { StartAfter: enc(startAfter) } : {}),
      };
    },
    ListObjects: (input) => {
      const bucket = findBucket(store, input.Bucket);
      const marker = input.Marker as string | undefined;
      const { page, maxKeys, prefix, delimiter, enc, entry, url } = listing(
        bucket,
        input,
        marker ? { after: marker, rolledUp: false } : undefined,
      );
      const contents = page.keys.map((k) => ({ ...entry(bucket.objects.get(k)!), Owner: owner }));
      return {
        IsTruncated: page.isTruncated,
        Marker: enc(marker ?? ''),
        // S3 sends NextMarker only when a delimiter was given; otherwise the last key is the marker.
        ...(page.isTruncated && delimiter && page.last ? { NextMarker: enc(page.last.after) } : {}),
        ...(contents.length ? { Contents: contents } : {}),
        Name: bucket.name,
        Prefix: enc(prefix),
        ...(delimiter ? { Delimiter: enc(delimiter) } : {}),
        MaxKeys: maxKeys,
        ...(page.commonPrefixes.length ? { CommonPrefixes: page.commonPrefixes.map((p) => ({ Prefix: enc(p) })) } : {}),
        ...(url ? { EncodingType: 'url' } : {}),
      };
    },
  };
}
