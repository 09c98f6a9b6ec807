// ECS's own CANARY/LINEAR deployment as the controller drives it: start it, read its stage and hooks, answer its PAUSE hooks.
import type { ServiceDeployment } from '@aws-sdk/client-ecs';
import type { Clock } from '../../core/clock.js';
import { UsageError } from '../../core/errors.js';
import { awaitingPauseHook } from '../../ecs/service-deployment.js';
import type { CanaryEcs } from '../aws/canary-aws.js';
import type { NativeDeploymentView } from '../ecs-native/native-state.js';
import type { DeploymentDriver, ResolvedRoute, RolloutTarget } from './traffic-router.js';

export type DriverEcs = Pick<
  CanaryEcs,
  | 'updateService'
  | 'listServiceDeployments'
  | 'describeServiceDeployments'
  | 'describeServiceRevisions'
  | 'continueServiceDeployment'
  | 'stopServiceDeployment'
>;

/** How often, and how many times, ListServiceDeployments is asked for the deployment UpdateService started. */
const FIND_POLL_MS = 250;
const FIND_TRIES = 60;

/** Pure: the parts of a ServiceDeployment the decision reads. */
export function deploymentView(sd: ServiceDeployment): NativeDeploymentView {
  const hook = awaitingPauseHook(sd);
  return {
    status: sd.status ?? 'PENDING',
    weight: sd.targetServiceRevision?.requestedProductionTrafficWeight ?? 0,
    ...(sd.statusReason ? { statusReason: sd.statusReason } : {}),
    ...(sd.lifecycleStage ? { lifecycleStage: sd.lifecycleStage } : {}),
    ...(hook ? { awaitingHook: hook } : {}),
    ...(sd.rollback?.reason ? { rollbackReason: sd.rollback.reason } : {}),
  };
}

export function createDeploymentDriver(
  ecs: DriverEcs,
  clock: Clock,
  reconcile: (t: RolloutTarget, signal: AbortSignal) => Promise<ResolvedRoute>,
): DeploymentDriver {
  async function describe(arn: string, signal: AbortSignal): Promise<ServiceDeployment> {
    const sd = (await ecs.describeServiceDeployments({ serviceDeploymentArns: [arn] }, signal)).serviceDeployments?.[0];
    if (!sd) throw new UsageError('CANARY_NATIVE_GONE', `service deployment ${arn} is no longer described by ECS`);
    return sd;
  }
  return {
    async start(t, revision, signal) {
      const before = clock.now().getTime();
      await ecs.updateService({ cluster: t.cluster, service: t.stableService, taskDefinition: revision }, signal);
      for (let i = 0; ; i++) {
        const list = await ecs.listServiceDeployments(
          { cluster: t.cluster, service: t.stableService, createdAt: { after: new Date(before - 60_000) } },
          signal,
        );
        const arn = [...(list.serviceDeployments ?? [])]
          .filter((d) => d.targetServiceRevisionArn && d.status !== 'SUCCESSFUL')
          .sort((a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0))[0]?.serviceDeploymentArn;
        if (arn) return arn;
        if (i >= FIND_TRIES)
          throw new UsageError(
            'CANARY_NATIVE_NO_DEPLOYMENT',
            `UpdateService on ${t.stableService} started no service deployment`,
            'is the revision the one already running?',
          );
        await clock.sleep(FIND_POLL_MS, signal);
      }
    },
    view: async (arn, signal) => deploymentView(await describe(arn, signal)),
    /**
     * ECS records the new revision's target group on the target revision (resolvedConfiguration); without it, the
     * group not carrying production when the controller starts (right unless resumed past 50%).
     */
    async route(t, arn, signal) {
      const route = await reconcile(t, signal);
      const target = (await describe(arn, signal)).targetServiceRevision?.arn;
      if (!target) return route;
      const rev = (await ecs.describeServiceRevisions({ serviceRevisionArns: [target] }, signal)).serviceRevisions?.[0];
      const tg = rev?.resolvedConfiguration?.loadBalancers?.find((l) => l.targetGroupArn)?.targetGroupArn;
      if (!tg || tg === route.canaryTargetGroupArn) return route;
      return tg === route.stableTargetGroupArn
        ? { ...route, stableTargetGroupArn: route.canaryTargetGroupArn, canaryTargetGroupArn: tg }
        : route;
    },
    async answer(arn, answer, hookId, signal) {
      if (hookId) await ecs.continueServiceDeployment({ serviceDeploymentArn: arn, hookId, action: answer }, signal);
      else if (answer === 'ROLLBACK') await ecs.stopServiceDeployment({ serviceDeploymentArn: arn, stopType: 'ROLLBACK' }, signal);
    },
  };
}
