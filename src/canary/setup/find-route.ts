// Finds the rule (or listener default action) that forwards to the stable target group, or checks the one the config names.
import type { Action, Rule } from '@aws-sdk/client-elastic-load-balancing-v2';
import { awsErrorCode } from '../../aws/aws-call.js';
import { UsageError } from '../../core/errors.js';
import { groupsOf } from '../routers/forward-weights.js';
import type { SetupElb } from './setup-aws.js';
import type { SetupRequest } from './setup-request.js';

export interface Route {
  /** A listener rule, or a listener whose default action carries the split. */
  readonly kind: 'rule' | 'listener';
  readonly arn: string;
  readonly actions: readonly Action[];
}

export const routeName = (r: Pick<Route, 'kind' | 'arn'>): string =>
  r.kind === 'rule' ? `listener rule ${r.arn}` : `listener ${r.arn} (default action)`;

const forwardGroups = (actions: readonly Action[]): string[] =>
  actions.filter((a) => a.Type === 'forward').flatMap((a) => groupsOf(a).map((g) => g.arn));

async function readRoute(elb: SetupElb, kind: Route['kind'], arn: string, file: string, signal: AbortSignal): Promise<Route> {
  const field = kind === 'rule' ? 'canary.listener_rule' : 'canary.listener';
  try {
    const actions =
      kind === 'rule'
        ? (await elb.describeRules({ RuleArns: [arn] }, signal)).Rules?.[0]?.Actions
        : (await elb.describeListeners({ ListenerArns: [arn] }, signal)).Listeners?.[0]?.DefaultActions;
    if (actions) return { kind, arn, actions };
  } catch (e) {
    if (!/NotFound/.test(awsErrorCode(e) ?? '')) throw e;
  }
  throw new UsageError('CANARY_ROUTE_NOT_FOUND', `${file}: ${field} names ${routeName({ kind, arn })}, which does not exist`, {
    file,
    field,
    hint: 'remove the key and canary setup finds the rule that forwards to the stable target group',
  });
}

/** The route the config names (checked to forward to the stable group), or the only one that does. */
export async function findRoute(
  elb: SetupElb,
  req: SetupRequest,
  stableTg: string,
  lbArns: readonly string[],
  signal: AbortSignal,
): Promise<Route> {
  const named = req.listenerRuleArn ?? req.listenerArn;
  if (named) {
    const route = await readRoute(elb, req.listenerRuleArn ? 'rule' : 'listener', named, req.file, signal);
    const groups = forwardGroups(route.actions);
    if (!groups.includes(stableTg))
      throw new UsageError(
        'CANARY_SETUP_ROUTE',
        `${req.file}: ${req.listenerRuleArn ? 'canary.listener_rule' : 'canary.listener'} names ${routeName(route)}, which forwards to ${groups.length ? groups.join(', ') : 'no target group'}, not to the stable service's target group ${stableTg}`,
        {
          file: req.file,
          field: req.listenerRuleArn ? 'canary.listener_rule' : 'canary.listener',
          hint: `expected a rule whose forward action includes ${stableTg}; name that rule, or remove the key to let setup find it`,
        },
      );
    return route;
  }
  if (lbArns.length === 0)
    throw new UsageError(
      'CANARY_NO_LOAD_BALANCER',
      `target group ${stableTg} of service ${req.stableService} is not attached to a load balancer: no listener forwards to it`,
      'canary setup splits traffic on an ALB rule (or listener default action) that forwards to the stable target group',
    );
  const found: Route[] = [];
  for (const lb of lbArns) {
    const listeners = (await elb.describeListeners({ LoadBalancerArn: lb }, signal)).Listeners ?? [];
    for (const l of listeners) {
      const rules: Rule[] = (await elb.describeRules({ ListenerArn: l.ListenerArn! }, signal)).Rules ?? [];
      for (const r of rules) {
        if (!forwardGroups(r.Actions ?? []).includes(stableTg)) continue;
        found.push(
          r.IsDefault
            ? { kind: 'listener', arn: l.ListenerArn!, actions: l.DefaultActions ?? [] }
            : { kind: 'rule', arn: r.RuleArn!, actions: r.Actions ?? [] },
        );
      }
      if (!rules.some((r) => r.IsDefault) && forwardGroups(l.DefaultActions ?? []).includes(stableTg))
        found.push({ kind: 'listener', arn: l.ListenerArn!, actions: l.DefaultActions ?? [] });
    }
  }
  if (found.length === 1) return found[0]!;
  if (found.length === 0)
    throw new UsageError(
      'CANARY_SETUP_ROUTE',
      `no listener rule or listener default action forwards to ${stableTg} (the target group of service ${req.stableService})`,
      'canary setup splits traffic on the rule that forwards to the stable target group: add a forward to it first',
    );
  throw new UsageError('CANARY_SETUP_ROUTE', `${found.length} routes forward to ${stableTg}: ${found.map(routeName).join('; ')}`, {
    file: req.file,
    field: 'canary.listener_rule',
    hint: 'set canary.listener_rule (or canary.listener) to the one whose traffic the canary shares',
  });
}
