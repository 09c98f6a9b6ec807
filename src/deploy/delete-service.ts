// `delete`: deletes the service (scaled in by DeleteService's force); the task definitions stay.
import { UsageError } from '../core/errors.js';
import { msg } from '../core/io-host.js';
import type { DeployContext } from './deploy-context.js';
import { requireService } from './service-lookup.js';

export interface DeleteResult {
  readonly service: string;
  readonly status: 'dry-run' | 'deleted';
}

export interface DeleteOptions {
  readonly force?: boolean;
  /** ecspresso's --terminate (DeleteService force): cortado always stops the tasks; without it, it says so. */
  readonly terminate?: boolean;
  readonly dryRun?: boolean;
}

export async function deleteService(ctx: DeployContext, o: DeleteOptions): Promise<DeleteResult> {
  const svc = await requireService(ctx);
  const name = svc.serviceName!;
  if (o.dryRun) {
    ctx.host.notify(
      msg(
        'info',
        'DRY_RUN',
        `dry run: would delete service ${name} (${svc.runningCount ?? 0} running tasks) in cluster ${ctx.config.cluster}`,
      ),
    );
    return { service: name, status: 'dry-run' };
  }
  if (!o.force)
    throw new UsageError(
      'CONFIRMATION_REQUIRED',
      `deleting service ${name} stops its ${svc.runningCount ?? 0} tasks: pass --force to confirm (or --dry-run to see what would happen)`,
    );
  const { deleteExpress, isExpressService } = await import('./express-service.js');
  if (!o.terminate && (svc.desiredCount ?? 0) > 0 && !isExpressService(svc))
    ctx.host.notify(
      msg(
        'warn',
        'DELETE_TERMINATES',
        `service ${name} still wants ${svc.desiredCount} tasks: cortado stops them with the service (ecspresso would need --terminate)`,
      ),
    );
  if (isExpressService(svc)) await deleteExpress(ctx, svc);
  else {
    await (await ctx.aws.ecs()).deleteService({ cluster: ctx.config.cluster, service: name, force: true }, ctx.signal);
    ctx.host.notify(msg('info', 'SERVICE_DELETED', `deleted service ${name}`));
  }
  return { service: name, status: 'deleted' };
}
