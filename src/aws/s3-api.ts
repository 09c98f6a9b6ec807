// The S3 call we make: read a Terraform state from an S3 backend, as text.
import { awsCall } from './aws-call.js';
import type { ClientConfig } from './client-config.js';

export interface S3Api {
  getObjectText(input: { readonly Bucket: string; readonly Key: string }, signal?: AbortSignal): Promise<string>;
}

export async function createS3Api(config: ClientConfig): Promise<S3Api> {
  const sdk = await import('@aws-sdk/client-s3');
  // A custom endpoint (a sandbox, MinIO) serves path-style URLs; AWS itself accepts both.
  const client = new sdk.S3Client({ ...config, ...(config.endpoint ? { forcePathStyle: true } : {}) });
  return {
    getObjectText: (i, s) => awsCall('GetObject', async () => {
      const out = await client.send(new sdk.GetObjectCommand(i), s ? { abortSignal: s } : {});
      return out.Body ? await out.Body.transformToString('utf8') : '';
    }),
  };
}
