// S3 multipart uploads (what `aws s3 cp` uses above 8 MB): create, upload parts, complete with S3's part checks, abort.
import { randomBytes } from 'node:crypto';
import { AwsError } from '../../aws-error.js';
import type { Handler } from '../../service.js';
import { multipartEtag, quotedEtag, type S3Store, type StoredObject } from './object-store.js';
import { readPayload } from './request-payload.js';
import { invalidArgument, malformedXml, noSuchUpload } from './s3-errors.js';
import { checkWrite, findBucket, systemHeaders } from './s3-object-handlers.js';

const MIN_PART_BYTES = 5 * 1024 * 1024;
const MAX_PART_NUMBER = 10_000;

export function multipartHandlers(store: S3Store, now: () => number): Record<string, Handler> {
  const uploadOf = (bucketName: unknown, uploadId: unknown, key: unknown) => {
    const upload = findBucket(store, bucketName).uploads.get(String(uploadId));
    if (!upload || upload.key !== String(key)) throw noSuchUpload(String(uploadId));
    return upload;
  };
  return {
    CreateMultipartUpload: (input) => {
      const bucket = findBucket(store, input.Bucket);
      const id = randomBytes(48).toString('base64url');
      bucket.uploads.set(id, {
        id,
        key: String(input.Key),
        initiated: now(),
        contentType: (input.ContentType as string | undefined) ?? 'binary/octet-stream',
        metadata: (input.Metadata as Record<string, string> | undefined) ?? {},
        headers: systemHeaders(input),
        parts: new Map(),
      });
      return { Bucket: bucket.name, Key: String(input.Key), UploadId: id };
    },
    UploadPart: (input, ctx) => {
      const upload = uploadOf(input.Bucket, input.UploadId, input.Key);
      const n = Number(input.PartNumber);
      if (!Number.isInteger(n) || n < 1 || n > MAX_PART_NUMBER) {
        throw invalidArgument(
          `Part number must be an integer between 1 and ${MAX_PART_NUMBER}, inclusive`,
          'partNumber',
          String(input.PartNumber),
        );
      }
      const payload = readPayload(input, ctx);
      const etag = quotedEtag(payload.body);
      upload.parts.set(n, { body: payload.body, etag });
      return { ETag: etag, ...payload.checksums };
    },
    CompleteMultipartUpload: (input) => {
      const bucket = findBucket(store, input.Bucket);
      const upload = uploadOf(input.Bucket, input.UploadId, input.Key);
      const parts = (input.MultipartUpload as { Parts?: Array<{ PartNumber?: number; ETag?: string }> } | undefined)?.Parts ?? [];
      if (parts.length === 0) throw malformedXml();
      const chosen = parts.map((p, i) => {
        if (i > 0 && Number(p.PartNumber) <= Number(parts[i - 1]!.PartNumber)) {
          throw new AwsError(
            'InvalidPartOrder',
            'The list of parts was not in ascending order. The parts list must be specified in order by part number.',
            400,
            { UploadId: upload.id },
          );
        }
        const stored = upload.parts.get(Number(p.PartNumber));
        if (!stored || (p.ETag !== undefined && p.ETag.replace(/"/g, '') !== stored.etag.replace(/"/g, ''))) {
          throw new AwsError(
            'InvalidPart',
            "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
            400,
            { UploadId: upload.id, PartNumber: String(p.PartNumber), ETag: String(p.ETag) },
          );
        }
        return stored;
      });
      chosen.slice(0, -1).forEach((part, i) => {
        if (part.body.length < MIN_PART_BYTES) {
          throw new AwsError('EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed object size.', 400, {
            ProposedSize: String(part.body.length),
            MinSizeAllowed: String(MIN_PART_BYTES),
            PartNumber: String(parts[i]!.PartNumber),
          });
        }
      });
      checkWrite(input, upload.key, bucket.objects.get(upload.key));
      const o: StoredObject = {
        key: upload.key,
        body: Buffer.concat(chosen.map((p) => p.body)),
        etag: multipartEtag(chosen.map((p) => p.etag)),
        lastModified: now(),
        contentType: upload.contentType,
        metadata: upload.metadata,
        headers: upload.headers,
        checksums: {},
        partsCount: chosen.length,
      };
      bucket.objects.set(o.key, o);
      bucket.uploads.delete(upload.id);
      return { Location: `/${bucket.name}/${o.key}`, Bucket: bucket.name, Key: o.key, ETag: o.etag };
    },
    AbortMultipartUpload: (input) => {
      const upload = uploadOf(input.Bucket, input.UploadId, input.Key);
      findBucket(store, input.Bucket).uploads.delete(upload.id);
      return {};
    },
  };
}
