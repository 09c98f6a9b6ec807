// `appspec` and `wait --wait-until codedeploy:<event>` for CODE_DEPLOY services, as engine functions over a deploy context.
import { UsageError } from '../../core/errors.js';
import type { DeployContext } from '../deploy-context.js';
import { DeploymentFailedError } from '../deploy-errors.js';
import { familyRevision, requireService } from '../service-lookup.js';
import { requireTaskDefinition } from '../task-definition-lookup.js';
import { appSpecYaml, buildAppSpec, type AppSpec } from './appspec.js';
import { watchCodeDeploy } from './codedeploy-watch.js';
import { findDeploymentGroup } from './deployment-group.js';

/** `--task-definition latest` (the family's newest revision, ecspresso's default), `current` (the service's), or an ARN. */
export async function appSpecFor(ctx: DeployContext, which = 'latest'): Promise<{ readonly appSpec: AppSpec; readonly yaml: string }> {
  const svc = await requireService(ctx);
  let td: string;
  if (which === 'current') td = svc.taskDefinition!;
  else if (which === 'latest') {
    const family = familyRevision(svc.taskDefinition!).family;
    td = (await requireTaskDefinition(ctx, family)).taskDefinition.taskDefinitionArn!;
  } else if (which.startsWith('arn:')) td = which;
  else
    throw new UsageError('BAD_OPTION', `--task-definition expects latest, current or a task definition ARN, got ${JSON.stringify(which)}`);
  const appSpec = buildAppSpec(svc, td, ctx.config.appspec);
  return { appSpec, yaml: appSpecYaml(appSpec) };
}

/** Waits for the service's in-flight CodeDeploy deployment to pass lifecycle event `event` (or to succeed). */
export async function waitCodeDeployEvent(
  ctx: DeployContext,
  event: string,
): Promise<{ readonly service: string; readonly deploymentId: string }> {
  const svc = await requireService(ctx);
  const name = svc.serviceName!;
  if (svc.deploymentController?.type !== 'CODE_DEPLOY')
    throw new UsageError(
      'BAD_OPTION',
      `--wait-until codedeploy:${event} needs a CODE_DEPLOY service; ${name} uses ${svc.deploymentController?.type ?? 'ECS'}`,
    );
  const group = await findDeploymentGroup(ctx, name);
  const cd = await ctx.aws.codedeploy();
  const list = await cd.listDeployments(
    { ...group, includeOnlyStatuses: ['Created', 'Queued', 'InProgress', 'Ready', 'Baking'] },
    ctx.signal,
  );
  const id = list.deployments?.[0];
  if (!id) throw new UsageError('BAD_OPTION', `no CodeDeploy deployment of service ${name} is in progress`);
  const r = await watchCodeDeploy(ctx, id, event);
  if (r.kind === 'failed' || r.kind === 'stopped')
    throw new DeploymentFailedError(`CodeDeploy deployment ${id} of service ${name} ${r.kind}: ${r.reason ?? ''}`, [], r.rolledBack);
  return { service: name, deploymentId: id };
}
