// One create/reset cycle's worth of state: an ECS task (a real process), an ALB listener (a real port), logs, a parameter.
import { ECSClient, CreateClusterCommand, RegisterTaskDefinitionCommand, RunTaskCommand } from '@aws-sdk/client-ecs';
import {
  ElasticLoadBalancingV2Client,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  CreateListenerCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { CloudWatchLogsClient, CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { SSMClient, PutParameterCommand } from '@aws-sdk/client-ssm';
import { sdkConfig } from '../../helpers/sandbox.js';

export interface CycleClients {
  readonly ecs: ECSClient;
  readonly elb: ElasticLoadBalancingV2Client;
  readonly logs: CloudWatchLogsClient;
  readonly ssm: SSMClient;
  destroy(): void;
}

export function cycleClients(endpoint: string): CycleClients {
  const config = sdkConfig({ endpoint, region: 'us-east-1' }, { maxAttempts: 1 });
  const ecs = new ECSClient(config);
  const elb = new ElasticLoadBalancingV2Client(config);
  const logs = new CloudWatchLogsClient(config);
  const ssm = new SSMClient(config);
  return {
    ecs,
    elb,
    logs,
    ssm,
    destroy: () => {
      for (const c of [ecs, elb, logs, ssm]) c.destroy();
    },
  };
}

/** Creates the same names every cycle: after a reset, creating them again must not find the old ones. */
export async function createState(c: CycleClients, withTask: boolean): Promise<void> {
  await c.ecs.send(new CreateClusterCommand({ clusterName: 'cycle' }));
  const td = await c.ecs.send(
    new RegisterTaskDefinitionCommand({
      family: 'cycle',
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
      containerDefinitions: [{ name: 'app', image: 'cortado/demo-app:v1', essential: true, portMappings: [{ containerPort: 8080 }] }],
    }),
  );
  if (td.taskDefinition?.revision !== 1) throw new Error(`task definition revision ${td.taskDefinition?.revision} after a reset, want 1`);
  if (withTask) {
    await c.ecs.send(
      new RunTaskCommand({
        cluster: 'cycle',
        taskDefinition: 'cycle',
        launchType: 'FARGATE',
        count: 1,
        networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-0123456789abcdef0'], securityGroups: ['sg-0123456789abcdef0'] } },
      }),
    );
  }
  const lb = await c.elb.send(new CreateLoadBalancerCommand({ Name: 'cycle', Subnets: ['subnet-a', 'subnet-b'] }));
  const tg = await c.elb.send(
    new CreateTargetGroupCommand({ Name: 'cycle', Protocol: 'HTTP', Port: 8080, VpcId: 'vpc-1', TargetType: 'ip' }),
  );
  await c.elb.send(
    new CreateListenerCommand({
      LoadBalancerArn: lb.LoadBalancers![0]!.LoadBalancerArn!,
      Protocol: 'HTTP',
      Port: 80,
      DefaultActions: [{ Type: 'forward', TargetGroupArn: tg.TargetGroups![0]!.TargetGroupArn! }],
    }),
  );
  await c.logs.send(new CreateLogGroupCommand({ logGroupName: '/cycle' }));
  await c.ssm.send(new PutParameterCommand({ Name: '/cycle/p', Value: 'v', Type: 'String' }));
}
