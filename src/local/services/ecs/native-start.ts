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

/**
 * Blue is the deployment that last completed (it serves production). Green takes whichever of the pair blue does not
 * serve, so the target groups swap roles after every successful deployment (choice, AWS-SEMANTICS §3.3; the revision's
 * resolvedConfiguration.loadBalancers says which group serves it).
 */
export function planNativeStart(svc: ServiceRecord, config: DeployableConfig): NativeStart | undefined {
  const dc = svc.deploymentConfiguration;
  const strategy = dc.strategy;
  if (!isNativeStrategy(strategy)) return undefined;
  const live = svc.deployments.filter((d) => d.status !== 'INACTIVE');
  const last = svc.lastCompleted;
  const blue = last ? live.find((d) => d.serviceRevisionArn === last.serviceRevisionArn && d.rolloutState === 'COMPLETED') : undefined;
  const blueGroups = blue ? servingTargetGroups(blue) : [];
  const targetGroups = config.loadBalancers.map((lb) => {
    const primary = lb.targetGroupArn ?? '';
    const alt = lb.advancedConfiguration?.alternateTargetGroupArn;
    if (!alt || !blue) return primary;
    return blueGroups.includes(alt) ? primary : alt;
  });
  const progress = initialProgress({
    strategy, plan: trafficPlan(strategy, dc), hooks: hookDefsOf(dc), ...(blue ? { blueDeploymentId: blue.id } : {}),
  }, live.some((d) => d !== blue));
  return { targetGroups, progress };
}

/** The loadBalancers a deployment's new tasks register with: green's point at the target group it was given. */
export const taskLoadBalancers = (d: DeploymentRecord): DeployableConfig['loadBalancers'] =>
  d.config.loadBalancers.map((lb, i) => {
    const tg = d.targetGroups?.[i];
    return tg && tg !== lb.targetGroupArn ? { ...lb, targetGroupArn: tg } : lb;
  });
