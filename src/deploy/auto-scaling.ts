// --suspend-auto-scaling / --resume-auto-scaling: flips the suspended state of the service's scalable target, if it has one.
import { msg } from '../core/io-host.js';
import type { DeployContext } from './deploy-context.js';

export async function setAutoScalingSuspended(ctx: DeployContext, service: string, suspended: boolean): Promise<boolean> {
  const aas = await ctx.aws.autoScaling();
  const resourceId = `service/${ctx.config.cluster}/${service}`;
  const found = await aas.describeScalableTargets(
    { ServiceNamespace: 'ecs', ResourceIds: [resourceId], ScalableDimension: 'ecs:service:DesiredCount' },
    ctx.signal,
  );
  const target = found.ScalableTargets?.[0];
  if (!target) {
    ctx.host.notify(
      msg('info', 'AUTO_SCALING_NONE', `service ${service} has no scalable target: nothing to ${suspended ? 'suspend' : 'resume'}`),
    );
    return false;
  }
  await aas.registerScalableTarget(
    {
      ServiceNamespace: 'ecs',
      ResourceId: resourceId,
      ScalableDimension: 'ecs:service:DesiredCount',
      SuspendedState: { DynamicScalingInSuspended: suspended, DynamicScalingOutSuspended: suspended, ScheduledScalingSuspended: suspended },
    },
    ctx.signal,
  );
  ctx.host.notify(
    msg(
      'info',
      suspended ? 'AUTO_SCALING_SUSPENDED' : 'AUTO_SCALING_RESUMED',
      `auto scaling of ${service} ${suspended ? 'suspended' : 'resumed'}`,
    ),
  );
  return true;
}
