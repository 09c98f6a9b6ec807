// `deploy`: register the task definition, create or update the service, follow the deployment it started, explain a failure.
import type { CreateServiceCommandOutput, Service, UpdateServiceCommandOutput } from '@aws-sdk/client-ecs';
import { UsageError } from '../core/errors.js';
import { msg } from '../core/io-host.js';
import { modifyAutoScaling, setAutoScalingSuspended } from './auto-scaling.js';
import type { ServiceDefinition } from '../config/definitions.js';
import type { DeployContext } from './deploy-context.js';
import { DeploymentFailedError } from './deploy-errors.js';
import { compareDefinitions, type DiffResult } from './diff.js';
import { formatStoppedTasks, stoppedTasks } from './failure-report.js';
import { registerTaskDefinition } from './register.js';
import { createServiceInput, updateServiceInput } from './service-input.js';
import { findService, taskDefinitionName } from './service-lookup.js';
import { planTags } from './tag-plan.js';
import { requireTaskDefinition } from './task-definition-lookup.js';
import { type WaitUntil, watchDeployment } from './watch-deployment.js';
import { type CodeDeployOptions, deployWithCodeDeploy } from './codedeploy/codedeploy-deploy.js';
import { untilVisible } from '../aws/eventual-consistency.js';

const isCodeDeploy = (svc: Service): boolean => svc.deploymentController?.type === 'CODE_DEPLOY';

export interface DeployOptions {
  readonly dryRun?: boolean;
  readonly tasks?: number;
  readonly skipTaskDefinition?: boolean;
  readonly revision?: number;
  readonly latestTaskDefinition?: boolean;
  readonly forceNewDeployment?: boolean;
  readonly noWait?: boolean;
  readonly waitUntil?: WaitUntil;
  readonly suspendAutoScaling?: boolean;
  readonly resumeAutoScaling?: boolean;
  /** --auto-scaling-min/max: the scalable target's capacity, set before the update. */
  readonly autoScalingMin?: number;
  readonly autoScalingMax?: number;
  /** false (`--no-update-service`): only the task definition (and --tasks) change; the service definition is not applied. */
  readonly updateService?: boolean;
  /** CODE_DEPLOY services: --rollback-events, --auto-rollback-disabled, and `--wait-until codedeploy:<event>`. */
  readonly codeDeploy?: Pick<CodeDeployOptions, 'rollbackEvents' | 'autoRollbackDisabled' | 'waitUntilEvent'>;
}

/** Pure: the desired count a deploy sets (ecspresso's rule): --tasks, else the service definition's, never for DAEMON. */
export function desiredCountFor(o: DeployOptions, sd: ServiceDefinition | undefined): number | undefined {
  if (sd?.schedulingStrategy === 'DAEMON') return undefined;
  if (o.tasks !== undefined) return o.tasks;
  return o.updateService === false ? undefined : sd?.desiredCount;
}

export interface DeployResult {
  readonly service: string;
  readonly created: boolean;
  readonly status: 'dry-run' | 'started' | 'deployed' | 'reached';
  /** Where a midway wait (--wait-until paused or ecs:<STAGE>) stopped. */
  readonly reached?: string;
  readonly taskDefinitionArn?: string;
  readonly serviceDeploymentArn?: string;
  readonly diff?: DiffResult;
  /** CODE_DEPLOY services: the CodeDeploy deployment that carries the change. */
  readonly codeDeployDeploymentId?: string;
  /** The deployment completed by its early success criteria before every task of the new revision ran. */
  readonly earlySuccess?: boolean;
}

/** Pure: options that cannot go together, named. */
export function checkDeployOptions(o: DeployOptions): void {
  // --skip-task-definition --revision N is ecspresso's documented way to deploy revision N: the two go together.
  const picks = [
    o.skipTaskDefinition && o.revision === undefined && '--skip-task-definition',
    o.revision !== undefined && '--revision',
    o.latestTaskDefinition && '--latest-task-definition',
  ].filter(Boolean);
  if (picks.length > 1)
    throw new UsageError('BAD_OPTION', `${picks.join(' and ')} cannot be used together: each picks the task definition to deploy`);
  if (o.suspendAutoScaling && o.resumeAutoScaling)
    throw new UsageError('BAD_OPTION', '--suspend-auto-scaling and --resume-auto-scaling cannot be used together');
  if (o.noWait && o.waitUntil) throw new UsageError('BAD_OPTION', '--no-wait and --wait-until cannot be used together');
  if (o.autoScalingMin !== undefined && o.autoScalingMax !== undefined && o.autoScalingMin > o.autoScalingMax)
    throw new UsageError('BAD_OPTION', `--auto-scaling-min ${o.autoScalingMin} is above --auto-scaling-max ${o.autoScalingMax}`);
}

async function chooseTaskDefinition(
  ctx: DeployContext,
  o: DeployOptions,
  svc: Service | undefined,
  family: string,
): Promise<string | undefined> {
  if (o.skipTaskDefinition && o.revision === undefined) {
    if (!svc?.taskDefinition)
      throw new UsageError('BAD_OPTION', `--skip-task-definition needs a running service; ${ctx.serviceName()} does not exist yet`);
    return svc.taskDefinition;
  }
  if (o.revision !== undefined) return (await requireTaskDefinition(ctx, `${family}:${o.revision}`)).taskDefinition.taskDefinitionArn;
  if (o.latestTaskDefinition) return (await requireTaskDefinition(ctx, family)).taskDefinition.taskDefinitionArn;
  return undefined;
}

export async function deploy(ctx: DeployContext, o: DeployOptions = {}): Promise<DeployResult> {
  checkDeployOptions(o);
  if (ctx.config.expressServiceDefinitionPath) return (await import('./express-deploy.js')).deployExpress(ctx, o);
  const name = ctx.serviceName();
  const localTd = await ctx.taskDefinition();
  const localSd = await ctx.serviceDefinition();
  const svc = await findService(ctx, name);
  if (!svc && !localSd)
    throw new UsageError(
      'SERVICE_NOT_FOUND',
      `service ${name} not found in cluster ${ctx.config.cluster}, and the config has no service_definition to create it`,
      `add service_definition to ${ctx.config.path}`,
    );
  const picked = await chooseTaskDefinition(ctx, o, svc, localTd.family!);
  const desiredCount = desiredCountFor(o, localSd);
  if (o.dryRun) {
    const d = await compareDefinitions(ctx, svc, localTd, localSd);
    const what = svc
      ? isCodeDeploy(svc)
        ? `deploy it to service ${name} through a CodeDeploy blue/green deployment`
        : `update service ${name}`
      : `create service ${name}`;
    ctx.host.notify(
      msg(
        'info',
        'DRY_RUN',
        `dry run: would ${picked ? `deploy ${taskDefinitionName(picked)}` : `register a new revision of ${localTd.family}`} and ${what}${desiredCount !== undefined ? ` with ${desiredCount} tasks` : ''}${svc && o.updateService === false ? ' (task definition only: --no-update-service)' : ''}`,
      ),
    );
    return { service: name, created: !svc, status: 'dry-run', diff: d, ...(picked ? { taskDefinitionArn: picked } : {}) };
  }
  const tdArn = picked ?? (await registerTaskDefinition(ctx, localTd)).taskDefinitionArn!;
  if (svc && (o.suspendAutoScaling || o.autoScalingMin !== undefined || o.autoScalingMax !== undefined))
    await modifyAutoScaling(ctx, name, {
      ...(o.suspendAutoScaling ? { suspended: true } : {}),
      ...(o.autoScalingMin !== undefined ? { min: o.autoScalingMin } : {}),
      ...(o.autoScalingMax !== undefined ? { max: o.autoScalingMax } : {}),
    });
  const ecs = await ctx.aws.ecs();
  if (svc && isCodeDeploy(svc)) {
    if (desiredCount !== undefined && desiredCount !== svc.desiredCount)
      await ecs.updateService({ cluster: ctx.config.cluster, service: name, desiredCount }, ctx.signal);
    const r = await deployWithCodeDeploy(ctx, svc, tdArn, { ...o.codeDeploy, ...(o.noWait ? { noWait: true } : {}) });
    if (r.status === 'deployed')
      ctx.host.notify(
        msg('info', 'DEPLOY_COMPLETED', `service ${name} is deployed on ${taskDefinitionName(tdArn)} (CodeDeploy ${r.deploymentId})`),
      );
    return { service: name, created: false, taskDefinitionArn: tdArn, status: r.status, codeDeployDeploymentId: r.deploymentId };
  }
  const startedAt = ctx.clock.now();
  let out: CreateServiceCommandOutput | UpdateServiceCommandOutput;
  if (!svc) {
    out = await untilVisible(!picked, ctx.clock, ctx.signal, () =>
      ecs.createService(createServiceInput(ctx.config.cluster, name, localSd!, tdArn, o.tasks), ctx.signal),
    );
    ctx.host.notify(msg('info', 'SERVICE_CREATED', `created service ${name} with ${taskDefinitionName(tdArn)}`));
  } else {
    out = await untilVisible(!picked, ctx.clock, ctx.signal, () =>
      ecs.updateService(
        updateServiceInput(ctx.config.cluster, name, o.updateService === false ? undefined : localSd, {
          taskDefinitionArn: tdArn,
          forceNewDeployment: Boolean(o.forceNewDeployment),
          ...(desiredCount !== undefined ? { desiredCount } : {}),
        }),
        ctx.signal,
      ),
    );
    ctx.host.notify(msg('info', 'SERVICE_UPDATED', `updated service ${name} to ${taskDefinitionName(tdArn)}`));
    const plan = o.updateService === false ? { tag: [], untag: [] } : planTags(svc.tags, localSd?.tags, ctx.config.ignoreTags);
    if (plan.tag.length) await ecs.tagResource({ resourceArn: svc.serviceArn!, tags: [...plan.tag] }, ctx.signal);
    if (plan.untag.length) await ecs.untagResource({ resourceArn: svc.serviceArn!, tagKeys: [...plan.untag] }, ctx.signal);
  }
  const primary = out.service?.deployments?.find((d) => d.status === 'PRIMARY');
  const arn = out.service?.currentServiceDeployment;
  const base = { service: name, created: !svc, taskDefinitionArn: tdArn, ...(arn ? { serviceDeploymentArn: arn } : {}) };
  if (o.noWait) return { ...base, status: 'started' };
  const result = await watchDeployment(ctx, {
    service: name,
    startedAt: primary?.createdAt ?? startedAt,
    until: o.waitUntil ?? 'stable',
    ...(arn ? { serviceDeploymentArn: arn } : {}),
    ...(primary?.id ? { deploymentId: primary.id } : {}),
  });
  if (result.outcome.kind === 'failed') {
    const tasks = await stoppedTasks(ctx, {
      service: name,
      taskDefinitionArn: tdArn,
      ...(primary?.id ? { deploymentId: primary.id } : {}),
    });
    ctx.host.notify(msg('error', 'DEPLOY_STOPPED_TASKS', formatStoppedTasks(tasks), { stoppedTasks: tasks }));
    const back = result.outcome.rolledBack ? `; the service rolled back to ${taskDefinitionName(result.service.taskDefinition)}` : '';
    throw new DeploymentFailedError(
      `deployment of ${taskDefinitionName(tdArn)} to service ${name} failed: ${result.outcome.reason}${back}`,
      tasks,
      result.outcome.rolledBack,
    );
  }
  if (result.reached) {
    ctx.host.notify(msg('info', 'DEPLOY_REACHED', `deployment of ${taskDefinitionName(tdArn)} to service ${name} is ${result.reached}`));
    return { ...base, status: 'reached', reached: result.reached };
  }
  if (o.resumeAutoScaling) await setAutoScalingSuspended(ctx, name, false);
  ctx.host.notify(
    msg(
      'info',
      'DEPLOY_COMPLETED',
      `service ${name} is ${o.waitUntil === 'deployed' ? 'deployed' : 'stable'} on ${taskDefinitionName(result.service.taskDefinition)}`,
    ),
  );
  return { ...base, status: 'deployed', ...(result.earlySuccess ? { earlySuccess: true } : {}) };
}
