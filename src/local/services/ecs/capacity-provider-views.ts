// Capacity provider records as AWS reports them: ARNs, the Auto Scaling group settings with their defaults, and views.
import type { AwsError } from '../../aws-error.js';
import { arn } from '../../ids.js';
import type { EcsContext } from './ecs-context.js';
import { clientError, invalidParameter } from './ecs-errors.js';
import { arnResource } from './ecs-names.js';
import type { CapacityProviderRecord, Json } from './ecs-state.js';
import { tagsView } from './ecs-tags.js';

export const providerArn = (ctx: EcsContext, name: string): string =>
  arn('ecs', ctx.scope.region, ctx.scope.accountId, `capacity-provider/${name}`);

/** A provider reference (name or ARN) → name. */
export const providerNameOf = (ref: string): string => {
  const res = arnResource(ref);
  return res?.startsWith('capacity-provider/') ? res.slice('capacity-provider/'.length) : ref;
};

export const notFound = (): AwsError =>
  clientError('The specified capacity provider does not exist. Specify a valid name or ARN and try again.');
export const reserved = (): AwsError =>
  clientError('The FARGATE and FARGATE_SPOT capacity providers are reserved and cannot be changed or deleted.');

/** [API:ECS ManagedScaling] defaults: target 100 %, steps 1..10000, warm-up 300 s; managed scaling off unless asked for (our reading). */
function managedScalingOf(raw: Json | undefined, base: Json | undefined): Json {
  return {
    status: 'DISABLED',
    targetCapacity: 100,
    minimumScalingStepSize: 1,
    maximumScalingStepSize: 10000,
    instanceWarmupPeriod: 300,
    ...(base ?? {}),
    ...(raw ?? {}),
  };
}

export function asgProviderOf(raw: Json, base?: Json): Json {
  const asg: Json = {
    ...(base ?? {}),
    ...raw,
    managedScaling: managedScalingOf(raw.managedScaling as Json | undefined, base?.managedScaling as Json | undefined),
    managedTerminationProtection: raw.managedTerminationProtection ?? base?.managedTerminationProtection ?? 'DISABLED',
    managedDraining: raw.managedDraining ?? base?.managedDraining ?? 'ENABLED',
  };
  if (asg.managedTerminationProtection === 'ENABLED' && (asg.managedScaling as Json).status !== 'ENABLED')
    throw invalidParameter('Managed termination protection can be enabled only when managed scaling is enabled.');
  return asg;
}

export function providerView(p: CapacityProviderRecord, withTags: boolean, updateStatus = p.updateStatus, status = p.status): Json {
  return {
    capacityProviderArn: p.arn,
    name: p.name,
    status,
    autoScalingGroupProvider: p.autoScalingGroupProvider,
    updateStatus,
    type: 'EC2_AUTOSCALING',
    ...(withTags ? { tags: tagsView(p.tags) } : {}),
  };
}

export const fargateView = (ctx: EcsContext, name: string, withTags: boolean): Json => ({
  capacityProviderArn: providerArn(ctx, name),
  name,
  status: 'ACTIVE',
  type: name,
  ...(withTags ? { tags: [] } : {}),
});
