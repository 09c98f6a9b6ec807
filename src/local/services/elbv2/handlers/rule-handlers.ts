// CreateRule, DescribeRules, ModifyRule, DeleteRule, SetRulePriorities: listener rules with AWS's priority and quota rules.
import { AwsError } from '../../../aws-error.js';
import { hexId } from '../../../ids.js';
import type { Handler, Input } from '../../../service.js';
import { normaliseActions } from '../action-validation.js';
import { checkAssociations } from '../association-limits.js';
import { normaliseConditions } from '../condition-validation.js';
import { checkArn, ruleArn } from '../elbv2-arns.js';
import { markerPage, strings, visible, type Elbv2Context } from '../elbv2-context.js';
import { listenerNotFound, ruleNotFound, validation } from '../elbv2-errors.js';
import { ruleOutput } from '../elbv2-output.js';
import { listenersOf, rulesOf, type ListenerRecord, type RuleRecord } from '../elbv2-state.js';
import { initialTags } from '../tag-list.js';

/** DG quotas: rules per Application Load Balancer, default rules excluded. */
export const MAX_RULES_PER_LOAD_BALANCER = 100;

const byPriority = (a: RuleRecord, b: RuleRecord) => (a.priority ?? Infinity) - (b.priority ?? Infinity);
const priorityInUse = (p: number) => new AwsError('PriorityInUse', `Priority '${p}' is currently in use`);

export function ruleHandlers(ctx: Elbv2Context): Record<string, Handler> {
  const { state } = ctx;
  const findListener = (arn: string): ListenerRecord => {
    const l = state.listeners.get(checkArn('listener', arn));
    if (!l || !visible(ctx, l)) throw listenerNotFound();
    return l;
  };
  const find = (arn: string): RuleRecord => {
    const r = state.rules.get(checkArn('listener-rule', arn));
    if (!r || !visible(ctx, r)) throw ruleNotFound();
    return r;
  };
  const actionsFor = (listener: ListenerRecord, raw: unknown[]) =>
    normaliseActions(raw, {
      targetGroup: (arn) => state.targetGroups.get(arn),
      listenerProtocol: listener.protocol,
      listenerPort: listener.port,
    });
  const conditionsFrom = (input: Input) => {
    const raw = (input.Conditions as unknown[] | undefined) ?? [];
    if (raw.length === 0) throw validation('A rule must have at least one condition');
    return normaliseConditions(raw);
  };

  return {
    CreateRule(input) {
      const listener = findListener(String(input.ListenerArn));
      const priority = Number(input.Priority);
      const conditions = conditionsFrom(input);
      const actions = actionsFor(listener, input.Actions as unknown[]);
      if (rulesOf(state, listener.arn).some((r) => r.priority === priority)) throw priorityInUse(priority);
      const lbRules = listenersOf(state, listener.loadBalancerArn)
        .flatMap((l) => rulesOf(state, l.arn))
        .filter((r) => r.priority !== undefined);
      if (lbRules.length >= MAX_RULES_PER_LOAD_BALANCER) {
        throw new AwsError(
          'TooManyRules',
          `The quota for the number of rules ('${MAX_RULES_PER_LOAD_BALANCER}') per load balancer has been reached`,
        );
      }
      checkAssociations(state, listener.loadBalancerArn, actions);
      const lb = state.loadBalancers.get(listener.loadBalancerArn)!;
      const arn = ruleArn(ctx.scope, lb.name, lb.id, listener.id, hexId(8));
      const rule: RuleRecord = {
        arn,
        listenerArn: listener.arn,
        priority,
        conditions,
        actions,
        tags: initialTags(input.Tags, arn),
        stamp: ctx.env.consistency.stamp(),
      };
      state.rules.set(arn, rule);
      ctx.routingChanged();
      return { Rules: [ruleOutput(state, rule)] };
    },

    DescribeRules(input) {
      const arns = strings(input.RuleArns);
      const listenerArn = input.ListenerArn as string | undefined;
      if (arns.length === 0 && listenerArn === undefined) throw validation('You must specify either listener rule ARNs or a listener ARN');
      const selected =
        arns.length > 0
          ? arns.map(find)
          : rulesOf(state, findListener(listenerArn!).arn)
              .filter((r) => visible(ctx, r))
              .sort(byPriority);
      const page = markerPage(selected, input, `rules:${arns.join()}:${listenerArn ?? ''}`);
      return { Rules: page.items.map((r) => ruleOutput(state, r)), ...(page.NextMarker ? { NextMarker: page.NextMarker } : {}) };
    },

    ModifyRule(input) {
      const rule = find(String(input.RuleArn));
      // The API reference: "To modify the actions for the default rule, use ModifyListener."
      if (rule.priority === undefined)
        throw new AwsError(
          'OperationNotPermitted',
          `Default rule '${rule.arn}' cannot be modified; use ModifyListener to change its actions`,
        );
      const listener = state.listeners.get(rule.listenerArn)!;
      const conditions = input.Conditions !== undefined ? conditionsFrom(input) : rule.conditions;
      const actions = input.Actions !== undefined ? actionsFor(listener, input.Actions as unknown[]) : rule.actions;
      checkAssociations(state, listener.loadBalancerArn, actions);
      const next = { ...rule, conditions, actions };
      state.rules.set(rule.arn, next);
      ctx.routingChanged();
      return { Rules: [ruleOutput(state, next)] };
    },

    DeleteRule(input) {
      const rule = find(String(input.RuleArn));
      if (rule.priority === undefined) throw new AwsError('OperationNotPermitted', `Default rule '${rule.arn}' cannot be deleted`);
      state.rules.delete(rule.arn);
      ctx.routingChanged();
      return {};
    },

    SetRulePriorities(input) {
      const pairs = (input.RulePriorities as Array<{ RuleArn?: string; Priority?: number }>) ?? [];
      const changes = new Map<string, number>();
      for (const p of pairs) {
        const rule = find(String(p.RuleArn ?? ''));
        if (rule.priority === undefined)
          throw new AwsError('OperationNotPermitted', `Default rule '${rule.arn}' priority cannot be modified`);
        if (p.Priority === undefined) throw validation('A priority must be specified for each rule');
        changes.set(rule.arn, p.Priority);
      }
      // The priorities after the change must be unique within each listener.
      const listeners = new Set([...changes.keys()].map((arn) => state.rules.get(arn)!.listenerArn));
      for (const listenerArn of listeners) {
        const taken = new Set<number>();
        for (const r of rulesOf(state, listenerArn)) {
          const p = changes.get(r.arn) ?? r.priority;
          if (p === undefined) continue;
          if (taken.has(p)) throw priorityInUse(p);
          taken.add(p);
        }
      }
      for (const [arn, priority] of changes) state.rules.set(arn, { ...state.rules.get(arn)!, priority });
      ctx.routingChanged();
      return { Rules: [...changes.keys()].map((arn) => ruleOutput(state, state.rules.get(arn)!)) };
    },
  };
}
