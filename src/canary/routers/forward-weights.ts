// Pure edits of an ALB action list: find the weighted forward action, read its split, rewrite only its weights.
import type { Action } from '@aws-sdk/client-elastic-load-balancing-v2';
import { UsageError } from '../../core/errors.js';
import { fromForwardWeights, toForwardWeights, type Weights } from '../step-weights.js';

export interface TargetPair {
  readonly stable: string;
  readonly canary: string;
}

/** Target groups of a forward action, whether written as TargetGroupArn or as ForwardConfig. */
export function groupsOf(a: Action): { arn: string; weight: number }[] {
  const fc = a.ForwardConfig?.TargetGroups;
  if (fc && fc.length > 0) return fc.map((g) => ({ arn: g.TargetGroupArn ?? '', weight: g.Weight ?? 1 }));
  return a.TargetGroupArn ? [{ arn: a.TargetGroupArn, weight: 1 }] : [];
}

export function forwardIndex(actions: readonly Action[], where: string): number {
  const i = actions.findIndex((a) => a.Type === 'forward');
  if (i < 0)
    throw new UsageError(
      'CANARY_NO_FORWARD',
      `${where} has no forward action (actions: ${actions.map((a) => a.Type).join(', ') || 'none'})`,
      'the canary router needs a rule (or listener default action) that forwards to the stable target group',
    );
  return i;
}

export function readWeights(actions: readonly Action[], pair: TargetPair, where: string): Weights {
  const groups = groupsOf(actions[forwardIndex(actions, where)]!);
  const weightOf = (arn: string) => groups.find((g) => g.arn === arn)?.weight ?? 0;
  if (!groups.some((g) => g.arn === pair.stable))
    throw new UsageError('CANARY_STABLE_NOT_ROUTED', `${where} does not forward to the stable target group ${pair.stable}`);
  return fromForwardWeights(weightOf(pair.stable), weightOf(pair.canary));
}

/** True when the forward action already lists the canary target group (at any weight). */
export const routesCanary = (actions: readonly Action[], pair: TargetPair, where: string): boolean =>
  groupsOf(actions[forwardIndex(actions, where)]!).some((g) => g.arn === pair.canary);

/**
 * The same actions with only the forward action's stable and canary weights changed: order, other actions,
 * other target groups and stickiness are kept. The canary group is appended when missing.
 */
export function withWeights(actions: readonly Action[], pair: TargetPair, w: Weights, where: string): Action[] {
  const i = forwardIndex(actions, where);
  const fwd = actions[i]!;
  const target = toForwardWeights(w);
  const groups = groupsOf(fwd);
  if (!groups.some((g) => g.arn === pair.stable))
    throw new UsageError('CANARY_STABLE_NOT_ROUTED', `${where} does not forward to the stable target group ${pair.stable}`);
  if (!groups.some((g) => g.arn === pair.canary)) groups.push({ arn: pair.canary, weight: 0 });
  const rewritten = groups.map((g) => ({
    TargetGroupArn: g.arn,
    Weight: g.arn === pair.stable ? target.stable : g.arn === pair.canary ? target.canary : g.weight,
  }));
  // TargetGroupArn and a multi-group ForwardConfig cannot be sent together, so the forward is written as ForwardConfig only.
  const { TargetGroupArn: _single, ...rest } = fwd;
  const next: Action = { ...rest, ForwardConfig: { ...fwd.ForwardConfig, TargetGroups: rewritten } };
  return actions.map((a, j) => (j === i ? next : a));
}

/** The same actions without `arn` in the forward action (canary teardown): the other groups keep their weights. */
export function withoutGroup(actions: readonly Action[], arn: string, where: string): Action[] {
  const i = forwardIndex(actions, where);
  const fwd = actions[i]!;
  const groups = groupsOf(fwd).filter((g) => g.arn !== arn);
  const { TargetGroupArn: _single, ...rest } = fwd;
  const next: Action = {
    ...rest,
    ForwardConfig: { ...fwd.ForwardConfig, TargetGroups: groups.map((g) => ({ TargetGroupArn: g.arn, Weight: g.weight })) },
  };
  return actions.map((a, j) => (j === i ? next : a));
}
