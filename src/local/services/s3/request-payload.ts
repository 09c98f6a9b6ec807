// Reads an upload's bytes as S3 does: aws-chunked framing removed, Content-MD5 and x-amz-checksum-* verified.
import { createHash } from 'node:crypto';
import * as zlib from 'node:zlib';
import { AwsError } from '../../aws-error.js';
import type { CallContext, Input } from '../../service.js';
import { decodeAwsChunked, isAwsChunked } from './aws-chunked.js';
import { badDigest } from './s3-errors.js';

export interface Payload {
  readonly body: Buffer;
  /** Checksums the client sent and we verified, keyed by model member (ChecksumCRC32, ChecksumSHA256, ...). */
  readonly checksums: Readonly<Record<string, string>>;
}

const crc32 = (zlib as unknown as { crc32?: (data: Buffer) => number }).crc32;

const ALGORITHMS: Readonly<Record<string, { readonly member: string; readonly digest?: (b: Buffer) => string }>> = {
  'x-amz-checksum-crc32': {
    member: 'ChecksumCRC32',
    ...(crc32
      ? {
          digest: (b: Buffer) => {
            const out = Buffer.alloc(4);
            out.writeUInt32BE(crc32(b) >>> 0);
            return out.toString('base64');
          },
        }
      : {}),
  },
  'x-amz-checksum-sha1': { member: 'ChecksumSHA1', digest: (b) => createHash('sha1').update(b).digest('base64') },
  'x-amz-checksum-sha256': { member: 'ChecksumSHA256', digest: (b) => createHash('sha256').update(b).digest('base64') },
  'x-amz-checksum-crc32c': { member: 'ChecksumCRC32C' },
  'x-amz-checksum-crc64nvme': { member: 'ChecksumCRC64NVME' },
};

const header = (ctx: CallContext, name: string): string | undefined => {
  const v = ctx.http.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

export function readPayload(input: Input, ctx: CallContext): Payload {
  let body = Buffer.isBuffer(input.Body) ? input.Body : Buffer.alloc(0);
  let trailers: Readonly<Record<string, string>> = {};
  if (isAwsChunked(ctx.http.headers)) {
    const decoded = decodeAwsChunked(body);
    if (!decoded) throw new AwsError('IncompleteBody', 'The request body terminated unexpectedly', 400);
    body = decoded.body;
    trailers = decoded.trailers;
  }
  const md5 = header(ctx, 'content-md5');
  if (md5 !== undefined) {
    if (Buffer.from(md5, 'base64').length !== 16) throw new AwsError('InvalidDigest', 'The Content-MD5 you specified was invalid.', 400);
    if (createHash('md5').update(body).digest('base64') !== md5)
      throw new AwsError('BadDigest', 'The Content-MD5 you specified did not match what we received.', 400);
  }
  const checksums: Record<string, string> = {};
  for (const [name, algo] of Object.entries(ALGORITHMS)) {
    const sent = trailers[name] ?? header(ctx, name);
    if (sent === undefined) continue;
    if (algo.digest && algo.digest(body) !== sent) throw badDigest(name.slice('x-amz-checksum-'.length).toUpperCase());
    checksums[algo.member] = sent;
  }
  return { body, checksums };
}

/** Content-Encoding as stored: the aws-chunked transfer framing is not part of the object. */
export function storedContentEncoding(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const kept = value
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '' && e !== 'aws-chunked');
  return kept.length ? kept.join(',') : undefined;
}
