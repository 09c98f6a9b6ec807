// ALB backend: one listener rule (or listener default action) forwarding to the stable and canary target groups.
import type { Action } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { Clock } from '../../core/clock.js';
import { UsageError } from '../../core/errors.js';
import type { CanaryEcs, CanaryElb } from '../aws/canary-aws.js';
import type { RouterSpec } from '../canary-spec.js';
import type { Weights } from '../step-weights.js';
import { readWeights, routesCanary, withWeights, type TargetPair } from './forward-weights.js';
import type { ResolvedRoute, TrafficRouter } from './traffic-router.js';

type AlbSpec = Extract<RouterSpec, { kind: 'alb' }>;

export interface AlbRouterDeps {
  readonly ecs: Pick<CanaryEcs, 'describeServices'>;
  readonly elb: CanaryElb;
  readonly clock: Clock;
  /**
   * A rule read (or written) this recently is rewritten without reading it again, so a rollback costs one
   * ModifyRule round trip. ModifyRule has no conditional write either way; nothing else should edit this rule mid-release.
   */
  readonly snapshotTtlMs?: number;
}

export function createAlbRouter(spec: AlbSpec, deps: AlbRouterDeps): TrafficRouter {
  const where = spec.listenerRuleArn ? `listener rule ${spec.listenerRuleArn}` : `listener ${spec.listenerArn} (default action)`;
  const ttl = deps.snapshotTtlMs ?? 30_000;
  let snapshot: { actions: readonly Action[]; at: number } | undefined;
  let pair: TargetPair | undefined;
  let route: ResolvedRoute | undefined;

  async function readActions(signal: AbortSignal): Promise<readonly Action[]> {
    let actions: readonly Action[] | undefined;
    if (spec.listenerRuleArn) {
      const out = await deps.elb.describeRules({ RuleArns: [spec.listenerRuleArn] }, signal);
      actions = out.Rules?.[0]?.Actions;
    } else {
      const out = await deps.elb.describeListeners({ ListenerArns: [spec.listenerArn!] }, signal);
      actions = out.Listeners?.[0]?.DefaultActions;
    }
    if (!actions) throw new UsageError('CANARY_ROUTE_NOT_FOUND', `${where} was not found`);
    snapshot = { actions, at: deps.clock.now().getTime() };
    return actions;
  }

  async function writeActions(actions: Action[], signal: AbortSignal): Promise<void> {
    if (spec.listenerRuleArn) {
      const out = await deps.elb.modifyRule({ RuleArn: spec.listenerRuleArn, Actions: actions }, signal);
      snapshot = { actions: out.Rules?.[0]?.Actions ?? actions, at: deps.clock.now().getTime() };
    } else {
      const out = await deps.elb.modifyListener({ ListenerArn: spec.listenerArn!, DefaultActions: actions }, signal);
      snapshot = { actions: out.Listeners?.[0]?.DefaultActions ?? actions, at: deps.clock.now().getTime() };
    }
  }

  async function targetGroupOf(cluster: string, service: string, explicit: string | undefined, signal: AbortSignal): Promise<string> {
    if (explicit) return explicit;
    const svc = (await deps.ecs.describeServices({ cluster, services: [service] }, signal)).services?.find((s) => s.status !== 'INACTIVE');
    if (!svc)
      throw new UsageError(
        'CANARY_SERVICE_NOT_FOUND',
        `service ${service} was not found in cluster ${cluster}`,
        'create the canary service (desiredCount 0, attached to the canary target group) first',
      );
    const tg = svc.loadBalancers?.find((lb) => lb.targetGroupArn)?.targetGroupArn;
    if (!tg)
      throw new UsageError(
        'CANARY_NO_TARGET_GROUP',
        `service ${service} is not attached to a target group`,
        'set canary.stable_target_group / canary.canary_target_group, or attach the services to their target groups',
      );
    return tg;
  }

  return {
    kind: 'alb',
    async reconcile(t, signal) {
      if (route) return route;
      const stable = await targetGroupOf(t.cluster, t.stableService, spec.stableTargetGroupArn, signal);
      const canary = await targetGroupOf(t.cluster, spec.canaryService, spec.canaryTargetGroupArn, signal);
      if (stable === canary)
        throw new UsageError('CANARY_SAME_TARGET_GROUP', `the stable and canary services use the same target group ${stable}`);
      pair = { stable, canary };
      const actions = await readActions(signal);
      readWeights(actions, pair, where);
      // A rule that only knows the stable group learns the canary one at weight 0: the split itself is untouched.
      if (!routesCanary(actions, pair, where))
        await writeActions(withWeights(actions, pair, readWeights(actions, pair, where), where), signal);
      const tgs = await deps.elb.describeTargetGroups({ TargetGroupArns: [stable] }, signal);
      const lb = tgs.TargetGroups?.[0]?.LoadBalancerArns?.[0];
      if (!lb) throw new UsageError('CANARY_NO_LOAD_BALANCER', `target group ${stable} is not attached to a load balancer`);
      route = { loadBalancerArn: lb, stableTargetGroupArn: stable, canaryTargetGroupArn: canary };
      return route;
    },
    async setWeights(t, w: Weights, signal) {
      if (!pair) await this.reconcile(t, signal);
      const fresh = snapshot && deps.clock.now().getTime() - snapshot.at < ttl ? snapshot.actions : await readActions(signal);
      await writeActions(withWeights(fresh, pair!, w, where), signal);
    },
    async getWeights(t, signal) {
      if (!pair) await this.reconcile(t, signal);
      return readWeights(await readActions(signal), pair!, where);
    },
  };
}
