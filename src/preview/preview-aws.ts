// The AWS calls preview environments make, as narrow views of src/aws's seams (tests fake exactly these).
import type { AwsClients } from '../aws/aws-clients.js';
import type { EcsApi } from '../aws/ecs-api.js';
import type { Elbv2Api } from '../aws/elbv2-api.js';
import type { Route53Api } from '../aws/route53-api.js';
import type { S3Api } from '../aws/s3-api.js';

export type PreviewEcs = Pick<
  EcsApi,
  | 'describeServices'
  | 'listServices'
  | 'createService'
  | 'updateService'
  | 'deleteService'
  | 'registerTaskDefinition'
  | 'describeTaskDefinition'
  | 'deregisterTaskDefinition'
  | 'deleteTaskDefinitions'
  | 'listTaskDefinitions'
  | 'listTaskDefinitionFamilies'
  | 'listTagsForResource'
  | 'tagResource'
>;

export type PreviewElb = Pick<
  Elbv2Api,
  | 'describeListeners'
  | 'describeLoadBalancers'
  | 'describeRules'
  | 'describeTargetGroups'
  | 'describeTargetGroupAttributes'
  | 'describeTargetHealth'
  | 'describeTags'
  | 'createTargetGroup'
  | 'modifyTargetGroupAttributes'
  | 'deleteTargetGroup'
  | 'createRule'
  | 'deleteRule'
>;

export type PreviewRoute53 = Route53Api;

export type PreviewS3 = Pick<S3Api, 'getText' | 'putTextIf'>;

export interface PreviewAws {
  readonly ecs: PreviewEcs;
  readonly elb: PreviewElb;
  readonly route53: PreviewRoute53;
  readonly s3: PreviewS3;
}

/** The S3 client loads only when `env publish` writes: create, delete and ls never pay for it. */
export async function previewAws(clients: AwsClients): Promise<PreviewAws> {
  const [ecs, elb, route53] = await Promise.all([clients.ecs(), clients.elbv2(), clients.route53()]);
  return {
    ecs,
    elb,
    route53,
    s3: {
      getText: async (bucket, key, signal) => (await clients.s3()).getText(bucket, key, signal),
      putTextIf: async (bucket, key, text, condition, signal) => (await clients.s3()).putTextIf(bucket, key, text, condition, signal),
    },
  };
}
