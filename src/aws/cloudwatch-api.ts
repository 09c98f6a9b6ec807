// The CloudWatch call the canary analysis makes: metric data for both services' target groups.
import type * as cw from '@aws-sdk/client-cloudwatch';
import type { Call, OperationsOf } from './bind-commands.js';
import type { SeamSpec } from './create-seam.js';

export interface CloudWatchApi {
  readonly getMetricData: Call<cw.GetMetricDataCommandInput, cw.GetMetricDataCommandOutput>;
}

export const CLOUDWATCH_SEAM: SeamSpec<CloudWatchApi> = {
  service: 'monitoring',
  clientName: 'CloudWatchClient',
  load: () => import('@aws-sdk/client-cloudwatch'),
  operations: { GetMetricData: true } satisfies OperationsOf<CloudWatchApi>,
};
