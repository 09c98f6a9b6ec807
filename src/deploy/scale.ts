// `scale --tasks N`: changes the desired count and waits for the service to be stable at it.
import { UsageError } from '../core/errors.js';
import { msg } from '../core/io-host.js';
import type { DeployContext } from './deploy-context.js';
import { requireService } from './service-lookup.js';
import { waitStable } from './watch-deployment.js';

export interface ScaleResult {
  readonly service: string;
  readonly from?: number;
  readonly to: number;
  readonly status: 'dry-run' | 'started' | 'stable';
}

export async function scale(
  ctx: DeployContext,
  o: { readonly tasks: number; readonly dryRun?: boolean; readonly noWait?: boolean },
): Promise<ScaleResult> {
  if (!Number.isInteger(o.tasks) || o.tasks < 0) throw new UsageError('BAD_OPTION', `--tasks expects an integer >= 0, got ${o.tasks}`);
  const svc = await requireService(ctx);
  const name = svc.serviceName!;
  if (o.dryRun) {
    ctx.host.notify(msg('info', 'DRY_RUN', `dry run: would scale ${name} from ${svc.desiredCount} to ${o.tasks} tasks`));
    return { service: name, to: o.tasks, status: 'dry-run', ...(svc.desiredCount !== undefined ? { from: svc.desiredCount } : {}) };
  }
  const startedAt = ctx.clock.now();
  await (await ctx.aws.ecs()).updateService({ cluster: ctx.config.cluster, service: name, desiredCount: o.tasks }, ctx.signal);
  ctx.host.notify(msg('info', 'SERVICE_SCALED', `scaling ${name} from ${svc.desiredCount} to ${o.tasks} tasks`));
  const base = { service: name, to: o.tasks, ...(svc.desiredCount !== undefined ? { from: svc.desiredCount } : {}) };
  if (o.noWait) return { ...base, status: 'started' };
  await waitStable(ctx, name, startedAt);
  ctx.host.notify(msg('info', 'SERVICE_STABLE', `service ${name} is stable with ${o.tasks} tasks`));
  return { ...base, status: 'stable' };
}
