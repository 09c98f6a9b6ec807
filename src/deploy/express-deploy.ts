// `deploy` of an Express service: CreateExpressGatewayService when it does not exist, else UpdateExpressGatewayService with
// the whole definition (empty environment and secrets clear them, as ecspresso sends them), then the ECS deployment is followed.
import type { CreateExpressGatewayServiceCommandInput, UpdateExpressGatewayServiceCommandInput } from '@aws-sdk/client-ecs';
import { UsageError } from '../core/errors.js';
import { msg } from '../core/io-host.js';
import type { ExpressServiceDefinition } from '../config/definitions.js';
import type { DeployContext } from './deploy-context.js';
import { DeploymentFailedError } from './deploy-errors.js';
import type { DeployOptions, DeployResult } from './deploy.js';
import {
  describeExpress,
  diffExpress,
  expressEndpoint,
  expressOptionProblem,
  findExpressTarget,
  isExpressService,
  requireExpressDefinition,
  targetConfiguration,
} from './express-service.js';
import { findService, taskDefinitionName } from './service-lookup.js';
import { planTags } from './tag-plan.js';
import { watchDeployment } from './watch-deployment.js';

/** Pure: the create call (the config names the cluster and the service, over what the file says). */
export function createExpressInput(
  xd: ExpressServiceDefinition,
  cluster: string,
  service: string,
): CreateExpressGatewayServiceCommandInput {
  return { ...xd, cluster, serviceName: service };
}

/** The definition's fields UpdateExpressGatewayService takes as they are (the primary container is completed first). */
const UPDATE_FIELDS = [
  'executionRoleArn',
  'taskRoleArn',
  'healthCheckPath',
  'networkConfiguration',
  'cpu',
  'memory',
  'cpuArchitecture',
  'scalingTarget',
  'taskDefinitionArn',
] as const satisfies readonly (keyof ExpressServiceDefinition)[];

/** Pure: the update call: every field UpdateExpressGatewayService takes, from the definition. */
export function updateExpressInput(xd: ExpressServiceDefinition, serviceArn: string): UpdateExpressGatewayServiceCommandInput {
  const pc = xd.primaryContainer
    ? { ...xd.primaryContainer, environment: xd.primaryContainer.environment ?? [], secrets: xd.primaryContainer.secrets ?? [] }
    : undefined;
  const fields = Object.fromEntries(UPDATE_FIELDS.map((k) => [k, xd[k]]));
  return Object.fromEntries(
    Object.entries({ serviceArn, ...fields, primaryContainer: pc }).filter(([, v]) => v !== undefined),
  ) as unknown as UpdateExpressGatewayServiceCommandInput;
}

export async function deployExpress(ctx: DeployContext, o: DeployOptions): Promise<DeployResult> {
  const problem = expressOptionProblem(o);
  if (problem) throw new UsageError('BAD_OPTION', problem);
  const xd = await requireExpressDefinition(ctx);
  const name = ctx.serviceName();
  const svc = await findExpressTarget(ctx, name);
  if (svc && !isExpressService(svc))
    throw new UsageError(
      'BAD_CONFIG',
      `service ${name} in cluster ${ctx.config.cluster} is not an Express service: ${ctx.config.path} names an express_service_definition for it`,
      'use service_definition for this service, or deploy the Express service under another name',
    );
  if (o.dryRun) {
    const d = await diffExpress(ctx, svc ?? null);
    ctx.host.notify(
      msg('info', 'DRY_RUN', `dry run: would ${svc ? 'update' : 'create'} Express service ${name}${d.changed ? '' : ' (no changes)'}`, {
        changes: d.changes,
      }),
    );
    return { service: name, created: !svc, status: 'dry-run' };
  }
  const ecs = await ctx.aws.ecs();
  const startedAt = ctx.clock.now();
  let serviceDeploymentArn: string | undefined;
  if (!svc) {
    const out = await ecs.createExpressGatewayService(createExpressInput(xd, ctx.config.cluster, name), ctx.signal);
    serviceDeploymentArn = out.service?.currentDeployment;
    const url = expressEndpoint(targetConfiguration(out.service));
    ctx.host.notify(
      msg('info', 'SERVICE_CREATED', `created Express service ${name}${url ? ` (${url})` : ''}`, { ...(url ? { endpoint: url } : {}) }),
    );
  } else {
    await ecs.updateExpressGatewayService(updateExpressInput(xd, svc.serviceArn!), ctx.signal);
    ctx.host.notify(msg('info', 'SERVICE_UPDATED', `updated Express service ${name}`));
    const plan = planTags(svc.tags, xd.tags, ctx.config.ignoreTags);
    if (plan.tag.length) await ecs.tagResource({ resourceArn: svc.serviceArn!, tags: [...plan.tag] }, ctx.signal);
    if (plan.untag.length) await ecs.untagResource({ resourceArn: svc.serviceArn!, tagKeys: [...plan.untag] }, ctx.signal);
    serviceDeploymentArn = (await findService(ctx, name))?.currentServiceDeployment;
  }
  const base = { service: name, created: !svc, ...(serviceDeploymentArn ? { serviceDeploymentArn } : {}) };
  if (o.noWait) return { ...base, status: 'started' };
  const result = await watchDeployment(ctx, {
    service: name,
    startedAt,
    until: o.waitUntil ?? 'stable',
    ...(serviceDeploymentArn ? { serviceDeploymentArn } : {}),
  });
  const tdArn = result.service.taskDefinition;
  if (result.outcome.kind === 'failed') {
    const back = result.outcome.rolledBack ? `; the service rolled back to ${taskDefinitionName(tdArn)}` : '';
    throw new DeploymentFailedError(
      `deployment of Express service ${name} failed: ${result.outcome.reason}${back}`,
      [],
      result.outcome.rolledBack,
    );
  }
  if (result.reached) return { ...base, status: 'reached', reached: result.reached, ...(tdArn ? { taskDefinitionArn: tdArn } : {}) };
  const url = expressEndpoint(targetConfiguration(await describeExpress(ctx, result.service)));
  ctx.host.notify(
    msg('info', 'DEPLOY_COMPLETED', `Express service ${name} is stable on ${taskDefinitionName(tdArn)}${url ? ` at ${url}` : ''}`, {
      ...(url ? { endpoint: url } : {}),
    }),
  );
  return { ...base, status: 'deployed', ...(tdArn ? { taskDefinitionArn: tdArn } : {}) };
}
