// Pure: what canary setup has to create or change, from what it read (nothing that already exists is created twice).
import type { CreateServiceCommandInput, Service } from '@aws-sdk/client-ecs';
import type { Action, CreateTargetGroupCommandInput, TargetGroup, TargetGroupAttribute } from '@aws-sdk/client-elastic-load-balancing-v2';
import { ecsTags, elbTags } from '../../aws/resource-tags.js';
import { UsageError } from '../../core/errors.js';
import { groupsOf, withWeights } from '../routers/forward-weights.js';
import { routeName, type Route } from './find-route.js';
import type { SetupFacts } from './read-setup.js';
import type { SetupRequest } from './setup-request.js';
import { madeBySetup, setupIdentity, setupTags, TAG_ROUTE } from './setup-tags.js';

export type SetupChange =
  | {
      readonly kind: 'create-target-group';
      readonly text: string;
      readonly input: CreateTargetGroupCommandInput;
      readonly attributes: readonly TargetGroupAttribute[];
    }
  | { readonly kind: 'create-service'; readonly text: string; readonly input: (canaryTg: string) => CreateServiceCommandInput }
  | { readonly kind: 'route'; readonly text: string; readonly route: Route; readonly actions: (canaryTg: string) => Action[] };

export interface SetupPlan {
  readonly changes: readonly SetupChange[];
  /** What already exists and is kept as it is. */
  readonly kept: readonly string[];
  /** The canary target group, when it exists already. */
  readonly canaryTgArn?: string;
}

const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/** The stable group's protocol, port, VPC and health check, under a new name. */
export function targetGroupInput(stable: TargetGroup, name: string): CreateTargetGroupCommandInput {
  return defined({
    Name: name,
    Protocol: stable.Protocol,
    ProtocolVersion: stable.ProtocolVersion,
    Port: stable.Port,
    VpcId: stable.VpcId,
    TargetType: stable.TargetType,
    IpAddressType: stable.IpAddressType,
    HealthCheckEnabled: stable.HealthCheckEnabled,
    HealthCheckProtocol: stable.HealthCheckProtocol,
    HealthCheckPort: stable.HealthCheckPort,
    HealthCheckPath: stable.HealthCheckPath,
    HealthCheckIntervalSeconds: stable.HealthCheckIntervalSeconds,
    HealthCheckTimeoutSeconds: stable.HealthCheckTimeoutSeconds,
    HealthyThresholdCount: stable.HealthyThresholdCount,
    UnhealthyThresholdCount: stable.UnhealthyThresholdCount,
    Matcher: stable.Matcher,
  });
}

/** The stable service's task definition, network, capacity and load balancer settings, at 0 tasks, on the canary group. */
export function serviceInput(stable: Service, stableTg: string, name: string, canaryTg: string): CreateServiceCommandInput {
  const capacity = stable.capacityProviderStrategy?.length
    ? { capacityProviderStrategy: stable.capacityProviderStrategy }
    : stable.launchType
      ? { launchType: stable.launchType }
      : {};
  const dc = stable.deploymentConfiguration;
  return defined({
    cluster: stable.clusterArn,
    serviceName: name,
    taskDefinition: stable.taskDefinition,
    desiredCount: 0,
    ...capacity,
    platformVersion: stable.launchType === 'FARGATE' || stable.capacityProviderStrategy?.length ? stable.platformVersion : undefined,
    networkConfiguration: stable.networkConfiguration,
    loadBalancers: (stable.loadBalancers ?? [])
      .filter((lb) => lb.targetGroupArn === stableTg)
      .map((lb) => defined({ targetGroupArn: canaryTg, containerName: lb.containerName, containerPort: lb.containerPort })),
    healthCheckGracePeriodSeconds: stable.healthCheckGracePeriodSeconds,
    deploymentConfiguration: dc
      ? defined({
          minimumHealthyPercent: dc.minimumHealthyPercent,
          maximumPercent: dc.maximumPercent,
          deploymentCircuitBreaker: dc.deploymentCircuitBreaker,
        })
      : undefined,
    placementConstraints: stable.placementConstraints?.length ? stable.placementConstraints : undefined,
    placementStrategy: stable.placementStrategy?.length ? stable.placementStrategy : undefined,
    enableExecuteCommand: stable.enableExecuteCommand,
    enableECSManagedTags: stable.enableECSManagedTags,
    propagateTags: stable.propagateTags && stable.propagateTags !== 'NONE' ? stable.propagateTags : undefined,
  });
}

const tgArnOf = (facts: SetupFacts): string => facts.stableTg.TargetGroupArn!;

export function planSetup(req: SetupRequest, facts: SetupFacts): SetupPlan {
  const identity = setupIdentity(req.cluster, req.stableService);
  const stableTg = tgArnOf(facts);
  const changes: SetupChange[] = [];
  const kept: string[] = [];
  const existingTg = facts.canaryTg;
  if (existingTg && !req.canaryTargetGroupArn && !madeBySetup(existingTg.tags, identity))
    throw new UsageError(
      'CANARY_SETUP_NAME_TAKEN',
      `target group ${facts.canaryTgName} exists (${existingTg.resource.TargetGroupArn}) and canary setup did not create it for ${identity}`,
      {
        file: req.file,
        field: 'canary.canary_target_group',
        hint: 'to use it as the canary target group, set canary.canary_target_group to its ARN',
      },
    );
  const canaryTgArn = existingTg?.resource.TargetGroupArn;
  const forwards = facts.route.actions.filter((a) => a.Type === 'forward').flatMap((a) => groupsOf(a).map((g) => g.arn));
  const routeChange = !canaryTgArn || !forwards.includes(canaryTgArn);
  if (existingTg) kept.push(`target group ${existingTg.resource.TargetGroupName} (${canaryTgArn})`);
  else {
    const input = targetGroupInput(facts.stableTg, facts.canaryTgName);
    const tags = setupTags(identity, routeChange ? { [TAG_ROUTE]: facts.route.arn } : {});
    changes.push({
      kind: 'create-target-group',
      text: `create target group ${facts.canaryTgName}: ${input.Protocol}:${input.Port} in ${input.VpcId}, health check ${input.HealthCheckPath ?? '/'} every ${input.HealthCheckIntervalSeconds ?? 30} s, ${facts.stableAttributes.length} attributes copied from ${facts.stableTg.TargetGroupName}`,
      input: { ...input, Tags: elbTags(tags) },
      attributes: facts.stableAttributes,
    });
  }
  const svc = facts.canaryService;
  if (svc) {
    const groups = (svc.resource.loadBalancers ?? []).map((lb) => lb.targetGroupArn);
    if (canaryTgArn ? !groups.includes(canaryTgArn) : true)
      throw new UsageError(
        'CANARY_SETUP_NAME_TAKEN',
        `service ${req.canaryService} exists and is attached to ${groups.filter(Boolean).join(', ') || 'no target group'}, not to the canary target group ${canaryTgArn ?? facts.canaryTgName}`,
        { file: req.file, field: 'canary.service', hint: 'name another canary service in canary.service, or delete that one' },
      );
    kept.push(`service ${req.canaryService} (${svc.resource.desiredCount ?? 0} tasks)`);
  } else {
    const capacity = facts.stable.capacityProviderStrategy?.length
      ? `capacity providers ${facts.stable.capacityProviderStrategy.map((c) => c.capacityProvider).join(', ')}`
      : (facts.stable.launchType ?? 'default capacity');
    changes.push({
      kind: 'create-service',
      text: `create service ${req.canaryService}: task definition ${facts.stable.taskDefinition?.split('/').pop()}, ${capacity}, the stable service's network, 0 tasks, on the canary target group`,
      input: (tg) => ({ ...serviceInput(facts.stable, stableTg, req.canaryService, tg), tags: ecsTags(setupTags(identity)) }),
    });
  }
  if (routeChange)
    changes.push({
      kind: 'route',
      text: `add the canary target group to ${routeName(facts.route)}: stable 100, canary 0`,
      route: facts.route,
      actions: (tg) =>
        withWeights(facts.route.actions, { stable: stableTg, canary: tg }, { stable: 100, canary: 0 }, routeName(facts.route)),
    });
  else kept.push(`${routeName(facts.route)} forwards to both target groups`);
  return { changes, kept, ...(canaryTgArn ? { canaryTgArn } : {}) };
}
