// The ECR call we make: does an image tag exist (`tag --exists`, `verify`).
import type * as ecr from '@aws-sdk/client-ecr';
import type { Call, OperationsOf } from './bind-commands.js';
import type { SeamSpec } from './create-seam.js';

export interface EcrApi {
  readonly describeImages: Call<ecr.DescribeImagesCommandInput, ecr.DescribeImagesCommandOutput>;
}

export const ECR_SEAM: SeamSpec<EcrApi> = {
  service: 'ecr',
  clientName: 'ECRClient',
  load: () => import('@aws-sdk/client-ecr'),
  operations: { DescribeImages: true } satisfies OperationsOf<EcrApi>,
};
