// Express Mode services, effects part: the load balancer, target group, listener rule, security group, log group and scaling
// ECS creates for an Express service, made through the sandbox's own ELBv2, EC2, Logs and Application Auto Scaling APIs.
import { AwsError } from '../../aws-error.js';
import type { ServiceCaller } from '../../env.js';
import { hexId } from '../../ids.js';
import type { Json } from './ecs-state.js';
import { type ExpressSettings, PREDEFINED_METRIC } from './express-config.js';

/** What ECS made for one Express service (deleted with it). */
export interface ExpressResources {
  readonly loadBalancerArn: string;
  readonly loadBalancerDns: string;
  readonly targetGroupArn: string;
  readonly listenerArn: string;
  readonly ruleArn: string;
  readonly securityGroupId: string;
  readonly logGroup: string;
  readonly resourceId: string;
  readonly policyName: string;
}

type Call = (service: string, operation: string, input: Json) => Promise<Json>;

/** Calls through the sandbox's service caller, looked up at call time (it is set once every service is built). */
export const callerOf =
  (callerNow: () => ServiceCaller | undefined): Call =>
  async (service, operation, input) => {
    const caller = callerNow();
    if (!caller) throw new AwsError('ServerException', 'cortado local has no service to provision Express resources with', 500);
    return (await caller.call(service, operation, input)) as Json;
  };

/** The default VPC's default subnets and the VPC id (tasks and the load balancer go there unless told otherwise). */
export async function defaultNetwork(call: Call): Promise<{ vpcId: string; subnets: string[] }> {
  const out = await call('ec2', 'DescribeSubnets', { Filters: [{ Name: 'default-for-az', Values: ['true'] }] });
  const subnets = ((out.Subnets as Json[] | undefined) ?? []).map((s) => ({ id: String(s.SubnetId), vpcId: String(s.VpcId) }));
  return { vpcId: subnets[0]?.vpcId ?? '', subnets: subnets.map((s) => s.id) };
}

const ignore = (code: string) => (e: unknown) => {
  if (!(e instanceof AwsError) || e.code !== code) throw e;
};

/** Creates the pieces in the order ECS's infrastructure role would; the listener serves HTTP on port 80 (see spec.md). */
export async function provision(
  call: Call,
  o: { cluster: string; service: string; settings: ExpressSettings; vpcId: string; logGroup: string; lbSubnets: readonly string[] },
): Promise<ExpressResources> {
  const id = hexId(5);
  await call('logs', 'CreateLogGroup', { logGroupName: o.logGroup }).catch(ignore('ResourceAlreadyExistsException'));
  const sg = await call('ec2', 'CreateSecurityGroup', {
    GroupName: `ecs-express-${o.service}-${id}`,
    Description: `Express service ${o.cluster}/${o.service}`,
    VpcId: o.vpcId,
  });
  const lb = (
    (
      await call('elbv2', 'CreateLoadBalancer', {
        Name: `ecs-express-${id}`,
        Subnets: [...o.lbSubnets],
        SecurityGroups: [sg.GroupId],
        Scheme: 'internet-facing',
        Type: 'application',
      })
    ).LoadBalancers as Json[]
  )[0]!;
  const tg = (
    (
      await call('elbv2', 'CreateTargetGroup', {
        Name: `ecs-express-tg-${id}`,
        Protocol: 'HTTP',
        Port: o.settings.primaryContainer?.containerPort ?? 80,
        VpcId: o.vpcId,
        TargetType: 'ip',
        HealthCheckPath: o.settings.healthCheckPath,
      })
    ).TargetGroups as Json[]
  )[0]!;
  const listener = (
    (
      await call('elbv2', 'CreateListener', {
        LoadBalancerArn: lb.LoadBalancerArn,
        Protocol: 'HTTP',
        Port: 80,
        DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404', ContentType: 'text/plain' } }],
      })
    ).Listeners as Json[]
  )[0]!;
  const rule = (
    (
      await call('elbv2', 'CreateRule', {
        ListenerArn: listener.ListenerArn,
        Priority: 1,
        Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/*'] } }],
        Actions: [{ Type: 'forward', TargetGroupArn: tg.TargetGroupArn }],
      })
    ).Rules as Json[]
  )[0]!;
  return {
    loadBalancerArn: String(lb.LoadBalancerArn),
    loadBalancerDns: String(lb.DNSName),
    targetGroupArn: String(tg.TargetGroupArn),
    listenerArn: String(listener.ListenerArn),
    ruleArn: String(rule.RuleArn),
    securityGroupId: String(sg.GroupId),
    logGroup: o.logGroup,
    resourceId: `service/${o.cluster}/${o.service}`,
    policyName: `ecs-express-${o.service}-target-tracking`,
  };
}

/** The scalable target and its target tracking policy, as the configuration's scalingTarget says. */
export async function applyScaling(call: Call, r: ExpressResources, s: ExpressSettings): Promise<void> {
  const st = s.scalingTarget;
  const target = { ServiceNamespace: 'ecs', ResourceId: r.resourceId, ScalableDimension: 'ecs:service:DesiredCount' };
  await call('application-autoscaling', 'RegisterScalableTarget', {
    ...target,
    MinCapacity: st.minTaskCount,
    MaxCapacity: st.maxTaskCount,
  });
  const metric = String(st.autoScalingMetric);
  const label =
    metric === 'REQUEST_COUNT_PER_TARGET'
      ? { ResourceLabel: `${r.loadBalancerArn.split(':loadbalancer/')[1]}/${r.targetGroupArn.split(':')[5]}` }
      : {};
  await call('application-autoscaling', 'PutScalingPolicy', {
    ...target,
    PolicyName: r.policyName,
    PolicyType: 'TargetTrackingScaling',
    TargetTrackingScalingPolicyConfiguration: {
      TargetValue: st.autoScalingTargetValue,
      PredefinedMetricSpecification: { PredefinedMetricType: PREDEFINED_METRIC[metric] ?? metric, ...label },
    },
  });
}

/** A changed health check path goes to the target group. */
export async function applyHealthCheck(call: Call, r: ExpressResources, path: string): Promise<void> {
  await call('elbv2', 'ModifyTargetGroup', { TargetGroupArn: r.targetGroupArn, HealthCheckPath: path });
}

/** The load balancer (with its listener and rule) and the scaling go at once; the target group and security group once the tasks are gone. */
export async function releaseFront(call: Call, r: ExpressResources): Promise<void> {
  const target = { ServiceNamespace: 'ecs', ResourceId: r.resourceId, ScalableDimension: 'ecs:service:DesiredCount' };
  await call('application-autoscaling', 'DeleteScalingPolicy', { ...target, PolicyName: r.policyName }).catch(
    ignore('ObjectNotFoundException'),
  );
  await call('application-autoscaling', 'DeregisterScalableTarget', target).catch(ignore('ObjectNotFoundException'));
  await call('elbv2', 'DeleteLoadBalancer', { LoadBalancerArn: r.loadBalancerArn });
}

export async function releaseBack(call: Call, r: ExpressResources): Promise<void> {
  await call('elbv2', 'DeleteTargetGroup', { TargetGroupArn: r.targetGroupArn });
  await call('ec2', 'DeleteSecurityGroup', { GroupId: r.securityGroupId }).catch(ignore('InvalidGroup.NotFound'));
}
