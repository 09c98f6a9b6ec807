// ELBv2 asks EC2 about the subnets, security groups and VPCs it is given (an unknown one is AWS's error).
import { AwsError } from '../../aws-error.js';
import type { NetworkDirectory } from '../../env.js';
import { invalidConfig, validation } from './elbv2-errors.js';
import { stableDefaultId } from './elbv2-arns.js';
import type { Elbv2Context } from './elbv2-context.js';

export interface LoadBalancerNetwork {
  readonly vpcId: string;
  readonly zones: readonly string[];
  readonly securityGroups: readonly string[];
}

/** Without EC2 in the set (tests that build ELBv2 alone), the stable ids EC2's default VPC has. */
const fallback = (ctx: Elbv2Context, subnets: readonly string[], groups: readonly string[]): LoadBalancerNetwork => ({
  vpcId: stableDefaultId('vpc', ctx.scope),
  zones: subnets.map((_, i) => `${ctx.scope.region}${'abc'[i % 3]}`),
  securityGroups: groups.length > 0 ? groups : [stableDefaultId('sg', ctx.scope)],
});

export function loadBalancerNetwork(ctx: Elbv2Context, subnets: readonly string[], groups: readonly string[]): LoadBalancerNetwork {
  const network: NetworkDirectory | undefined = ctx.env.seams.network;
  if (!network) return fallback(ctx, subnets, groups);
  const s = network.subnets(subnets);
  if (s.missing.length > 0) throw new AwsError('SubnetNotFound', `The subnet ID '${s.missing[0]}' does not exist`);
  const vpcs = new Set(s.found.map((x) => x.vpcId));
  if (vpcs.size > 1) throw invalidConfig('The subnets must all belong to the same VPC');
  const zones = s.found.map((x) => x.availabilityZone);
  if (new Set(zones).size < zones.length)
    throw invalidConfig('A load balancer cannot be attached to multiple subnets in the same Availability Zone');
  const vpcId = [...vpcs][0]!;
  const g = network.securityGroups(groups);
  if (g.missing.length > 0 || g.found.some((x) => x.vpcId !== vpcId))
    throw new AwsError('InvalidSecurityGroup', `One or more security groups are invalid`);
  const fallbackGroup = network.defaultSecurityGroupId(vpcId);
  return { vpcId, zones, securityGroups: groups.length > 0 ? groups : fallbackGroup ? [fallbackGroup] : [] };
}

/** A target group's VPC must exist. */
export function checkTargetGroupVpc(ctx: Elbv2Context, vpcId: string | undefined): void {
  if (vpcId === undefined) return;
  const network = ctx.env.seams.network;
  if (network && !network.vpcExists(vpcId)) throw validation(`The VPC ID '${vpcId}' is not found`);
}
