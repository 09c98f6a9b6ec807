// Builds the preview seam from the SDK clients, on the one client configuration src/aws/ resolves (endpoint, credentials, retries).
import type { ClientConfig } from '../aws/client-config.js';
import { awsCall, toAwsError } from '../aws/aws-call.js';
import type { PreviewAws, PreviewS3 } from './preview-aws.js';

const opt = (signal?: AbortSignal) => (signal ? { abortSignal: signal } : {});

/** The SDK names a failed precondition by its code; S3 answers 412, or 409 when another conditional write is in flight. */
const CONDITION_FAILED = new Set(['PreconditionFailed', 'ConditionalRequestConflict']);

async function s3Seam(config: ClientConfig): Promise<PreviewS3> {
  const sdk = await import('@aws-sdk/client-s3');
  // A custom endpoint (a sandbox, MinIO) serves path-style URLs; AWS itself accepts both.
  const client = new sdk.S3Client({ ...config, ...(config.endpoint ? { forcePathStyle: true } : {}) });
  return {
    async getText(Bucket, Key, signal) {
      try {
        const out = await client.send(new sdk.GetObjectCommand({ Bucket, Key }), opt(signal));
        return { text: out.Body ? await out.Body.transformToString('utf8') : '', etag: out.ETag ?? '' };
      } catch (e) {
        if ((e as { name?: string }).name === 'NoSuchKey') return undefined;
        throw toAwsError('GetObject', e);
      }
    },
    async putTextIf(Bucket, Key, text, condition, signal) {
      const cond = condition.kind === 'if-match' ? { IfMatch: condition.etag } : { IfNoneMatch: '*' };
      try {
        await client.send(new sdk.PutObjectCommand({ Bucket, Key, Body: text, ContentType: 'application/json', ...cond }), opt(signal));
        return true;
      } catch (e) {
        const err = e as { name?: string; $metadata?: { httpStatusCode?: number } };
        if (CONDITION_FAILED.has(err.name ?? '') || err.$metadata?.httpStatusCode === 412) return false;
        // If-Match on a key deleted meanwhile: the document we read is gone, which is a lost race too.
        if (condition.kind === 'if-match' && err.name === 'NoSuchKey') return false;
        throw toAwsError('PutObject', e);
      }
    },
  };
}

/** The S3 client loads only when `env publish` writes: create, delete and ls never pay for it. */
function lazyS3(config: ClientConfig): PreviewS3 {
  let seam: Promise<PreviewS3> | undefined;
  const get = () => (seam ??= s3Seam(config));
  return {
    getText: async (bucket, key, signal) => (await get()).getText(bucket, key, signal),
    putTextIf: async (bucket, key, text, condition, signal) => (await get()).putTextIf(bucket, key, text, condition, signal),
  };
}

export async function createPreviewAws(config: ClientConfig): Promise<PreviewAws> {
  const [ecsSdk, elbSdk, r53Sdk] = await Promise.all([
    import('@aws-sdk/client-ecs'), import('@aws-sdk/client-elastic-load-balancing-v2'), import('@aws-sdk/client-route-53'),
  ]);
  const ecs = new ecsSdk.ECSClient(config);
  const elb = new elbSdk.ElasticLoadBalancingV2Client(config);
  const r53 = new r53Sdk.Route53Client(config);
  return {
    ecs: {
      describeServices: (i, s) => awsCall('DescribeServices', () => ecs.send(new ecsSdk.DescribeServicesCommand(i), opt(s))),
      listServices: (i, s) => awsCall('ListServices', () => ecs.send(new ecsSdk.ListServicesCommand(i), opt(s))),
      createService: (i, s) => awsCall('CreateService', () => ecs.send(new ecsSdk.CreateServiceCommand(i), opt(s))),
      updateService: (i, s) => awsCall('UpdateService', () => ecs.send(new ecsSdk.UpdateServiceCommand(i), opt(s))),
      deleteService: (i, s) => awsCall('DeleteService', () => ecs.send(new ecsSdk.DeleteServiceCommand(i), opt(s))),
      registerTaskDefinition: (i, s) => awsCall('RegisterTaskDefinition', () => ecs.send(new ecsSdk.RegisterTaskDefinitionCommand(i), opt(s))),
      describeTaskDefinition: (i, s) => awsCall('DescribeTaskDefinition', () => ecs.send(new ecsSdk.DescribeTaskDefinitionCommand(i), opt(s))),
      deregisterTaskDefinition: (i, s) => awsCall('DeregisterTaskDefinition', () => ecs.send(new ecsSdk.DeregisterTaskDefinitionCommand(i), opt(s))),
      deleteTaskDefinitions: (i, s) => awsCall('DeleteTaskDefinitions', () => ecs.send(new ecsSdk.DeleteTaskDefinitionsCommand(i), opt(s))),
      listTaskDefinitions: (i, s) => awsCall('ListTaskDefinitions', () => ecs.send(new ecsSdk.ListTaskDefinitionsCommand(i), opt(s))),
      listTaskDefinitionFamilies: (i, s) => awsCall('ListTaskDefinitionFamilies', () => ecs.send(new ecsSdk.ListTaskDefinitionFamiliesCommand(i), opt(s))),
      listTagsForResource: (i, s) => awsCall('ListTagsForResource', () => ecs.send(new ecsSdk.ListTagsForResourceCommand(i), opt(s))),
      tagResource: (i, s) => awsCall('TagResource', () => ecs.send(new ecsSdk.TagResourceCommand(i), opt(s))),
    },
    elb: {
      describeListeners: (i, s) => awsCall('DescribeListeners', () => elb.send(new elbSdk.DescribeListenersCommand(i), opt(s))),
      describeLoadBalancers: (i, s) => awsCall('DescribeLoadBalancers', () => elb.send(new elbSdk.DescribeLoadBalancersCommand(i), opt(s))),
      describeRules: (i, s) => awsCall('DescribeRules', () => elb.send(new elbSdk.DescribeRulesCommand(i), opt(s))),
      describeTargetGroups: (i, s) => awsCall('DescribeTargetGroups', () => elb.send(new elbSdk.DescribeTargetGroupsCommand(i), opt(s))),
      describeTargetGroupAttributes: (i, s) => awsCall('DescribeTargetGroupAttributes', () => elb.send(new elbSdk.DescribeTargetGroupAttributesCommand(i), opt(s))),
      describeTargetHealth: (i, s) => awsCall('DescribeTargetHealth', () => elb.send(new elbSdk.DescribeTargetHealthCommand(i), opt(s))),
      describeTags: (i, s) => awsCall('DescribeTags', () => elb.send(new elbSdk.DescribeTagsCommand(i), opt(s))),
      createTargetGroup: (i, s) => awsCall('CreateTargetGroup', () => elb.send(new elbSdk.CreateTargetGroupCommand(i), opt(s))),
      modifyTargetGroupAttributes: (i, s) => awsCall('ModifyTargetGroupAttributes', () => elb.send(new elbSdk.ModifyTargetGroupAttributesCommand(i), opt(s))),
      deleteTargetGroup: (i, s) => awsCall('DeleteTargetGroup', () => elb.send(new elbSdk.DeleteTargetGroupCommand(i), opt(s))),
      createRule: (i, s) => awsCall('CreateRule', () => elb.send(new elbSdk.CreateRuleCommand(i), opt(s))),
      deleteRule: (i, s) => awsCall('DeleteRule', () => elb.send(new elbSdk.DeleteRuleCommand(i), opt(s))),
    },
    route53: {
      getHostedZone: (i, s) => awsCall('GetHostedZone', () => r53.send(new r53Sdk.GetHostedZoneCommand(i), opt(s))),
      listHostedZonesByName: (i, s) => awsCall('ListHostedZonesByName', () => r53.send(new r53Sdk.ListHostedZonesByNameCommand(i), opt(s))),
      listResourceRecordSets: (i, s) => awsCall('ListResourceRecordSets', () => r53.send(new r53Sdk.ListResourceRecordSetsCommand(i), opt(s))),
      changeResourceRecordSets: (i, s) => awsCall('ChangeResourceRecordSets', () => r53.send(new r53Sdk.ChangeResourceRecordSetsCommand(i), opt(s))),
    },
    s3: lazyS3(config),
  };
}
