// The AWS calls canary setup and teardown make, as narrow views of src/aws's seams (tests fake exactly these).
import type { AwsClients } from '../../aws/aws-clients.js';
import type { EcsApi } from '../../aws/ecs-api.js';
import type { Elbv2Api } from '../../aws/elbv2-api.js';

export type SetupEcs = Pick<EcsApi, 'describeServices' | 'createService' | 'updateService' | 'deleteService' | 'listTagsForResource'>;

export type SetupElb = Pick<
  Elbv2Api,
  | 'describeTargetGroups'
  | 'describeTargetGroupAttributes'
  | 'createTargetGroup'
  | 'modifyTargetGroupAttributes'
  | 'deleteTargetGroup'
  | 'describeListeners'
  | 'describeRules'
  | 'modifyRule'
  | 'modifyListener'
  | 'describeTags'
>;

export interface SetupAws {
  readonly ecs: SetupEcs;
  readonly elb: SetupElb;
}

export async function setupAws(clients: AwsClients): Promise<SetupAws> {
  const [ecs, elb] = await Promise.all([clients.ecs(), clients.elbv2()]);
  return { ecs, elb };
}
