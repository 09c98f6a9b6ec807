// Sets up a BLUE_GREEN/CANARY/LINEAR deployment: which deployment is blue, and which target group green registers into.
import type { DeployableConfig, DeploymentRecord, ServiceRecord } from './ecs-state.js';
import { hookDefsOf } from './native-config.js';
import type { NativeProgress } from './native-progress.js';
import { initialProgress } from './native-stages.js';
import { isNativeStrategy, trafficPlan } from './native-strategy.js';

export interface NativeStart {
  /** Per loadBalancers entry, the target group the new revision's tasks register into. */
  readonly targetGroups: readonly string[];
  readonly progress: NativeProgress;
}

/** The target group each loadBalancers entry of a deployment registers its tasks into. */
export const servingTargetGroups = (d: DeploymentRecord): string[] =>
  d.config.loadBalancers.map((lb, i) => d.targetGroups?.[i] ?? lb.targetGroupArn ?? '');

/** The deployment that last completed: it serves production. */
function blueOf(svc: ServiceRecord): DeploymentRecord | undefined {
  const last = svc.lastCompleted;
  return last
    ? svc.deployments.find(
        (d) => d.status !== 'INACTIVE' && d.serviceRevisionArn === last.serviceRevisionArn && d.rolloutState === 'COMPLETED',
      )
    : undefined;
}

/**
 * Per loadBalancers entry, the target group a new deployment registers into. Native: whichever of the pair blue does
 * not serve, so the groups swap roles after every successful deployment (our choice, unconfirmed by AWS; the revision's
 * resolvedConfiguration.loadBalancers says which group serves it). Rolling: the group of the pair that serves now, so
 * a service switched back to ROLLING keeps serving from where its production rule points.
 */
export function deploymentTargetGroups(svc: ServiceRecord, config: DeployableConfig, native: boolean): string[] {
  const blue = blueOf(svc);
  const serving = blue ? servingTargetGroups(blue) : [];
  return config.loadBalancers.map((lb) => {
    const primary = lb.targetGroupArn ?? '';
    const alt = lb.advancedConfiguration?.alternateTargetGroupArn;
    if (!alt || !blue) return primary;
    const altServes = serving.includes(alt);
    return native === altServes ? primary : alt;
  });
}

export function planNativeStart(svc: ServiceRecord, config: DeployableConfig): NativeStart | undefined {
  const dc = svc.deploymentConfiguration;
  const strategy = dc.strategy;
  if (!isNativeStrategy(strategy)) return undefined;
  const blue = blueOf(svc);
  const progress = initialProgress(
    {
      strategy,
      plan: trafficPlan(strategy, dc),
      hooks: hookDefsOf(dc),
      ...(blue ? { blueDeploymentId: blue.id } : {}),
    },
    svc.deployments.some((d) => d.status !== 'INACTIVE' && d !== blue),
  );
  return { targetGroups: deploymentTargetGroups(svc, config, true), progress };
}

/** The loadBalancers a deployment's new tasks register with: green's point at the target group it was given. */
export const taskLoadBalancers = (d: DeploymentRecord): DeployableConfig['loadBalancers'] =>
  d.config.loadBalancers.map((lb, i) => {
    const tg = d.targetGroups?.[i];
    return tg && tg !== lb.targetGroupArn ? { ...lb, targetGroupArn: tg } : lb;
  });
