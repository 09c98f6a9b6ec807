// The AWS calls preview environments make, and nothing else: a narrow seam over ECS, ELBv2, Route 53 and S3.
import type * as ecs from '@aws-sdk/client-ecs';
import type * as elb from '@aws-sdk/client-elastic-load-balancing-v2';
import type * as r53 from '@aws-sdk/client-route-53';

type Call<I, O> = (input: I, signal?: AbortSignal) => Promise<O>;

export interface PreviewEcs {
  readonly describeServices: Call<ecs.DescribeServicesCommandInput, ecs.DescribeServicesCommandOutput>;
  readonly listServices: Call<ecs.ListServicesCommandInput, ecs.ListServicesCommandOutput>;
  readonly createService: Call<ecs.CreateServiceCommandInput, ecs.CreateServiceCommandOutput>;
  readonly updateService: Call<ecs.UpdateServiceCommandInput, ecs.UpdateServiceCommandOutput>;
  readonly deleteService: Call<ecs.DeleteServiceCommandInput, ecs.DeleteServiceCommandOutput>;
  readonly registerTaskDefinition: Call<ecs.RegisterTaskDefinitionCommandInput, ecs.RegisterTaskDefinitionCommandOutput>;
  readonly describeTaskDefinition: Call<ecs.DescribeTaskDefinitionCommandInput, ecs.DescribeTaskDefinitionCommandOutput>;
  readonly deregisterTaskDefinition: Call<ecs.DeregisterTaskDefinitionCommandInput, ecs.DeregisterTaskDefinitionCommandOutput>;
  readonly deleteTaskDefinitions: Call<ecs.DeleteTaskDefinitionsCommandInput, ecs.DeleteTaskDefinitionsCommandOutput>;
  readonly listTaskDefinitions: Call<ecs.ListTaskDefinitionsCommandInput, ecs.ListTaskDefinitionsCommandOutput>;
  readonly listTaskDefinitionFamilies: Call<ecs.ListTaskDefinitionFamiliesCommandInput, ecs.ListTaskDefinitionFamiliesCommandOutput>;
  readonly listTagsForResource: Call<ecs.ListTagsForResourceCommandInput, ecs.ListTagsForResourceCommandOutput>;
  readonly tagResource: Call<ecs.TagResourceCommandInput, ecs.TagResourceCommandOutput>;
}

export interface PreviewElb {
  readonly describeListeners: Call<elb.DescribeListenersCommandInput, elb.DescribeListenersCommandOutput>;
  readonly describeLoadBalancers: Call<elb.DescribeLoadBalancersCommandInput, elb.DescribeLoadBalancersCommandOutput>;
  readonly describeRules: Call<elb.DescribeRulesCommandInput, elb.DescribeRulesCommandOutput>;
  readonly describeTargetGroups: Call<elb.DescribeTargetGroupsCommandInput, elb.DescribeTargetGroupsCommandOutput>;
  readonly describeTargetGroupAttributes: Call<elb.DescribeTargetGroupAttributesCommandInput, elb.DescribeTargetGroupAttributesCommandOutput>;
  readonly describeTargetHealth: Call<elb.DescribeTargetHealthCommandInput, elb.DescribeTargetHealthCommandOutput>;
  readonly describeTags: Call<elb.DescribeTagsCommandInput, elb.DescribeTagsCommandOutput>;
  readonly createTargetGroup: Call<elb.CreateTargetGroupCommandInput, elb.CreateTargetGroupCommandOutput>;
  readonly modifyTargetGroupAttributes: Call<elb.ModifyTargetGroupAttributesCommandInput, elb.ModifyTargetGroupAttributesCommandOutput>;
  readonly deleteTargetGroup: Call<elb.DeleteTargetGroupCommandInput, elb.DeleteTargetGroupCommandOutput>;
  readonly createRule: Call<elb.CreateRuleCommandInput, elb.CreateRuleCommandOutput>;
  readonly deleteRule: Call<elb.DeleteRuleCommandInput, elb.DeleteRuleCommandOutput>;
}

export interface PreviewRoute53 {
  readonly getHostedZone: Call<r53.GetHostedZoneCommandInput, r53.GetHostedZoneCommandOutput>;
  readonly listHostedZonesByName: Call<r53.ListHostedZonesByNameCommandInput, r53.ListHostedZonesByNameCommandOutput>;
  readonly listResourceRecordSets: Call<r53.ListResourceRecordSetsCommandInput, r53.ListResourceRecordSetsCommandOutput>;
  readonly changeResourceRecordSets: Call<r53.ChangeResourceRecordSetsCommandInput, r53.ChangeResourceRecordSetsCommandOutput>;
}

/** An object's text and its ETag, or undefined when there is no such key. */
export interface StoredText {
  readonly text: string;
  readonly etag: string;
}

export type WriteCondition = { readonly kind: 'if-match'; readonly etag: string } | { readonly kind: 'if-none-match' };

export interface PreviewS3 {
  getText(bucket: string, key: string, signal?: AbortSignal): Promise<StoredText | undefined>;
  /** Resolves false when the condition failed (412, or 409 for a concurrent conditional write). */
  putTextIf(bucket: string, key: string, text: string, condition: WriteCondition, signal?: AbortSignal): Promise<boolean>;
}

export interface PreviewAws {
  readonly ecs: PreviewEcs;
  readonly elb: PreviewElb;
  readonly route53: PreviewRoute53;
  readonly s3: PreviewS3;
}
