// The Application Auto Scaling calls we make: suspend or resume a service's scaling around a deploy.
import type * as aas from '@aws-sdk/client-application-auto-scaling';
import type { Call, OperationsOf } from './bind-commands.js';
import type { SeamSpec } from './create-seam.js';

export interface AutoScalingApi {
  readonly describeScalableTargets: Call<aas.DescribeScalableTargetsCommandInput, aas.DescribeScalableTargetsCommandOutput>;
  readonly registerScalableTarget: Call<aas.RegisterScalableTargetCommandInput, aas.RegisterScalableTargetCommandOutput>;
}

export const AUTOSCALING_SEAM: SeamSpec<AutoScalingApi> = {
  service: 'application-autoscaling',
  clientName: 'ApplicationAutoScalingClient',
  load: () => import('@aws-sdk/client-application-auto-scaling'),
  operations: { DescribeScalableTargets: true, RegisterScalableTarget: true } satisfies OperationsOf<AutoScalingApi>,
};
