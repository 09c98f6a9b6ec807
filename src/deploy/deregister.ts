// `deregister`: removes old revisions of the family (--keeps N, or one --revision), never one a service or task still uses.
import { UsageError } from '../core/errors.js';
import { msg } from '../core/io-host.js';
import type { DeployContext } from './deploy-context.js';
import { selectForDeregister } from './keeps-selection.js';
import { familyRevision, requireService } from './service-lookup.js';
import { activeRevisions } from './task-definition-lookup.js';

export interface DeregisterOptions {
  readonly keeps?: number;
  /** One revision: its number, or 'latest' (the newest ACTIVE one, as ecspresso's --revision latest). */
  readonly revision?: number | 'latest';
  readonly dryRun?: boolean;
  /** Also DeleteTaskDefinitions (deregistered revisions are then gone for good). */
  readonly delete?: boolean;
}

export interface DeregisterResult {
  readonly family: string;
  readonly deregistered: readonly number[];
  readonly kept: readonly number[];
  readonly inUse: readonly number[];
  readonly dryRun: boolean;
}

/** Revisions of `family` in use: the service's deployments and every task in the cluster (other services, one-off runs). */
async function revisionsInUse(ctx: DeployContext, family: string): Promise<Set<number>> {
  const ecs = await ctx.aws.ecs();
  const used = new Set<number>();
  const add = (arn: string | undefined) => {
    if (!arn) return;
    const fr = familyRevision(arn);
    if (fr.family === family && fr.revision !== undefined) used.add(fr.revision);
  };
  if (ctx.config.service) {
    const out = await ecs.describeServices({ cluster: ctx.config.cluster, services: [ctx.config.service] }, ctx.signal);
    for (const d of out.services?.[0]?.deployments ?? []) add(d.taskDefinition);
  }
  let nextToken: string | undefined;
  do {
    const list = await ecs.listTasks({ cluster: ctx.config.cluster, ...(nextToken ? { nextToken } : {}) }, ctx.signal);
    const arns = list.taskArns ?? [];
    if (arns.length)
      for (const t of (await ecs.describeTasks({ cluster: ctx.config.cluster, tasks: arns }, ctx.signal)).tasks ?? [])
        add(t.taskDefinitionArn);
    nextToken = list.nextToken;
  } while (nextToken);
  return used;
}

/** The family to clean up: the task definition file's, or for an Express service (no task_definition) the family of the
 * task definition ECS registered for it, read from the service. */
async function familyOf(ctx: DeployContext): Promise<string> {
  if (!ctx.config.expressServiceDefinitionPath || ctx.config.taskDefinitionPath) return (await ctx.taskDefinition()).family!;
  const svc = await requireService(ctx);
  const { family } = familyRevision(svc.taskDefinition!);
  ctx.host.notify(msg('info', 'EXPRESS_FAMILY', `Express service ${svc.serviceName}: ECS registers its revisions in family ${family}`));
  return family;
}

export async function deregister(ctx: DeployContext, o: DeregisterOptions): Promise<DeregisterResult> {
  if ((o.keeps === undefined) === (o.revision === undefined))
    throw new UsageError('BAD_OPTION', 'deregister needs exactly one of --keeps N or --revision N');
  if (o.keeps !== undefined && (!Number.isInteger(o.keeps) || o.keeps < 0))
    throw new UsageError('BAD_OPTION', `--keeps expects an integer >= 0, got ${o.keeps}`);
  const family = await familyOf(ctx);
  const active = await activeRevisions(ctx, family);
  const inUse = await revisionsInUse(ctx, family);
  let plan;
  if (o.revision !== undefined) {
    const rev = o.revision === 'latest' ? active[0] : o.revision;
    if (rev === undefined) throw new UsageError('TASK_DEFINITION_NOT_FOUND', `${family} has no ACTIVE revision`);
    if (!active.includes(rev))
      throw new UsageError(
        'TASK_DEFINITION_NOT_FOUND',
        `${family}:${rev} is not an ACTIVE revision (active: ${active.join(', ') || 'none'})`,
      );
    if (inUse.has(rev))
      throw new UsageError('REVISION_IN_USE', `${family}:${rev} is in use by the service or a running task; it cannot be deregistered`);
    plan = { keep: active.filter((r) => r !== rev), inUse: [...inUse], deregister: [rev] };
  } else plan = selectForDeregister(active, inUse, o.keeps!);
  if (o.dryRun) {
    ctx.host.notify(
      msg(
        'info',
        'DRY_RUN',
        `dry run: would deregister ${plan.deregister.length ? plan.deregister.map((r) => `${family}:${r}`).join(', ') : 'nothing'}`,
      ),
    );
    return { family, deregistered: plan.deregister, kept: plan.keep, inUse: plan.inUse, dryRun: true };
  }
  const ecs = await ctx.aws.ecs();
  for (const r of plan.deregister) {
    await ecs.deregisterTaskDefinition({ taskDefinition: `${family}:${r}` }, ctx.signal);
    ctx.host.notify(msg('info', 'TASK_DEFINITION_DEREGISTERED', `deregistered ${family}:${r}`));
  }
  if (o.delete && plan.deregister.length) {
    await ecs.deleteTaskDefinitions({ taskDefinitions: plan.deregister.map((r) => `${family}:${r}`) }, ctx.signal);
    ctx.host.notify(msg('info', 'TASK_DEFINITIONS_DELETED', `deleted ${plan.deregister.length} deregistered revision(s)`));
  }
  return { family, deregistered: plan.deregister, kept: plan.keep, inUse: plan.inUse, dryRun: false };
}
