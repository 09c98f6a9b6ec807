// The AWS calls a release makes, as narrow views of src/aws's seams (tests fake exactly these).
import type { AwsClients } from '../../aws/aws-clients.js';
import type { CloudWatchApi } from '../../aws/cloudwatch-api.js';
import type { EcsApi } from '../../aws/ecs-api.js';
import type { Elbv2Api } from '../../aws/elbv2-api.js';

export type CanaryEcs = Pick<
  EcsApi,
  | 'describeServices'
  | 'updateService'
  | 'registerTaskDefinition'
  | 'describeTaskDefinition'
  | 'listTasks'
  | 'describeTasks'
  | 'tagResource'
  | 'untagResource'
  | 'listServiceDeployments'
  | 'describeServiceDeployments'
  | 'stopServiceDeployment'
  | 'listTagsForResource'
  | 'continueServiceDeployment'
  | 'describeServiceRevisions'
  // The baseline service (canary.baseline).
  | 'createService'
  | 'deleteService'
>;

export type CanaryElb = Pick<
  Elbv2Api,
  | 'describeRules'
  | 'describeListeners'
  | 'modifyRule'
  | 'modifyListener'
  | 'describeTargetGroups'
  | 'describeTargetHealth'
  // The header-route rule (canary.header_route).
  | 'createRule'
  | 'deleteRule'
  | 'describeTags'
  // The baseline's target group (canary.baseline).
  | 'createTargetGroup'
  | 'deleteTargetGroup'
>;

export type CanaryCloudWatch = Pick<CloudWatchApi, 'getMetricData'>;

export interface CanaryAws {
  readonly ecs: CanaryEcs;
  readonly elb: CanaryElb;
  readonly cloudwatch: CanaryCloudWatch;
}

export async function canaryAws(clients: AwsClients): Promise<CanaryAws> {
  const [ecs, elb, cloudwatch] = await Promise.all([clients.ecs(), clients.elbv2(), clients.cloudwatch()]);
  return { ecs, elb, cloudwatch };
}
