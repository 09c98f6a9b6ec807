// The semantic checks of CreateService/UpdateService/RunTask inputs: launch type, network configuration, load balancers.
import type { NetworkDirectory, TargetRegistry } from '../../env.js';
import { clientError, invalidParameter } from './ecs-errors.js';
import type { DeployableConfig, Json, LoadBalancerRef, TaskDefinitionRecord } from './ecs-state.js';
import { checkStrategySettings, dropOtherStrategySettings, readAdvancedConfiguration } from './native-config.js';
import { checkCircuitBreaker } from './circuit-breaker.js';
import { checkEarlySuccess } from './early-success.js';

const SUBNET = /^subnet-[0-9a-zA-Z]+$/;
const SECURITY_GROUP = /^sg-[0-9a-zA-Z]+$/;
const MAX_LOAD_BALANCERS = 5;

export const DEFAULT_DEPLOYMENT_CONFIGURATION: Json = {
  deploymentCircuitBreaker: { enable: false, rollback: false },
  maximumPercent: 200,
  minimumHealthyPercent: 100,
  strategy: 'ROLLING',
};

/** Fills AWS's REPLICA defaults and checks the percentages and the strategy's settings. */
export function deploymentConfigurationOf(raw: Json | undefined, base: Json = DEFAULT_DEPLOYMENT_CONFIGURATION): Json {
  const merged: Json = dropOtherStrategySettings({ ...base, ...(raw ?? {}) }, raw);
  const min = merged.minimumHealthyPercent as number;
  const max = merged.maximumPercent as number;
  if (min < 0 || min > 100) throw invalidParameter(`minimumHealthyPercent must be between 0 and 100, got ${min}.`);
  if (max < 0) throw invalidParameter(`maximumPercent must not be negative, got ${max}.`);
  checkStrategySettings(merged);
  checkCircuitBreaker(merged);
  checkEarlySuccess(merged);
  return merged;
}

const isAwsvpc = (td: TaskDefinitionRecord): boolean => td.body.networkMode === 'awsvpc';

export function checkLaunchType(td: TaskDefinitionRecord, launchType: string): void {
  if (launchType === 'FARGATE' && !(td.body.compatibilities as string[] | undefined)?.includes('FARGATE')) {
    throw invalidParameter('Task definition does not support launch_type FARGATE.');
  }
}

/** Subnets and security groups must be well formed and known to EC2 (see NetworkDirectory for the default VPC's leniency). */
export function checkNetworkConfiguration(
  td: TaskDefinitionRecord,
  nc: Json | undefined,
  launchType: string,
  network?: NetworkDirectory,
): void {
  const vpc = nc?.awsvpcConfiguration as Json | undefined;
  if (isAwsvpc(td) && !vpc) throw invalidParameter("Network Configuration must be provided when networkMode 'awsvpc' is specified.");
  if (!isAwsvpc(td) && vpc) throw invalidParameter('Network Configuration is not valid for the given networkMode of this task definition.');
  if (!vpc) return;
  const subnets = (vpc.subnets as string[] | undefined) ?? [];
  if (subnets.length === 0) throw invalidParameter('subnets can not be empty.');
  if (subnets.length > 16) throw invalidParameter('At most 16 subnets can be specified.');
  for (const s of subnets) {
    if (!SUBNET.test(s))
      throw invalidParameter(
        `Error retrieving subnet information for [${s}]: The subnet ID '${s}' is malformed (ErrorCode: InvalidSubnetID.Malformed)`,
      );
  }
  const groups = (vpc.securityGroups as string[] | undefined) ?? [];
  if (groups.length > 5) throw invalidParameter('At most 5 security groups can be specified.');
  for (const g of groups) {
    if (!SECURITY_GROUP.test(g))
      throw invalidParameter(
        `Error retrieving security group information for [${g}]: The security group '${g}' is malformed (ErrorCode: InvalidGroupId.Malformed)`,
      );
  }
  if (network) checkKnownIds(network, subnets, groups);
  if (vpc.assignPublicIp === 'ENABLED' && launchType !== 'FARGATE')
    throw invalidParameter('Assign public IP is not supported for this launch type.');
}

/** ECS asks EC2 about the subnets and groups: an unknown one is EC2's NotFound inside ECS's InvalidParameterException. */
function checkKnownIds(network: NetworkDirectory, subnets: readonly string[], groups: readonly string[]): void {
  const s = network.subnets(subnets);
  if (s.missing.length > 0) {
    const id = s.missing[0]!;
    throw invalidParameter(
      `Error retrieving subnet information for [${s.missing.join(', ')}]: The subnet ID '${id}' does not exist (ErrorCode: InvalidSubnetID.NotFound)`,
    );
  }
  const vpcs = new Set(s.found.map((x) => x.vpcId));
  if (vpcs.size > 1) throw invalidParameter('Subnets must all belong to the same VPC.');
  const g = network.securityGroups(groups);
  if (g.missing.length > 0) {
    const id = g.missing[0]!;
    throw invalidParameter(
      `Error retrieving security group information for [${g.missing.join(', ')}]: The security group '${id}' does not exist (ErrorCode: InvalidGroup.NotFound)`,
    );
  }
  const vpc = [...vpcs][0];
  const foreign = g.found.find((x) => vpc !== undefined && x.vpcId !== vpc);
  if (foreign) throw invalidParameter(`Security group ${foreign.groupId} does not belong to the VPC of the subnets (${vpc}).`);
}

/** Each entry must name a target group that exists, and a container port of the task definition. */
export function checkLoadBalancers(
  td: TaskDefinitionRecord,
  raw: Json[] | undefined,
  targets: TargetRegistry | undefined,
): LoadBalancerRef[] {
  const lbs = raw ?? [];
  if (lbs.length > MAX_LOAD_BALANCERS) throw invalidParameter(`A service can have at most ${MAX_LOAD_BALANCERS} load balancers.`);
  const defs = (td.body.containerDefinitions as Json[] | undefined) ?? [];
  return lbs.map((lb) => {
    if (lb.loadBalancerName !== undefined)
      throw invalidParameter('cortado local does not emulate Classic Load Balancers; use targetGroupArn.');
    const tg = lb.targetGroupArn as string | undefined;
    const name = lb.containerName as string | undefined;
    const port = lb.containerPort as number | undefined;
    if (!tg) throw invalidParameter('targetGroupArn must be specified for each load balancer.');
    if (!name || port === undefined) throw invalidParameter('containerName and containerPort must be specified for each load balancer.');
    const def = defs.find((d) => d.name === name);
    if (!def) throw invalidParameter(`The container ${name} does not exist in the task definition.`);
    if (!((def.portMappings as Json[] | undefined) ?? []).some((p) => p.containerPort === port)) {
      throw invalidParameter(`The container ${name} did not have a container port ${port} defined.`);
    }
    if (!targets || !targets.targetGroupExists(tg)) {
      throw invalidParameter(`The target group with targetGroupArn ${tg} does not have an associated load balancer.`);
    }
    const advanced = readAdvancedConfiguration(lb.advancedConfiguration as Json | undefined, tg, targets);
    return { targetGroupArn: tg, containerName: name, containerPort: port, ...(advanced ? { advancedConfiguration: advanced } : {}) };
  });
}

/** Whether an update changes what runs, so a new deployment is needed (desiredCount alone resizes the PRIMARY). */
export const needsDeployment = (before: DeployableConfig, after: DeployableConfig): boolean =>
  JSON.stringify(before) !== JSON.stringify(after);

export function checkStartedBy(startedBy: unknown): void {
  if (startedBy === undefined) return;
  if (typeof startedBy !== 'string' || !/^[A-Za-z0-9/_-]{1,128}$/.test(startedBy)) {
    throw invalidParameter(
      'startedBy can be up to 128 letters (uppercase and lowercase), numbers, hyphens (-), forward slashes (/), and underscores (_).',
    );
  }
}

export function checkOverrides(td: TaskDefinitionRecord, overrides: Json | undefined): void {
  const names = new Set(((td.body.containerDefinitions as Json[] | undefined) ?? []).map((d) => d.name));
  for (const o of (overrides?.containerOverrides as Json[] | undefined) ?? []) {
    if (!names.has(o.name))
      throw invalidParameter(`Override for container named ${String(o.name)} is not a container in the TaskDefinition.`);
  }
  if (overrides?.cpu !== undefined && !/^\d+$/.test(String(overrides.cpu))) throw clientError("Invalid 'cpu' setting in task overrides.");
}
