// A sandbox stack for target tracking scenarios: an ALB forwarding to one target group, an ECS service of demo tasks behind
// it, registered as a scalable target; with helpers that read the service and the scaling activities.
import {
  ApplicationAutoScalingClient,
  DescribeScalingActivitiesCommand,
  RegisterScalableTargetCommand,
  type ScalingActivity,
} from '@aws-sdk/client-application-auto-scaling';
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeServicesCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
} from '@aws-sdk/client-ecs';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { Sandbox } from '../../../src/local/index.js';
import { eventually, sdkConfig } from '../../helpers/sandbox.js';

export const scalable = (name = 'tt') => ({
  ServiceNamespace: 'ecs' as const,
  ResourceId: `service/${name}/web`,
  ScalableDimension: 'ecs:service:DesiredCount' as const,
});
export const SCALABLE = scalable();

export interface ScenarioStack {
  readonly aas: ApplicationAutoScalingClient;
  readonly ecs: ECSClient;
  readonly elb: ElasticLoadBalancingV2Client;
  readonly url: string;
  readonly targetGroupArn: string;
  /** app/<lb>/<id>/targetgroup/<tg>/<id>, for ALBRequestCountPerTarget. */
  readonly resourceLabel: string;
  desired(): Promise<{ desired: number; running: number }>;
  activities(): Promise<ScalingActivity[]>;
  healthyTargets(): Promise<number>;
}

export async function createScenarioStack(
  sandbox: Sandbox,
  o: {
    readonly tasks: number;
    readonly min: number;
    readonly max: number;
    readonly monitoring?: boolean;
    readonly name?: string;
    readonly port?: number;
  },
): Promise<ScenarioStack> {
  const name = o.name ?? 'tt';
  const config = sdkConfig(sandbox, { maxAttempts: 1 });
  const ecs = new ECSClient(config);
  const elb = new ElasticLoadBalancingV2Client(config);
  const aas = new ApplicationAutoScalingClient(config);
  await ecs.send(new CreateClusterCommand({ clusterName: name }));
  const lb = (
    await elb.send(
      new CreateLoadBalancerCommand({ Name: `${name}-alb`, Subnets: ['subnet-0123456789abcdef0', 'subnet-0fedcba9876543210'] }),
    )
  ).LoadBalancers![0]!;
  const tg = (
    await elb.send(
      new CreateTargetGroupCommand({
        Name: `${name}-web`,
        Protocol: 'HTTP',
        Port: 8080,
        VpcId: lb.VpcId,
        TargetType: 'ip',
        HealthCheckPath: '/health',
        HealthCheckIntervalSeconds: 5,
        HealthCheckTimeoutSeconds: 2,
        HealthyThresholdCount: 2,
      }),
    )
  ).TargetGroups![0]!;
  const listener = (
    await elb.send(
      new CreateListenerCommand({
        LoadBalancerArn: lb.LoadBalancerArn,
        Protocol: 'HTTP',
        Port: o.port ?? 80,
        DefaultActions: [{ Type: 'forward', TargetGroupArn: tg.TargetGroupArn }],
      }),
    )
  ).Listeners![0]!;
  const td = await ecs.send(
    new RegisterTaskDefinitionCommand({
      family: `${name}-web`,
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
      containerDefinitions: [
        {
          name: 'app',
          image: 'cortado/demo-app:v1',
          essential: true,
          portMappings: [{ containerPort: 8080 }],
          environment: [
            { name: 'LATENCY_MS', value: '20' },
            { name: 'ACCESS_LOG', value: 'off' },
          ],
        },
      ],
    }),
  );
  await ecs.send(
    new CreateServiceCommand({
      cluster: name,
      serviceName: 'web',
      taskDefinition: td.taskDefinition!.taskDefinitionArn,
      desiredCount: o.tasks,
      launchType: 'FARGATE',
      networkConfiguration: {
        awsvpcConfiguration: {
          subnets: ['subnet-0123456789abcdef0'],
          securityGroups: ['sg-0123456789abcdef0'],
          assignPublicIp: 'DISABLED',
        },
      },
      loadBalancers: [{ targetGroupArn: tg.TargetGroupArn, containerName: 'app', containerPort: 8080 }],
      // Ten simulated minutes: at high speeds a Node process takes longer than ECS's default grace to answer its first check.
      healthCheckGracePeriodSeconds: 600,
      ...(o.monitoring ? { monitoring: { metricConfigurations: [{ metricNames: ['CPUUtilization'], resolutionSeconds: 20 }] } } : {}),
    }),
  );
  await aas.send(new RegisterScalableTargetCommand({ ...scalable(name), MinCapacity: o.min, MaxCapacity: o.max }));
  const map = (await (await fetch(`${sandbox.endpoint}/_cortado/elbv2/listeners`)).json()) as {
    listeners: Array<{ listenerArn: string; url: string }>;
  };
  const url = map.listeners.find((l) => l.listenerArn === listener.ListenerArn)!.url;
  const suffix = (arn: string, marker: string) => arn.slice(arn.indexOf(marker));
  const stack: ScenarioStack = {
    aas,
    ecs,
    elb,
    url,
    targetGroupArn: tg.TargetGroupArn!,
    resourceLabel: `${suffix(lb.LoadBalancerArn!, 'app/')}/${suffix(tg.TargetGroupArn!, 'targetgroup/')}`,
    async desired() {
      const s = (await ecs.send(new DescribeServicesCommand({ cluster: name, services: ['web'] }))).services![0]!;
      return { desired: s.desiredCount!, running: s.runningCount! };
    },
    async activities() {
      return (
        (await aas.send(new DescribeScalingActivitiesCommand({ ServiceNamespace: 'ecs', ResourceId: scalable(name).ResourceId })))
          .ScalingActivities ?? []
      );
    },
    async healthyTargets() {
      const h = await elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: tg.TargetGroupArn }));
      return (h.TargetHealthDescriptions ?? []).filter((d) => d.TargetHealth?.State === 'healthy').length;
    },
  };
  await eventually(async () => ((await stack.healthyTargets()) === o.tasks ? true : undefined), 60_000, 200, `${o.tasks} healthy targets`);
  return stack;
}

export const closeClients = (s: ScenarioStack | undefined): void => {
  s?.aas.destroy();
  s?.ecs.destroy();
  s?.elb.destroy();
};
