// The S3 calls we make: Terraform state from an S3 backend, and the preview endpoints document written under a condition.
import type * as s3 from '@aws-sdk/client-s3';
import { awsErrorCode, awsHttpStatus } from './aws-call.js';
import type { Call, OperationsOf } from './bind-commands.js';
import type { SeamSpec } from './create-seam.js';

export interface S3Calls {
  readonly getObject: Call<s3.GetObjectCommandInput, s3.GetObjectCommandOutput>;
  readonly putObject: Call<s3.PutObjectCommandInput, s3.PutObjectCommandOutput>;
}

/** An object's text and its ETag. */
export interface StoredText {
  readonly text: string;
  readonly etag: string;
}

export type WriteCondition = { readonly kind: 'if-match'; readonly etag: string } | { readonly kind: 'if-none-match' };

export interface S3Api {
  /** The object's text (a missing key is AWS's NoSuchKey error). */
  getObjectText(input: { readonly Bucket: string; readonly Key: string }, signal?: AbortSignal): Promise<string>;
  /** The object's text and ETag, or undefined when there is no such key. */
  getText(bucket: string, key: string, signal?: AbortSignal): Promise<StoredText | undefined>;
  /** Resolves false when the condition failed (412, or 409 for a concurrent conditional write). */
  putTextIf(bucket: string, key: string, text: string, condition: WriteCondition, signal?: AbortSignal): Promise<boolean>;
}

export const S3_SEAM: SeamSpec<S3Calls> = {
  service: 's3',
  clientName: 'S3Client',
  load: () => import('@aws-sdk/client-s3'),
  operations: { GetObject: true, PutObject: true } satisfies OperationsOf<S3Calls>,
  // A custom endpoint (a sandbox, MinIO) serves path-style URLs; AWS itself accepts both.
  extra: (config) => (config.endpoint ? { forcePathStyle: true } : {}),
};

/** S3 names a failed precondition by its code; it answers 412, or 409 when another conditional write is in flight. */
const CONDITION_FAILED = new Set(['PreconditionFailed', 'ConditionalRequestConflict']);

const bodyText = async (out: s3.GetObjectCommandOutput) => (out.Body ? await out.Body.transformToString('utf8') : '');

export function s3Api(calls: S3Calls): S3Api {
  return {
    getObjectText: async (i, signal) => bodyText(await calls.getObject(i, signal)),
    async getText(Bucket, Key, signal) {
      try {
        const out = await calls.getObject({ Bucket, Key }, signal);
        return { text: await bodyText(out), etag: out.ETag ?? '' };
      } catch (e) {
        if (awsErrorCode(e) === 'NoSuchKey') return undefined;
        throw e;
      }
    },
    async putTextIf(Bucket, Key, text, condition, signal) {
      const cond = condition.kind === 'if-match' ? { IfMatch: condition.etag } : { IfNoneMatch: '*' };
      try {
        await calls.putObject({ Bucket, Key, Body: text, ContentType: 'application/json', ...cond }, signal);
        return true;
      } catch (e) {
        const code = awsErrorCode(e) ?? '';
        if (CONDITION_FAILED.has(code) || awsHttpStatus(e) === 412) return false;
        // If-Match on a key deleted meanwhile: the document we read is gone, which is a lost race too.
        if (condition.kind === 'if-match' && code === 'NoSuchKey') return false;
        throw e;
      }
    },
  };
}
