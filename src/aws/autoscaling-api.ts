// The Application Auto Scaling calls we make: suspend or resume a service's scaling around a deploy.
import type * as aas from '@aws-sdk/client-application-auto-scaling';
import { awsCall } from './aws-call.js';
import type { ClientConfig } from './client-config.js';

type Call<I, O> = (input: I, signal?: AbortSignal) => Promise<O>;

export interface AutoScalingApi {
  readonly describeScalableTargets: Call<aas.DescribeScalableTargetsCommandInput, aas.DescribeScalableTargetsCommandOutput>;
  readonly registerScalableTarget: Call<aas.RegisterScalableTargetCommandInput, aas.RegisterScalableTargetCommandOutput>;
}

export async function createAutoScalingApi(config: ClientConfig): Promise<AutoScalingApi> {
  const sdk = await import('@aws-sdk/client-application-auto-scaling');
  const client = new sdk.ApplicationAutoScalingClient(config);
  const opt = (signal?: AbortSignal) => (signal ? { abortSignal: signal } : {});
  return {
    describeScalableTargets: (i, s) => awsCall('DescribeScalableTargets', () => client.send(new sdk.DescribeScalableTargetsCommand(i), opt(s))),
    registerScalableTarget: (i, s) => awsCall('RegisterScalableTarget', () => client.send(new sdk.RegisterScalableTargetCommand(i), opt(s))),
  };
}
