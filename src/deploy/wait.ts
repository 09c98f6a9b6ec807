// `wait`: waits until the service is stable (after a --no-wait deploy or scale), following an in-flight deployment if there is one.
import { msg } from '../core/io-host.js';
import type { DeployContext } from './deploy-context.js';
import { DeploymentFailedError } from './deploy-errors.js';
import { requireService, taskDefinitionName } from './service-lookup.js';
import { waitStable, watchDeployment } from './watch-deployment.js';

export async function waitService(ctx: DeployContext): Promise<{ readonly service: string; readonly taskDefinition: string }> {
  const svc = await requireService(ctx);
  const name = svc.serviceName!;
  const primary = svc.deployments?.find((d) => d.status === 'PRIMARY');
  const startedAt = ctx.clock.now();
  if (primary?.rolloutState === 'IN_PROGRESS') {
    const r = await watchDeployment(ctx, {
      service: name,
      startedAt: primary.createdAt ?? startedAt,
      until: 'stable',
      ...(svc.currentServiceDeployment ? { serviceDeploymentArn: svc.currentServiceDeployment } : {}),
      ...(primary.id ? { deploymentId: primary.id } : {}),
    });
    if (r.outcome.kind === 'failed')
      throw new DeploymentFailedError(`deployment of service ${name} failed: ${r.outcome.reason}`, [], r.outcome.rolledBack);
    ctx.host.notify(msg('info', 'SERVICE_STABLE', `service ${name} is stable on ${taskDefinitionName(r.service.taskDefinition)}`));
    return { service: name, taskDefinition: taskDefinitionName(r.service.taskDefinition) };
  }
  const s = await waitStable(ctx, name, startedAt);
  ctx.host.notify(msg('info', 'SERVICE_STABLE', `service ${name} is stable on ${taskDefinitionName(s.taskDefinition)}`));
  return { service: name, taskDefinition: taskDefinitionName(s.taskDefinition) };
}
