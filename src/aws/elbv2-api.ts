// The Elastic Load Balancing call we make: `verify` reads the service's target groups.
import type * as elb from '@aws-sdk/client-elastic-load-balancing-v2';
import { awsCall } from './aws-call.js';
import type { ClientConfig } from './client-config.js';

export interface Elbv2Api {
  describeTargetGroups(input: elb.DescribeTargetGroupsCommandInput, signal?: AbortSignal): Promise<elb.DescribeTargetGroupsCommandOutput>;
}

export async function createElbv2Api(config: ClientConfig): Promise<Elbv2Api> {
  const sdk = await import('@aws-sdk/client-elastic-load-balancing-v2');
  const client = new sdk.ElasticLoadBalancingV2Client(config);
  return {
    describeTargetGroups: (i, s) => awsCall('DescribeTargetGroups', () => client.send(new sdk.DescribeTargetGroupsCommand(i), s ? { abortSignal: s } : {})),
  };
}
