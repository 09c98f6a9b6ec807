// ECS-native backend: the service's own CANARY/LINEAR strategy moves the production rule's weights; cortado reads them and can only roll back.
import type { Action } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { Service } from '@aws-sdk/client-ecs';
import type { Clock } from '../../core/clock.js';
import { CortadoError, UsageError } from '../../core/errors.js';
import type { CanaryEcs, CanaryElb } from '../aws/canary-aws.js';
import { fromForwardWeights, type Weights } from '../step-weights.js';
import { createDeploymentDriver, type DriverEcs } from './ecs-deployment-driver.js';
import type { ResolvedRoute, RolloutTarget, TrafficRouter } from './traffic-router.js';

export interface EcsNativeDeps {
  readonly ecs: Pick<CanaryEcs, 'describeServices' | 'listServiceDeployments' | 'stopServiceDeployment'> & DriverEcs;
  readonly elb: Pick<CanaryElb, 'describeRules' | 'describeListeners' | 'describeTargetGroups'>;
  readonly clock: Clock;
}

const STRATEGIES = new Set(['CANARY', 'LINEAR', 'BLUE_GREEN']);

/** Pure: what a service must have for cortado to analyse its native deployments; throws naming what is missing. */
export function nativeSetup(svc: Service): {
  readonly rule: string;
  readonly pair: readonly [string, string];
  readonly pauseStages: readonly string[];
} {
  const name = svc.serviceName ?? 'the service';
  const strategy = svc.deploymentConfiguration?.strategy ?? 'ROLLING';
  if ((svc.deploymentController?.type ?? 'ECS') !== 'ECS' || !STRATEGIES.has(strategy)) {
    throw new UsageError(
      'CANARY_NATIVE_STRATEGY',
      `${name} deploys with ${svc.deploymentController?.type ?? 'ECS'}/${strategy}; router: ecs-native needs deploymentConfiguration.strategy CANARY or LINEAR`,
      'set it in the service definition and deploy it once',
    );
  }
  const lb = svc.loadBalancers?.find((l) => l.advancedConfiguration?.productionListenerRule);
  const adv = lb?.advancedConfiguration;
  if (!lb?.targetGroupArn || !adv?.alternateTargetGroupArn || !adv.productionListenerRule) {
    throw new UsageError(
      'CANARY_NATIVE_LB',
      `${name} has no loadBalancers[].advancedConfiguration with alternateTargetGroupArn and productionListenerRule`,
      'ECS shifts traffic only through an ALB rule it manages',
    );
  }
  const pauseStages = (svc.deploymentConfiguration?.lifecycleHooks ?? [])
    .filter((h) => h.targetType === 'PAUSE')
    .flatMap((h) => h.lifecycleStages ?? []);
  if (!pauseStages.some((s) => s === 'PRE_PRODUCTION_TRAFFIC_SHIFT' || s === 'POST_PRODUCTION_TRAFFIC_SHIFT')) {
    throw new UsageError(
      'CANARY_NATIVE_HOOKS',
      `${name} has no PAUSE lifecycle hook at PRE_PRODUCTION_TRAFFIC_SHIFT or POST_PRODUCTION_TRAFFIC_SHIFT, so ECS would never wait for the analysis`,
      'add deploymentConfiguration.lifecycleHooks: [{targetType: PAUSE, lifecycleStages: [PRE_PRODUCTION_TRAFFIC_SHIFT, POST_PRODUCTION_TRAFFIC_SHIFT]}]',
    );
  }
  return { rule: adv.productionListenerRule, pair: [lb.targetGroupArn, adv.alternateTargetGroupArn], pauseStages };
}

const groups = (actions: readonly Action[]) => actions.find((a) => a.Type === 'forward')?.ForwardConfig?.TargetGroups ?? [];

export function createEcsNativeRouter(deps: EcsNativeDeps): TrafficRouter {
  let setup: ReturnType<typeof nativeSetup> | undefined;
  let route: ResolvedRoute | undefined;

  async function rule(signal: AbortSignal): Promise<readonly Action[]> {
    const arn = setup!.rule;
    if (arn.includes(':listener-rule/')) return (await deps.elb.describeRules({ RuleArns: [arn] }, signal)).Rules?.[0]?.Actions ?? [];
    return (await deps.elb.describeListeners({ ListenerArns: [arn] }, signal)).Listeners?.[0]?.DefaultActions ?? [];
  }

  async function service(t: RolloutTarget, signal: AbortSignal): Promise<Service> {
    const svc = (await deps.ecs.describeServices({ cluster: t.cluster, services: [t.stableService] }, signal)).services?.find(
      (s) => s.status !== 'INACTIVE',
    );
    if (!svc) throw new UsageError('CANARY_SERVICE_NOT_FOUND', `service ${t.stableService} was not found in cluster ${t.cluster}`);
    return svc;
  }

  const router: TrafficRouter = {
    kind: 'ecs-native',
    /** The group serving production now is "stable"; the other one of the pair receives the new revision. */
    async reconcile(t, signal) {
      setup = nativeSetup(await service(t, signal));
      const g = groups(await rule(signal));
      const weight = (arn: string) => g.find((x) => x.TargetGroupArn === arn)?.Weight ?? 0;
      const [a, b] = setup.pair;
      const [stable, canary] = weight(b) > weight(a) ? [b, a] : [a, b];
      const lb =
        (await deps.elb.describeTargetGroups({ TargetGroupArns: [stable] }, signal)).TargetGroups?.[0]?.LoadBalancerArns?.[0] ?? '';
      route = { loadBalancerArn: lb, stableTargetGroupArn: stable, canaryTargetGroupArn: canary };
      return route;
    },
    async getWeights(t, signal) {
      if (!route) await this.reconcile(t, signal);
      const g = groups(await rule(signal));
      const weight = (arn: string) => g.find((x) => x.TargetGroupArn === arn)?.Weight ?? 0;
      return fromForwardWeights(weight(route!.stableTargetGroupArn), weight(route!.canaryTargetGroupArn));
    },
    /** ECS moves the weights itself; the only move cortado makes is back to 100/0, by rolling the deployment back. */
    async setWeights(t, w: Weights, signal) {
      if (w.canary !== 0)
        throw new CortadoError(
          'CANARY_NATIVE_WEIGHTS',
          `router ecs-native cannot set ${w.canary}% on the canary: ECS moves the weights with the service's strategy`,
          { source: 'internal' },
        );
      const list = await deps.ecs.listServiceDeployments(
        { cluster: t.cluster, service: t.stableService, status: ['PENDING', 'IN_PROGRESS'] },
        signal,
      );
      for (const d of list.serviceDeployments ?? []) {
        await deps.ecs.stopServiceDeployment({ serviceDeploymentArn: d.serviceDeploymentArn!, stopType: 'ROLLBACK' }, signal);
      }
    },
    deployment: createDeploymentDriver(deps.ecs, deps.clock, (t, signal) => router.reconcile(t, signal)),
  };
  return router;
}
