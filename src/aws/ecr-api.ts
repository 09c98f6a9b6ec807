// The ECR call we make: does an image tag exist (`tag --exists`, `verify`).
import type * as ecr from '@aws-sdk/client-ecr';
import { awsCall } from './aws-call.js';
import type { ClientConfig } from './client-config.js';

export interface EcrApi {
  describeImages(input: ecr.DescribeImagesCommandInput, signal?: AbortSignal): Promise<ecr.DescribeImagesCommandOutput>;
}

export async function createEcrApi(config: ClientConfig, region?: string): Promise<EcrApi> {
  const sdk = await import('@aws-sdk/client-ecr');
  const client = new sdk.ECRClient(region ? { ...config, region } : config);
  return {
    describeImages: (i, s) => awsCall('DescribeImages', () => client.send(new sdk.DescribeImagesCommand(i), s ? { abortSignal: s } : {})),
  };
}
