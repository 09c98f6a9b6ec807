// The header-route listener rule: requests carrying a header (or cookie) forwarded to the canary target group, ahead of the stable rule.
import type { Rule, RuleCondition } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { Elbv2Api } from '../../aws/elbv2-api.js';
import { UsageError } from '../../core/errors.js';
import type { RouterSpec } from '../canary-spec.js';
import type { HeaderRouteSpec } from './header-route-spec.js';

export type HeaderRouteElb = Pick<Elbv2Api, 'describeRules' | 'describeTags' | 'createRule' | 'deleteRule'>;

/** The tag that marks the rule (value: the canary service), so a resumed release or a cleanup finds it. */
export const HEADER_ROUTE_TAG = 'cortado:canary-header-route';

const MAX_PRIORITY = 50_000;

/** `…:listener-rule/app/lb/id/listener-id/rule-id` → `…:listener/app/lb/id/listener-id`. */
export function listenerOfRule(ruleArn: string): string {
  const i = ruleArn.indexOf(':listener-rule/');
  if (i < 0) throw new UsageError('CANARY_CONFIG', `${ruleArn} is not a listener rule ARN`);
  const rest = ruleArn.slice(i + ':listener-rule/'.length).split('/');
  return `${ruleArn.slice(0, i)}:listener/${rest.slice(0, -1).join('/')}`;
}

/**
 * Pure: the priority of the header rule. In front of a rule (priority `before`): the nearest free number below it, so
 * the rule wins over the stable one and over nothing else. For a listener's default action: after every rule.
 */
export function headerRulePriority(taken: readonly number[], before: number | undefined): number | undefined {
  const used = new Set(taken);
  if (before === undefined) {
    const next = Math.max(0, ...taken) + 1;
    return next <= MAX_PRIORITY ? next : undefined;
  }
  for (let p = before - 1; p >= 1; p--) if (!used.has(p)) return p;
  return undefined;
}

/** Pure: the stable rule's own conditions (host, path…) and the header condition, so it catches only the stable rule's traffic. */
export function headerRuleConditions(route: HeaderRouteSpec, stableConditions: readonly RuleCondition[]): RuleCondition[] {
  const kept = stableConditions.map((c) => {
    // DescribeRules returns both the legacy Values and the *Config form; CreateRule takes one of them.
    if (c.Field === 'host-header' || c.Field === 'path-pattern') {
      const { Values: _legacy, ...rest } = c;
      return rest;
    }
    return c;
  });
  return [...kept, { Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: route.header, Values: [...route.values] } }];
}

export interface HeaderRoute {
  /** Creates the rule unless a tagged one exists; returns its ARN. */
  ensure(signal: AbortSignal): Promise<string>;
  /** Deletes every rule tagged for this canary service on the listener (none: nothing to do). */
  remove(signal: AbortSignal): Promise<number>;
}

type AlbSpec = Extract<RouterSpec, { kind: 'alb' }>;

export function createHeaderRoute(spec: AlbSpec, route: HeaderRouteSpec, elb: HeaderRouteElb, canaryTargetGroupArn: string): HeaderRoute {
  const listenerArn = spec.listenerRuleArn ? listenerOfRule(spec.listenerRuleArn) : spec.listenerArn!;

  async function rules(signal: AbortSignal): Promise<Rule[]> {
    const out: Rule[] = [];
    let marker: string | undefined;
    do {
      const page = await elb.describeRules({ ListenerArn: listenerArn, ...(marker ? { Marker: marker } : {}) }, signal);
      out.push(...(page.Rules ?? []));
      marker = page.NextMarker;
    } while (marker);
    return out;
  }

  async function tagged(all: readonly Rule[], signal: AbortSignal): Promise<string[]> {
    const arns = all.filter((r) => !r.IsDefault && r.RuleArn).map((r) => r.RuleArn!);
    const found: string[] = [];
    for (let i = 0; i < arns.length; i += 20) {
      const out = await elb.describeTags({ ResourceArns: arns.slice(i, i + 20) }, signal);
      for (const d of out.TagDescriptions ?? [])
        if (d.Tags?.some((t) => t.Key === HEADER_ROUTE_TAG && t.Value === spec.canaryService) && d.ResourceArn) found.push(d.ResourceArn);
    }
    return found;
  }

  return {
    async ensure(signal) {
      const all = await rules(signal);
      const existing = await tagged(all, signal);
      if (existing[0]) return existing[0];
      const stable = spec.listenerRuleArn ? all.find((r) => r.RuleArn === spec.listenerRuleArn) : undefined;
      if (spec.listenerRuleArn && !stable)
        throw new UsageError('CANARY_ROUTE_NOT_FOUND', `listener rule ${spec.listenerRuleArn} was not found`);
      const taken = all.filter((r) => !r.IsDefault).map((r) => Number(r.Priority));
      const priority = headerRulePriority(taken, stable ? Number(stable.Priority) : undefined);
      if (priority === undefined)
        throw new UsageError(
          'CANARY_HEADER_ROUTE',
          `no free listener rule priority in front of ${spec.listenerRuleArn ?? listenerArn}`,
          'move the stable rule to a higher priority number so a header rule fits before it',
        );
      const out = await elb.createRule(
        {
          ListenerArn: listenerArn,
          Priority: priority,
          Conditions: headerRuleConditions(route, stable?.Conditions ?? []),
          Actions: [{ Type: 'forward', TargetGroupArn: canaryTargetGroupArn }],
          Tags: [{ Key: HEADER_ROUTE_TAG, Value: spec.canaryService }],
        },
        signal,
      );
      return out.Rules?.[0]?.RuleArn ?? '';
    },
    async remove(signal) {
      const arns = await tagged(await rules(signal), signal);
      for (const arn of arns) await elb.deleteRule({ RuleArn: arn }, signal);
      return arns.length;
    },
  };
}
