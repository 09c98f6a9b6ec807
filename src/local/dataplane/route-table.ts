// The data plane's compiled view of a listener: rules in evaluation order, each a request predicate and one final action.
import type { IncomingHttpHeaders } from 'node:http';
import { compileConditions, type RuleConditionShape } from './condition-matchers.js';

/** What a rule condition can look at in a request. */
export interface RequestFacts {
  /** Host header without the port. */
  readonly host: string;
  /** Path without the query string, as sent. */
  readonly path: string;
  /** Raw query string without `?`. */
  readonly query: string;
  readonly method: string;
  readonly headers: IncomingHttpHeaders;
  /** The client's address on the TCP connection (X-Forwarded-For is ignored, as AWS does). */
  readonly sourceIp: string;
}

export interface WeightedGroup {
  readonly arn: string;
  readonly weight: number;
}

export type RouteAction =
  | {
      readonly kind: 'forward';
      readonly groups: readonly WeightedGroup[];
      readonly totalWeight: number;
      readonly stickiness: { readonly enabled: boolean; readonly durationSeconds: number };
    }
  | { readonly kind: 'fixed-response'; readonly status: number; readonly contentType: string | undefined; readonly body: string }
  | {
      readonly kind: 'redirect';
      readonly status: 301 | 302;
      readonly protocol: string;
      readonly host: string;
      readonly port: string;
      readonly path: string;
      readonly query: string;
    };

export interface CompiledRule {
  readonly arn: string;
  readonly matches: (req: RequestFacts) => boolean;
  readonly action: RouteAction;
}

export interface RouteTable {
  readonly rules: readonly CompiledRule[];
}

/** The members of AWS's Action shape the data plane acts on. */
export interface ActionShape {
  readonly Type: string;
  readonly Order?: number;
  readonly TargetGroupArn?: string;
  readonly ForwardConfig?: {
    readonly TargetGroups?: ReadonlyArray<{ readonly TargetGroupArn?: string; readonly Weight?: number }>;
    readonly TargetGroupStickinessConfig?: { readonly Enabled?: boolean; readonly DurationSeconds?: number };
  };
  readonly FixedResponseConfig?: { readonly StatusCode: string; readonly ContentType?: string; readonly MessageBody?: string };
  readonly RedirectConfig?: {
    readonly StatusCode: string;
    readonly Protocol?: string;
    readonly Host?: string;
    readonly Port?: string;
    readonly Path?: string;
    readonly Query?: string;
  };
}

export interface RuleShape {
  readonly arn: string;
  readonly conditions: readonly RuleConditionShape[];
  readonly actions: readonly ActionShape[];
}

const TERMINAL = new Set(['forward', 'fixed-response', 'redirect']);

/** The action that ends the rule: the terminal one with the highest Order (AWS runs it last). */
export function compileAction(actions: readonly ActionShape[]): RouteAction {
  const terminal = actions
    .filter((a) => TERMINAL.has(a.Type))
    .sort((a, b) => (a.Order ?? 0) - (b.Order ?? 0))
    .at(-1);
  if (!terminal) return { kind: 'fixed-response', status: 503, contentType: 'text/plain', body: '' };
  if (terminal.Type === 'fixed-response') {
    const c = terminal.FixedResponseConfig!;
    return { kind: 'fixed-response', status: Number(c.StatusCode), contentType: c.ContentType, body: c.MessageBody ?? '' };
  }
  if (terminal.Type === 'redirect') {
    const c = terminal.RedirectConfig!;
    return {
      kind: 'redirect',
      status: c.StatusCode === 'HTTP_301' ? 301 : 302,
      protocol: c.Protocol ?? '#{protocol}',
      host: c.Host ?? '#{host}',
      port: c.Port ?? '#{port}',
      path: c.Path ?? '/#{path}',
      query: c.Query ?? '#{query}',
    };
  }
  const tuples = terminal.ForwardConfig?.TargetGroups?.length
    ? terminal.ForwardConfig.TargetGroups
    : [{ TargetGroupArn: terminal.TargetGroupArn, Weight: 1 }];
  const groups = tuples.map((t) => ({ arn: t.TargetGroupArn ?? '', weight: t.Weight ?? 1 }));
  const sticky = terminal.ForwardConfig?.TargetGroupStickinessConfig;
  return {
    kind: 'forward',
    groups,
    totalWeight: groups.reduce((sum, g) => sum + g.weight, 0),
    stickiness: { enabled: sticky?.Enabled === true, durationSeconds: sticky?.DurationSeconds ?? 0 },
  };
}

/** Rules must come in evaluation order (priority ascending, default rule last). */
export function compileRouteTable(rules: readonly RuleShape[]): RouteTable {
  return {
    rules: rules.map((r) => ({ arn: r.arn, matches: compileConditions(r.conditions), action: compileAction(r.actions) })),
  };
}

export function selectRule(table: RouteTable, req: RequestFacts): CompiledRule | undefined {
  for (const rule of table.rules) if (rule.matches(req)) return rule;
  return undefined;
}
