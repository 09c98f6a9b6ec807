// `continue`: answers the PAUSE lifecycle hook the service's deployment waits at with CONTINUE, then waits as deploy does.
import type { ServiceDeployment } from '@aws-sdk/client-ecs';
import { UsageError } from '../core/errors.js';
import { msg } from '../core/io-host.js';
import { awaitingPauseHook } from '../ecs/service-deployment.js';
import type { DeployContext } from './deploy-context.js';
import { DeploymentFailedError } from './deploy-errors.js';
import { requireService, taskDefinitionName } from './service-lookup.js';
import { type WaitUntil, watchDeployment } from './watch-deployment.js';

export interface ContinueResult {
  readonly service: string;
  readonly serviceDeploymentArn: string;
  readonly hookId: string;
  readonly stage?: string;
  readonly status: 'continued' | 'deployed' | 'reached';
  readonly reached?: string;
}

const ONGOING = ['PENDING', 'IN_PROGRESS'] as const;

/** The service's ongoing deployment that waits at a PAUSE hook (newest first), with the hook. */
async function pausedDeployment(ctx: DeployContext, service: string): Promise<{ sd: ServiceDeployment; hookId: string; stage?: string }> {
  const ecs = await ctx.aws.ecs();
  const list = await ecs.listServiceDeployments({ cluster: ctx.config.cluster, service, status: [...ONGOING] }, ctx.signal);
  const arns = [...(list.serviceDeployments ?? [])]
    .sort((a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0))
    .map((d) => d.serviceDeploymentArn!)
    .filter(Boolean);
  if (arns.length === 0) {
    throw new UsageError(
      'NO_PAUSED_DEPLOYMENT',
      `service ${service} has no deployment in progress`,
      'nothing to continue; `cortado status` shows its deployments',
    );
  }
  const described =
    (await ecs.describeServiceDeployments({ serviceDeploymentArns: arns.slice(0, 20) }, ctx.signal)).serviceDeployments ?? [];
  for (const sd of described) {
    const hook = awaitingPauseHook(sd);
    if (hook) return { sd, hookId: hook.hookId, ...(hook.stage ? { stage: hook.stage } : {}) };
  }
  const sd = described[0];
  throw new UsageError(
    'NO_PAUSED_DEPLOYMENT',
    `the deployment of service ${service} in progress (${sd?.serviceDeploymentArn?.replace(/^.*\//, '') ?? '?'}${sd?.lifecycleStage ? `, at ${sd.lifecycleStage}` : ''}) waits at no PAUSE lifecycle hook`,
    'deploy --wait-until paused returns when one pauses',
  );
}

export async function continueDeployment(
  ctx: DeployContext,
  o: { readonly noWait?: boolean; readonly waitUntil?: WaitUntil } = {},
): Promise<ContinueResult> {
  const svc = await requireService(ctx);
  const name = svc.serviceName!;
  const { sd, hookId, stage } = await pausedDeployment(ctx, name);
  const arn = sd.serviceDeploymentArn!;
  const ecs = await ctx.aws.ecs();
  const startedAt = ctx.clock.now();
  await ecs.continueServiceDeployment({ serviceDeploymentArn: arn, hookId, action: 'CONTINUE' }, ctx.signal);
  ctx.host.notify(
    msg('info', 'DEPLOY_CONTINUED', `continued deployment ${arn.replace(/^.*\//, '')} at ${stage ?? 'its PAUSE hook'} (hook ${hookId})`, {
      hookId,
    }),
  );
  const base = { service: name, serviceDeploymentArn: arn, hookId, ...(stage ? { stage } : {}) };
  if (o.noWait) return { ...base, status: 'continued' };
  const until = o.waitUntil ?? 'deployed';
  const r = await watchDeployment(ctx, { service: name, serviceDeploymentArn: arn, startedAt: sd.createdAt ?? startedAt, until });
  if (r.outcome.kind === 'failed') {
    throw new DeploymentFailedError(`deployment of service ${name} failed after continue: ${r.outcome.reason}`, [], r.outcome.rolledBack);
  }
  if (r.reached) {
    ctx.host.notify(msg('info', 'DEPLOY_REACHED', `deployment of service ${name} is ${r.reached}`));
    return { ...base, status: 'reached', reached: r.reached };
  }
  ctx.host.notify(
    msg(
      'info',
      'DEPLOY_COMPLETED',
      `service ${name} is ${until === 'stable' ? 'stable' : 'deployed'} on ${taskDefinitionName(r.service.taskDefinition)}`,
    ),
  );
  return { ...base, status: 'deployed' };
}
