// The demo's AWS resources, made through the SDK: an ALB whose rule forwards to a stable (and a canary) target group, and the ECS services.
import type * as ecs from '@aws-sdk/client-ecs';
import type { AwsClients } from '../aws/aws-clients.js';
import type { Elbv2Api } from '../aws/elbv2-api.js';
import type { Clock } from '../core/clock.js';
import { msg, type IoHost } from '../core/io-host.js';
import { waitStable } from './stack-reads.js';

export { listenerUrl } from './stack-reads.js';

export interface DemoStackOptions {
  readonly name: string;
  readonly image: string;
  readonly stableTasks: number;
  /** Extra container environment of the first revision. */
  readonly env?: Readonly<Record<string, string>>;
  /** Register the task definition with this family (default: the name). */
  readonly family?: string;
  /**
   * How long (real ms) to wait for the stable service's tasks to run (default 60 s). Task processes start in real time,
   * so a loaded machine needs longer; tests give it more.
   */
  readonly stableTimeoutMs?: number;
}

/** A stable service behind an ALB, without a canary: what a user has before `cortado canary setup`. */
export interface StableStack {
  readonly cluster: string;
  readonly stableService: string;
  readonly loadBalancerArn: string;
  readonly listenerArn: string;
  /** The rule forwarding `/*` to the stable target group alone. */
  readonly ruleArn: string;
  readonly stableTargetGroupArn: string;
  readonly taskDefinitionArn: string;
}

export interface DemoStack extends StableStack {
  readonly canaryService: string;
  readonly canaryTargetGroupArn: string;
}

const NETWORK = {
  awsvpcConfiguration: {
    subnets: ['subnet-0123456789abcdef0'],
    securityGroups: ['sg-0123456789abcdef0'],
    assignPublicIp: 'DISABLED' as const,
  },
};

type StackPiece = Pick<Elbv2Api, 'createTargetGroup' | 'modifyTargetGroupAttributes'>;

async function targetGroup(elb: StackPiece, name: string, vpcId: string | undefined, signal: AbortSignal): Promise<string> {
  const g = (
    await elb.createTargetGroup(
      {
        Name: name,
        Protocol: 'HTTP',
        Port: 8080,
        VpcId: vpcId,
        TargetType: 'ip',
        HealthCheckPath: '/health',
        HealthCheckIntervalSeconds: 5,
        HealthCheckTimeoutSeconds: 2,
        HealthyThresholdCount: 2,
        UnhealthyThresholdCount: 2,
      },
      signal,
    )
  ).TargetGroups![0]!;
  await elb.modifyTargetGroupAttributes(
    { TargetGroupArn: g.TargetGroupArn, Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '5' }] },
    signal,
  );
  return g.TargetGroupArn!;
}

const serviceInput = (
  cluster: string,
  td: string,
  name: string,
  targetGroupArn: string,
  desiredCount: number,
): ecs.CreateServiceCommandInput => ({
  cluster,
  serviceName: name,
  taskDefinition: td,
  desiredCount,
  launchType: 'FARGATE',
  networkConfiguration: NETWORK,
  loadBalancers: [{ targetGroupArn, containerName: 'app', containerPort: 8080 }],
  deploymentConfiguration: {
    minimumHealthyPercent: 100,
    maximumPercent: 200,
    deploymentCircuitBreaker: { enable: true, rollback: true },
  },
  propagateTags: 'SERVICE',
  healthCheckGracePeriodSeconds: 60,
});

/**
 * The cluster, an ALB whose listener's rule forwards `/*` to the stable target group, the task definition and the stable
 * service (`<name>-stable`, target group `<name>-stable`), waited for until its tasks run.
 */
export async function createStableStack(
  clients: AwsClients,
  o: DemoStackOptions,
  io: IoHost,
  clock: Clock,
  signal: AbortSignal,
): Promise<StableStack> {
  const [elb, ecsApi] = await Promise.all([clients.elbv2(), clients.ecs()]);
  const cluster = o.name;
  await ecsApi.createCluster({ clusterName: cluster }, signal);
  const lb = (
    await elb.createLoadBalancer(
      { Name: `${o.name}-alb`, Subnets: ['subnet-0123456789abcdef0', 'subnet-0fedcba9876543210'], Type: 'application' },
      signal,
    )
  ).LoadBalancers![0]!;
  const stableTg = await targetGroup(elb, `${o.name}-stable`, lb.VpcId, signal);
  const listener = (
    await elb.createListener(
      {
        LoadBalancerArn: lb.LoadBalancerArn,
        Protocol: 'HTTP',
        Port: 80,
        DefaultActions: [
          { Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404', ContentType: 'text/plain', MessageBody: 'no route' } },
        ],
      },
      signal,
    )
  ).Listeners![0]!;
  const rule = (
    await elb.createRule(
      {
        ListenerArn: listener.ListenerArn,
        Priority: 10,
        Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/*'] } }],
        Actions: [{ Type: 'forward', TargetGroupArn: stableTg }],
      },
      signal,
    )
  ).Rules![0]!;
  const td = (
    await ecsApi.registerTaskDefinition(
      {
        family: o.family ?? o.name,
        networkMode: 'awsvpc',
        requiresCompatibilities: ['FARGATE'],
        cpu: '256',
        memory: '512',
        containerDefinitions: [
          {
            name: 'app',
            image: o.image,
            essential: true,
            portMappings: [{ containerPort: 8080 }],
            environment: Object.entries(o.env ?? {}).map(([name, value]) => ({ name, value })),
          },
        ],
      },
      signal,
    )
  ).taskDefinition!.taskDefinitionArn!;
  const stableService = `${o.name}-stable`;
  await ecsApi.createService(serviceInput(cluster, td, stableService, stableTg, o.stableTasks), signal);
  await waitStable(ecsApi, cluster, stableService, clock, o.stableTimeoutMs ?? 60_000, signal);
  io.notify(
    msg(
      'info',
      'DEMO_STACK_CREATED',
      `ALB ${lb.LoadBalancerName}, rule /* → ${o.name}-stable, service ${stableService} (${o.stableTasks} tasks)`,
    ),
  );
  return {
    cluster,
    stableService,
    loadBalancerArn: lb.LoadBalancerArn!,
    listenerArn: listener.ListenerArn!,
    ruleArn: rule.RuleArn!,
    stableTargetGroupArn: stableTg,
    taskDefinitionArn: td,
  };
}

/** The stable stack plus the canary half by hand (what `cortado canary setup` makes): a canary target group at weight 0 and a canary service of 0 tasks. */
export async function createDemoStack(
  clients: AwsClients,
  o: DemoStackOptions,
  io: IoHost,
  clock: Clock,
  signal: AbortSignal,
): Promise<DemoStack> {
  const [elb, ecsApi] = await Promise.all([clients.elbv2(), clients.ecs()]);
  const vpc = async () => (await elb.describeTargetGroups({ Names: [`${o.name}-stable`] }, signal)).TargetGroups![0]!.VpcId;
  const stable = await createStableStack(clients, o, io, clock, signal);
  const canaryTg = await targetGroup(elb, `${o.name}-canary`, await vpc(), signal);
  await elb.modifyRule(
    {
      RuleArn: stable.ruleArn,
      Actions: [
        {
          Type: 'forward',
          ForwardConfig: {
            TargetGroups: [
              { TargetGroupArn: stable.stableTargetGroupArn, Weight: 100 },
              { TargetGroupArn: canaryTg, Weight: 0 },
            ],
          },
        },
      ],
    },
    signal,
  );
  const canaryService = `${o.name}-canary`;
  await ecsApi.createService(serviceInput(stable.cluster, stable.taskDefinitionArn, canaryService, canaryTg, 0), signal);
  io.notify(msg('info', 'DEMO_STACK_CREATED', `canary target group ${o.name}-canary at weight 0, service ${canaryService} (0 tasks)`));
  return { ...stable, canaryService, canaryTargetGroupArn: canaryTg };
}
