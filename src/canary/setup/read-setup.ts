// Reads what canary setup starts from and checks it (bad input throws before any write): the stable service, its target
// group, the route, and the canary target group and service if they already exist.
import type { Service } from '@aws-sdk/client-ecs';
import type { TargetGroup, TargetGroupAttribute } from '@aws-sdk/client-elastic-load-balancing-v2';
import { awsErrorCode } from '../../aws/aws-call.js';
import { tagMap, type TagMap } from '../../aws/resource-tags.js';
import { UsageError } from '../../core/errors.js';
import { findRoute, type Route } from './find-route.js';
import type { SetupAws } from './setup-aws.js';
import type { SetupRequest } from './setup-request.js';

export interface Existing<T> {
  readonly resource: T;
  readonly tags: TagMap;
}

export interface SetupFacts {
  readonly stable: Service;
  readonly stableTg: TargetGroup;
  readonly stableAttributes: readonly TargetGroupAttribute[];
  readonly route: Route;
  readonly canaryTgName: string;
  readonly canaryTg?: Existing<TargetGroup>;
  readonly canaryService?: Existing<Service>;
}

/** Target group names: at most 32 letters, digits and hyphens, no hyphen at either end. */
export function canaryGroupName(stableName: string): string {
  const base = stableName.slice(0, 32 - '-canary'.length).replace(/-+$/, '');
  return `${base}-canary`;
}

export async function activeService(
  aws: SetupAws,
  cluster: string,
  name: string,
  signal: AbortSignal,
): Promise<Existing<Service> | undefined> {
  const svc = (await aws.ecs.describeServices({ cluster, services: [name] }, signal)).services?.find((s) => s.status === 'ACTIVE');
  if (!svc) return undefined;
  const tags = (await aws.ecs.listTagsForResource({ resourceArn: svc.serviceArn! }, signal)).tags;
  return { resource: svc, tags: tagMap(tags) };
}

async function targetGroup(
  aws: SetupAws,
  q: { arn?: string; name?: string },
  signal: AbortSignal,
): Promise<Existing<TargetGroup> | undefined> {
  let group: TargetGroup | undefined;
  try {
    const out = await aws.elb.describeTargetGroups(q.arn ? { TargetGroupArns: [q.arn] } : { Names: [q.name!] }, signal);
    group = out.TargetGroups?.[0];
  } catch (e) {
    if (!/NotFound/.test(awsErrorCode(e) ?? '')) throw e;
  }
  if (!group) return undefined;
  const d = (await aws.elb.describeTags({ ResourceArns: [group.TargetGroupArn!] }, signal)).TagDescriptions?.[0];
  return { resource: group, tags: tagMap(d?.Tags) };
}

async function readStable(aws: SetupAws, req: SetupRequest, signal: AbortSignal): Promise<{ stable: Service; tgArn: string }> {
  const found = await activeService(aws, req.cluster, req.stableService, signal);
  if (!found)
    throw new UsageError(
      'CANARY_SERVICE_NOT_FOUND',
      `${req.file}: service ${req.stableService} was not found (ACTIVE) in cluster ${req.cluster}`,
      { file: req.file, field: 'service', hint: 'service: names the stable service, which must exist and run behind an ALB' },
    );
  const stable = found.resource;
  const groups = (stable.loadBalancers ?? []).map((lb) => lb.targetGroupArn).filter((a): a is string => !!a);
  if (groups.length === 0)
    throw new UsageError(
      'CANARY_NO_TARGET_GROUP',
      `service ${req.stableService} has no load balancer (its loadBalancers list no target group)`,
      'canary setup needs the stable service behind an ALB target group: attach one (loadBalancers in the service definition) and deploy it first',
    );
  if (req.stableTargetGroupArn) {
    if (!groups.includes(req.stableTargetGroupArn))
      throw new UsageError(
        'CANARY_CONFIG',
        `${req.file}: canary.stable_target_group ${req.stableTargetGroupArn} is not one of service ${req.stableService}'s target groups (${groups.join(', ')})`,
        { file: req.file, field: 'canary.stable_target_group' },
      );
    return { stable, tgArn: req.stableTargetGroupArn };
  }
  if (groups.length > 1)
    throw new UsageError(
      'CANARY_CONFIG',
      `service ${req.stableService} is attached to ${groups.length} target groups (${groups.join(', ')})`,
      {
        file: req.file,
        field: 'canary.stable_target_group',
        hint: 'set canary.stable_target_group to the one whose traffic the canary shares',
      },
    );
  return { stable, tgArn: groups[0]! };
}

export async function readSetup(aws: SetupAws, req: SetupRequest, signal: AbortSignal): Promise<SetupFacts> {
  const { stable, tgArn } = await readStable(aws, req, signal);
  const stableTg = (await targetGroup(aws, { arn: tgArn }, signal))?.resource;
  if (!stableTg)
    throw new UsageError(
      'CANARY_NO_TARGET_GROUP',
      `target group ${tgArn} of service ${req.stableService} does not exist`,
      'the stable service points at a deleted target group: fix its loadBalancers first',
    );
  const route = await findRoute(aws.elb, req, tgArn, stableTg.LoadBalancerArns ?? [], signal);
  const stableAttributes = (await aws.elb.describeTargetGroupAttributes({ TargetGroupArn: tgArn }, signal)).Attributes ?? [];
  const canaryTgName = canaryGroupName(stableTg.TargetGroupName ?? req.stableService);
  const canaryTg = await targetGroup(aws, req.canaryTargetGroupArn ? { arn: req.canaryTargetGroupArn } : { name: canaryTgName }, signal);
  if (req.canaryTargetGroupArn && !canaryTg)
    throw new UsageError('CANARY_CONFIG', `${req.file}: canary.canary_target_group ${req.canaryTargetGroupArn} does not exist`, {
      file: req.file,
      field: 'canary.canary_target_group',
      hint: 'remove the key and canary setup creates the canary target group',
    });
  if (canaryTg?.resource.TargetGroupArn === tgArn)
    throw new UsageError('CANARY_SAME_TARGET_GROUP', `the canary target group is the stable one (${tgArn})`, {
      file: req.file,
      field: 'canary.canary_target_group',
    });
  const canaryService = await activeService(aws, req.cluster, req.canaryService, signal);
  return {
    stable,
    stableTg,
    stableAttributes,
    route,
    canaryTgName,
    ...(canaryTg ? { canaryTg } : {}),
    ...(canaryService ? { canaryService } : {}),
  };
}
