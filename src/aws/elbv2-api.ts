// Every Elastic Load Balancing v2 call any capability makes: weights on rules, preview rules and target groups, verify's reads.
import type * as elb from '@aws-sdk/client-elastic-load-balancing-v2';
import type { Call, OperationsOf } from './bind-commands.js';
import type { SeamSpec } from './create-seam.js';

export interface Elbv2Api {
  readonly createLoadBalancer: Call<elb.CreateLoadBalancerCommandInput, elb.CreateLoadBalancerCommandOutput>;
  readonly describeLoadBalancers: Call<elb.DescribeLoadBalancersCommandInput, elb.DescribeLoadBalancersCommandOutput>;
  readonly createListener: Call<elb.CreateListenerCommandInput, elb.CreateListenerCommandOutput>;
  readonly describeListeners: Call<elb.DescribeListenersCommandInput, elb.DescribeListenersCommandOutput>;
  readonly modifyListener: Call<elb.ModifyListenerCommandInput, elb.ModifyListenerCommandOutput>;
  readonly createRule: Call<elb.CreateRuleCommandInput, elb.CreateRuleCommandOutput>;
  readonly describeRules: Call<elb.DescribeRulesCommandInput, elb.DescribeRulesCommandOutput>;
  readonly modifyRule: Call<elb.ModifyRuleCommandInput, elb.ModifyRuleCommandOutput>;
  readonly deleteRule: Call<elb.DeleteRuleCommandInput, elb.DeleteRuleCommandOutput>;
  readonly createTargetGroup: Call<elb.CreateTargetGroupCommandInput, elb.CreateTargetGroupCommandOutput>;
  readonly describeTargetGroups: Call<elb.DescribeTargetGroupsCommandInput, elb.DescribeTargetGroupsCommandOutput>;
  readonly describeTargetGroupAttributes: Call<
    elb.DescribeTargetGroupAttributesCommandInput,
    elb.DescribeTargetGroupAttributesCommandOutput
  >;
  readonly modifyTargetGroupAttributes: Call<elb.ModifyTargetGroupAttributesCommandInput, elb.ModifyTargetGroupAttributesCommandOutput>;
  readonly deleteTargetGroup: Call<elb.DeleteTargetGroupCommandInput, elb.DeleteTargetGroupCommandOutput>;
  readonly describeTargetHealth: Call<elb.DescribeTargetHealthCommandInput, elb.DescribeTargetHealthCommandOutput>;
  readonly describeTags: Call<elb.DescribeTagsCommandInput, elb.DescribeTagsCommandOutput>;
}

export const ELBV2_SEAM: SeamSpec<Elbv2Api> = {
  service: 'elasticloadbalancing',
  clientName: 'ElasticLoadBalancingV2Client',
  load: () => import('@aws-sdk/client-elastic-load-balancing-v2'),
  operations: {
    CreateLoadBalancer: true,
    DescribeLoadBalancers: true,
    CreateListener: true,
    DescribeListeners: true,
    ModifyListener: true,
    CreateRule: true,
    DescribeRules: true,
    ModifyRule: true,
    DeleteRule: true,
    CreateTargetGroup: true,
    DescribeTargetGroups: true,
    DescribeTargetGroupAttributes: true,
    ModifyTargetGroupAttributes: true,
    DeleteTargetGroup: true,
    DescribeTargetHealth: true,
    DescribeTags: true,
  } satisfies OperationsOf<Elbv2Api>,
};
