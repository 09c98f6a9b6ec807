// The ScalableServices seam: Application Auto Scaling reads a service's counts and sets its desired count through UpdateService.
import { randomUUID } from 'node:crypto';
import type { ScalableServices } from '../../env.js';
import type { CallContext, Handler } from '../../service.js';
import type { EcsContext } from './ecs-context.js';
import { tasksOfService } from './ecs-context.js';
import { serviceKey } from './ecs-state.js';

/**
 * AWS's Application Auto Scaling calls ecs:UpdateService with the new desiredCount (through its service-linked role); here it
 * runs the same UpdateService handler, so events, deployments and errors are those of the API.
 */
export function scalableServices(ctx: EcsContext, updateService: Handler): ScalableServices {
  const callContext = (): CallContext => ({
    region: ctx.scope.region,
    accountId: ctx.scope.accountId,
    requestId: randomUUID(),
    service: 'ecs',
    operation: 'UpdateService',
    protocol: 'json',
    http: { method: 'POST', path: '/', query: new URLSearchParams(), headers: {}, body: Buffer.alloc(0) },
    now: () => ctx.env.clock.now(),
  });
  return {
    describe(cluster, service) {
      const svc = ctx.state.services[serviceKey(cluster, service)];
      if (!svc || svc.status !== 'ACTIVE') return undefined;
      const primary = svc.deployments.find((d) => d.status === 'PRIMARY');
      return {
        desiredCount: svc.desiredCount,
        runningCount: tasksOfService(ctx, svc).filter((t) => t.lastStatus === 'RUNNING').length,
        // AAS does not scale in while a deployment is in progress.
        deploying: primary?.rolloutState === 'IN_PROGRESS' || svc.deployments.filter((d) => d.status !== 'INACTIVE').length > 1,
      };
    },
    setDesiredCount(cluster, service, desiredCount) {
      updateService({ cluster, service, desiredCount }, callContext());
    },
  };
}
