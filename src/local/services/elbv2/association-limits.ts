// Target group association limits: one load balancer per target group, 100 distinct target groups per load balancer.
import { AwsError } from '../../aws-error.js';
import { forwardTargets, targetGroupUsage, type ActionRecord, type Elbv2State } from './elbv2-state.js';

const MAX_GROUPS_PER_LOAD_BALANCER = 100;

/** Throws when `actions`, placed on `loadBalancerArn`, would break a limit. */
export function checkAssociations(state: Elbv2State, loadBalancerArn: string, actions: readonly ActionRecord[]): void {
  const usage = targetGroupUsage(state);
  const wanted = forwardTargets(actions);
  const foreign = wanted.filter((tg) => [...(usage.get(tg) ?? [])].some((lb) => lb !== loadBalancerArn));
  if (foreign.length > 0) {
    throw new AwsError(
      'TargetGroupAssociationLimit',
      `The following target groups cannot be associated with more than one load balancer: ${foreign.join(', ')}`,
    );
  }
  const distinct = new Set(wanted);
  for (const [tg, lbs] of usage) if (lbs.has(loadBalancerArn)) distinct.add(tg);
  if (distinct.size > MAX_GROUPS_PER_LOAD_BALANCER) {
    throw new AwsError(
      'TooManyUniqueTargetGroupsPerLoadBalancer',
      `You have reached the maximum number of unique target groups ('${MAX_GROUPS_PER_LOAD_BALANCER}') that you can associate with a load balancer`,
    );
  }
}
