// The AWS calls a release makes: the deploy engine's ECS seam plus the few calls it lacks (tags, hooks, rules, metrics).
import type * as cw from '@aws-sdk/client-cloudwatch';
import type * as ecs from '@aws-sdk/client-ecs';
import type * as elb from '@aws-sdk/client-elastic-load-balancing-v2';
import { awsCall } from '../../aws/aws-call.js';
import type { ClientConfig } from '../../aws/client-config.js';
import { createEcsApi, type EcsApi } from '../../aws/ecs-api.js';

type Call<I, O> = (input: I, signal?: AbortSignal) => Promise<O>;

/** ECS: the deploy seam, and what only a canary needs. */
export interface CanaryEcs extends Pick<EcsApi, 'describeServices' | 'updateService' | 'registerTaskDefinition' | 'describeTaskDefinition' | 'listTasks' | 'describeTasks' | 'tagResource' | 'untagResource' | 'listServiceDeployments' | 'describeServiceDeployments' | 'stopServiceDeployment'> {
  readonly listTagsForResource: Call<ecs.ListTagsForResourceCommandInput, ecs.ListTagsForResourceCommandOutput>;
  readonly continueServiceDeployment: Call<ecs.ContinueServiceDeploymentCommandInput, ecs.ContinueServiceDeploymentCommandOutput>;
  readonly describeServiceRevisions: Call<ecs.DescribeServiceRevisionsCommandInput, ecs.DescribeServiceRevisionsCommandOutput>;
}

export interface CanaryElb {
  readonly describeRules: Call<elb.DescribeRulesCommandInput, elb.DescribeRulesCommandOutput>;
  readonly describeListeners: Call<elb.DescribeListenersCommandInput, elb.DescribeListenersCommandOutput>;
  readonly modifyRule: Call<elb.ModifyRuleCommandInput, elb.ModifyRuleCommandOutput>;
  readonly modifyListener: Call<elb.ModifyListenerCommandInput, elb.ModifyListenerCommandOutput>;
  readonly describeTargetGroups: Call<elb.DescribeTargetGroupsCommandInput, elb.DescribeTargetGroupsCommandOutput>;
  readonly describeTargetHealth: Call<elb.DescribeTargetHealthCommandInput, elb.DescribeTargetHealthCommandOutput>;
}

export interface CanaryCloudWatch {
  readonly getMetricData: Call<cw.GetMetricDataCommandInput, cw.GetMetricDataCommandOutput>;
}

export interface CanaryAws {
  readonly ecs: CanaryEcs;
  readonly elb: CanaryElb;
  readonly cloudwatch: CanaryCloudWatch;
  /** Closes the HTTP agents of the clients built here. */
  destroy(): void;
}

/** Built from src/aws's one client configuration (region, endpoint, credentials, retries). */
export async function createCanaryAws(config: ClientConfig): Promise<CanaryAws> {
  const [ecsSdk, elbSdk, cwSdk, base] = await Promise.all([
    import('@aws-sdk/client-ecs'), import('@aws-sdk/client-elastic-load-balancing-v2'), import('@aws-sdk/client-cloudwatch'), createEcsApi(config),
  ]);
  const ecsClient = new ecsSdk.ECSClient(config);
  const elbClient = new elbSdk.ElasticLoadBalancingV2Client(config);
  const cwClient = new cwSdk.CloudWatchClient(config);
  const opt = (signal?: AbortSignal) => (signal ? { abortSignal: signal } : {});
  return {
    ecs: {
      ...base,
      listTagsForResource: (i, s) => awsCall('ListTagsForResource', () => ecsClient.send(new ecsSdk.ListTagsForResourceCommand(i), opt(s))),
      continueServiceDeployment: (i, s) => awsCall('ContinueServiceDeployment', () => ecsClient.send(new ecsSdk.ContinueServiceDeploymentCommand(i), opt(s))),
      describeServiceRevisions: (i, s) => awsCall('DescribeServiceRevisions', () => ecsClient.send(new ecsSdk.DescribeServiceRevisionsCommand(i), opt(s))),
    },
    elb: {
      describeRules: (i, s) => awsCall('DescribeRules', () => elbClient.send(new elbSdk.DescribeRulesCommand(i), opt(s))),
      describeListeners: (i, s) => awsCall('DescribeListeners', () => elbClient.send(new elbSdk.DescribeListenersCommand(i), opt(s))),
      modifyRule: (i, s) => awsCall('ModifyRule', () => elbClient.send(new elbSdk.ModifyRuleCommand(i), opt(s))),
      modifyListener: (i, s) => awsCall('ModifyListener', () => elbClient.send(new elbSdk.ModifyListenerCommand(i), opt(s))),
      describeTargetGroups: (i, s) => awsCall('DescribeTargetGroups', () => elbClient.send(new elbSdk.DescribeTargetGroupsCommand(i), opt(s))),
      describeTargetHealth: (i, s) => awsCall('DescribeTargetHealth', () => elbClient.send(new elbSdk.DescribeTargetHealthCommand(i), opt(s))),
    },
    cloudwatch: {
      getMetricData: (i, s) => awsCall('GetMetricData', () => cwClient.send(new cwSdk.GetMetricDataCommand(i), opt(s))),
    },
    destroy() { ecsClient.destroy(); elbClient.destroy(); cwClient.destroy(); },
  };
}
