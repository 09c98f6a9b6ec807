// --suspend/--resume-auto-scaling and --auto-scaling-min/max: change the service's scalable target, if it has one.
import { msg } from '../core/io-host.js';
import type { DeployContext } from './deploy-context.js';

export interface AutoScalingChange {
  readonly suspended?: boolean;
  readonly min?: number;
  readonly max?: number;
}

/** Pure: what the change says, for messages ("suspended", "min 2, max 10"). */
export function describeAutoScalingChange(c: AutoScalingChange): string {
  return [
    c.suspended === undefined ? undefined : c.suspended ? 'suspended' : 'resumed',
    c.min === undefined ? undefined : `min ${c.min}`,
    c.max === undefined ? undefined : `max ${c.max}`,
  ]
    .filter(Boolean)
    .join(', ');
}

export async function modifyAutoScaling(ctx: DeployContext, service: string, c: AutoScalingChange): Promise<boolean> {
  const what = describeAutoScalingChange(c);
  if (!what) return false;
  const aas = await ctx.aws.autoScaling();
  const resourceId = `service/${ctx.config.cluster}/${service}`;
  const found = await aas.describeScalableTargets(
    { ServiceNamespace: 'ecs', ResourceIds: [resourceId], ScalableDimension: 'ecs:service:DesiredCount' },
    ctx.signal,
  );
  const target = found.ScalableTargets?.[0];
  if (!target) {
    ctx.host.notify(msg('info', 'AUTO_SCALING_NONE', `service ${service} has no scalable target: auto scaling not ${what}`));
    return false;
  }
  await aas.registerScalableTarget(
    {
      ServiceNamespace: 'ecs',
      ResourceId: resourceId,
      ScalableDimension: 'ecs:service:DesiredCount',
      ...(c.suspended !== undefined
        ? {
            SuspendedState: {
              DynamicScalingInSuspended: c.suspended,
              DynamicScalingOutSuspended: c.suspended,
              ScheduledScalingSuspended: c.suspended,
            },
          }
        : {}),
      ...(c.min !== undefined ? { MinCapacity: c.min } : {}),
      ...(c.max !== undefined ? { MaxCapacity: c.max } : {}),
    },
    ctx.signal,
  );
  const code = c.suspended === true ? 'AUTO_SCALING_SUSPENDED' : c.suspended === false ? 'AUTO_SCALING_RESUMED' : 'AUTO_SCALING_CAPACITY';
  ctx.host.notify(msg('info', code, `auto scaling of ${service} ${what}`));
  return true;
}

export const setAutoScalingSuspended = (ctx: DeployContext, service: string, suspended: boolean): Promise<boolean> =>
  modifyAutoScaling(ctx, service, { suspended });
