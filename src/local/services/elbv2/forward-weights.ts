// Reads and moves the weights of a rule's forward action for ECS blue/green deployments (the TargetRegistry seam).
import { checkAssociations } from './association-limits.js';
import type { ActionRecord, Elbv2State, RuleRecord } from './elbv2-state.js';

const MAX_GROUPS_PER_ACTION = 5;

export interface WeightedGroup {
  readonly targetGroupArn: string;
  readonly weight: number;
}

/** A rule by its ARN, or a listener's default rule by the listener's ARN (what ECS accepts for an NLB). */
function ruleOf(state: Elbv2State, arn: string): RuleRecord | undefined {
  const rule = state.rules.get(arn);
  if (rule) return rule;
  const listener = state.listeners.get(arn);
  return listener ? state.rules.get(listener.defaultRuleArn) : undefined;
}

const actionsOf = (state: Elbv2State, rule: RuleRecord): readonly ActionRecord[] =>
  rule.priority === undefined ? (state.listeners.get(rule.listenerArn)?.defaultActions ?? []) : rule.actions;

export function forwardWeightsOf(state: Elbv2State, arn: string): WeightedGroup[] | undefined {
  const rule = ruleOf(state, arn);
  const forward = rule ? actionsOf(state, rule).find((a) => a.Type === 'forward') : undefined;
  const groups = forward?.ForwardConfig?.TargetGroups;
  if (!groups) return undefined;
  return groups.map((g) => ({ targetGroupArn: g.TargetGroupArn ?? '', weight: g.Weight ?? 1 }));
}

/**
 * Sets the weights of the groups named, as a ModifyRule (or ModifyListener for a default rule) that keeps the action
 * otherwise as it is; a group the action does not forward to yet is added (ECS adds the alternate target group when the
 * production rule forwards to the primary one only). Returns false when nothing changed; throws before changing anything
 * when it cannot apply (unknown rule, no forward action, bad weight, or an association limit).
 */
export function setForwardWeights(state: Elbv2State, arn: string, weights: Readonly<Record<string, number>>): boolean {
  const rule = ruleOf(state, arn);
  if (!rule) throw new Error(`listener rule ${arn} does not exist`);
  const actions = actionsOf(state, rule);
  const forward = actions.find((a) => a.Type === 'forward');
  const groups = forward?.ForwardConfig?.TargetGroups;
  if (!forward || !groups) throw new Error(`listener rule ${arn} has no forward action`);
  for (const [tg, w] of Object.entries(weights)) {
    if (!state.targetGroups.has(tg)) throw new Error(`target group ${tg} does not exist`);
    if (!Number.isInteger(w) || w < 0 || w > 999) throw new Error(`weight ${w} for ${tg} is not an integer from 0 to 999`);
  }
  const added = Object.keys(weights).filter((tg) => !groups.some((g) => g.TargetGroupArn === tg));
  const same = added.length === 0 && groups.every((g) => (weights[g.TargetGroupArn ?? ''] ?? g.Weight) === g.Weight);
  if (same) return false;
  const tuples = [
    ...groups.map((g) => ({ ...g, Weight: weights[g.TargetGroupArn ?? ''] ?? g.Weight ?? 1 })),
    ...added.map((tg) => ({ TargetGroupArn: tg, Weight: weights[tg]! })),
  ];
  if (tuples.length > MAX_GROUPS_PER_ACTION)
    throw new Error(`listener rule ${arn} would forward to more than ${MAX_GROUPS_PER_ACTION} target groups`);
  // A single-group forward is echoed with TargetGroupArn as well; with several groups only ForwardConfig names them.
  const { TargetGroupArn: _single, ...rest } = forward;
  const next: ActionRecord = {
    ...rest,
    Type: 'forward',
    ...(tuples.length === 1 ? { TargetGroupArn: tuples[0]!.TargetGroupArn } : {}),
    ForwardConfig: { ...forward.ForwardConfig, TargetGroups: tuples },
  };
  const replaced = actions.map((a) => (a === forward ? next : a));
  const listener = state.listeners.get(rule.listenerArn)!;
  checkAssociations(state, listener.loadBalancerArn, replaced);
  if (rule.priority === undefined) state.listeners.set(listener.arn, { ...listener, defaultActions: replaced });
  else state.rules.set(rule.arn, { ...rule, actions: replaced });
  return true;
}
