// ListServiceDeployments, DescribeServiceDeployments, StopServiceDeployment (ROLLBACK), ContinueServiceDeployment and DescribeServiceRevisions.
import { paginate } from '../../paginate.js';
import type { Handler } from '../../service.js';
import { type EcsContext, findCluster, findService } from './ecs-context.js';
import { badMaxResults, badNextToken, conflict, invalidParameter, serviceDeploymentNotFound } from './ecs-errors.js';
import type { Json, ServiceDeploymentRecord, ServiceRecord } from './ecs-state.js';
import { ONGOING_SD, startRollback } from './deployment-records.js';
import { continueHook } from './native-continue.js';
import { rollBackNative } from './native-effects.js';
import { messages, postEvent } from './service-events.js';
import { serviceDeploymentBrief, serviceDeploymentView, serviceRevisionView } from './service-views.js';

const MAX_DESCRIBE = 20;
export const USER_ROLLBACK_REASON = 'Service deployment rolled back because of a StopServiceDeployment request.';

/** A native deployment rolls back by returning traffic to blue, which still runs until CLEAN_UP. */
function stopNative(ctx: EcsContext, svc: ServiceRecord, sd: ServiceDeploymentRecord): void {
  if (sd.native?.blueDeploymentId === undefined)
    throw conflict("The service deployment can't be rolled back: the service has no earlier service revision that completed.");
  if (sd.native.point.kind === 'clean-up')
    throw conflict("The service deployment is in the CLEAN_UP lifecycle stage and can't be rolled back.");
  rollBackNative(ctx, svc, sd, USER_ROLLBACK_REASON);
}

const inRange = (sd: ServiceDeploymentRecord, range: Json | undefined): boolean => {
  const before = range?.before as Date | undefined;
  const after = range?.after as Date | undefined;
  return (before === undefined || sd.createdAt < before.getTime()) && (after === undefined || sd.createdAt > after.getTime());
};

export function serviceDeploymentHandlers(ctx: EcsContext): Record<string, Handler> {
  return {
    ListServiceDeployments: (input) => {
      const cluster = findCluster(ctx, input.cluster);
      const svc = findService(ctx, cluster.name, String(input.service));
      const statuses = input.status as string[] | undefined;
      const list = Object.values(ctx.state.serviceDeployments)
        .filter(
          (sd) =>
            sd.serviceArn === svc.arn &&
            (statuses === undefined || statuses.includes(sd.status)) &&
            inRange(sd, input.createdAt as Json | undefined),
        )
        .sort((a, b) => b.createdAt - a.createdAt || (a.arn < b.arn ? -1 : 1))
        .map(serviceDeploymentBrief);
      const page = paginate(
        list,
        input,
        { defaultSize: 20, maxSize: 100, badToken: badNextToken, badSize: badMaxResults(100) },
        `sd:${svc.arn}:${(statuses ?? []).join(',')}`,
      );
      return { serviceDeployments: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
    },

    DescribeServiceDeployments: (input) => {
      const arns = input.serviceDeploymentArns as string[];
      if (arns.length > MAX_DESCRIBE) throw invalidParameter(`You can specify up to ${MAX_DESCRIBE} service deployment ARNs.`);
      const serviceDeployments: Json[] = [];
      const failures: Json[] = [];
      for (const arn of arns) {
        const sd = ctx.state.serviceDeployments[arn];
        if (sd) serviceDeployments.push(serviceDeploymentView(ctx, sd));
        else failures.push({ arn, reason: 'MISSING', detail: 'The service deployment does not exist.' });
      }
      return { serviceDeployments, failures };
    },

    DescribeServiceRevisions: (input) => {
      const arns = input.serviceRevisionArns as string[];
      if (arns.length > MAX_DESCRIBE) throw invalidParameter(`You can specify up to ${MAX_DESCRIBE} service revision ARNs.`);
      const serviceRevisions: Json[] = [];
      const failures: Json[] = [];
      for (const arn of arns) {
        const rev = ctx.state.serviceRevisions[arn];
        if (rev) serviceRevisions.push(serviceRevisionView(rev));
        else failures.push({ arn, reason: 'MISSING', detail: 'The service revision does not exist.' });
      }
      return { serviceRevisions, failures };
    },

    StopServiceDeployment: (input) => {
      const arn = String(input.serviceDeploymentArn);
      const sd = ctx.state.serviceDeployments[arn];
      if (!sd) throw serviceDeploymentNotFound();
      if (input.stopType === 'ABORT') throw invalidParameter('The stopType ABORT is not supported; use ROLLBACK.');
      if (sd.status === 'ROLLBACK_REQUESTED' || sd.status === 'ROLLBACK_IN_PROGRESS') return { serviceDeploymentArn: arn };
      if (!ONGOING_SD.has(sd.status)) throw conflict(`The service deployment is in the ${sd.status} state and can't be stopped.`);
      const svc = Object.values(ctx.state.services).find((s) => s.arn === sd.serviceArn);
      if (sd.native) {
        if (!svc || svc.currentServiceDeployment !== arn)
          throw conflict("The service deployment is no longer the current deployment of its service and can't be stopped.");
        stopNative(ctx, svc, sd);
        return { serviceDeploymentArn: arn };
      }
      const dep = svc?.deployments.find((d) => d.serviceDeploymentArn === arn && d.status === 'PRIMARY');
      if (!svc || !dep) throw conflict("The service deployment is no longer the current deployment of its service and can't be stopped.");
      if (!svc.lastCompleted)
        throw conflict("The service deployment can't be rolled back: the service has no earlier service revision that completed.");
      const now = ctx.now();
      dep.rolloutState = 'FAILED';
      dep.rolloutStateReason = USER_ROLLBACK_REASON;
      dep.updatedAt = now;
      const rolled = startRollback(ctx, svc, dep, USER_ROLLBACK_REASON);
      if (rolled) postEvent(svc, messages.rollingBack(svc.name, rolled.messageId), now);
      ctx.engine.kick();
      return { serviceDeploymentArn: arn };
    },

    ContinueServiceDeployment: (input) =>
      continueHook(ctx, String(input.serviceDeploymentArn), String(input.hookId), input.action === 'ROLLBACK' ? 'ROLLBACK' : 'CONTINUE'),
  };
}
