// The ELBv2 control plane's state: plain, JSON-serialisable records keyed by ARN, in creation order.
import type { ActionShape } from '../../dataplane/route-table.js';
import type { RuleConditionShape } from '../../dataplane/condition-matchers.js';

export interface Tag {
  readonly Key: string;
  readonly Value?: string;
}

/** Actions and conditions are kept in the normalised shape DescribeListeners/DescribeRules answer with. */
export type ActionRecord = ActionShape & Readonly<Record<string, unknown>>;
export type ConditionRecord = RuleConditionShape & Readonly<Record<string, unknown>>;

export interface LoadBalancerRecord {
  readonly arn: string;
  readonly name: string;
  readonly id: string;
  readonly dnsName: string;
  readonly scheme: string;
  readonly ipAddressType: string;
  readonly subnets: readonly string[];
  /** Each subnet's Availability Zone, as EC2 has it (older snapshots have none: zones in order). */
  readonly zones?: readonly string[];
  readonly securityGroups: readonly string[];
  readonly vpcId: string;
  readonly createdTime: number;
  readonly state: 'provisioning' | 'active';
  readonly attributes: Readonly<Record<string, string>>;
  readonly tags: readonly Tag[];
  readonly stamp: number;
}

export interface HealthCheckConfig {
  readonly enabled: boolean;
  readonly protocol: string;
  readonly port: string;
  readonly path: string;
  readonly intervalSeconds: number;
  readonly timeoutSeconds: number;
  readonly healthyThreshold: number;
  readonly unhealthyThreshold: number;
  readonly matcher: { readonly HttpCode?: string; readonly GrpcCode?: string };
}

export type TargetType = 'instance' | 'ip' | 'lambda';

export interface TargetGroupRecord {
  readonly arn: string;
  readonly name: string;
  readonly id: string;
  readonly targetType: TargetType;
  readonly protocol?: string;
  readonly protocolVersion?: string;
  readonly port?: number;
  readonly vpcId?: string;
  readonly ipAddressType?: string;
  readonly healthCheck: HealthCheckConfig;
  readonly attributes: Readonly<Record<string, string>>;
  readonly tags: readonly Tag[];
  readonly stamp: number;
}

export interface ListenerRecord {
  readonly arn: string;
  readonly id: string;
  readonly loadBalancerArn: string;
  readonly port: number;
  readonly protocol: string;
  readonly sslPolicy?: string | undefined;
  readonly certificates?: ReadonlyArray<Readonly<Record<string, unknown>>> | undefined;
  readonly alpnPolicy?: readonly string[];
  readonly defaultActions: readonly ActionRecord[];
  readonly defaultRuleArn: string;
  readonly tags: readonly Tag[];
  readonly stamp: number;
}

export interface RuleRecord {
  readonly arn: string;
  readonly listenerArn: string;
  /** undefined for the listener's default rule, whose actions are the listener's default actions. */
  readonly priority: number | undefined;
  readonly conditions: readonly ConditionRecord[];
  readonly actions: readonly ActionRecord[];
  readonly tags: readonly Tag[];
  readonly stamp: number;
}

export interface Elbv2State {
  readonly loadBalancers: Map<string, LoadBalancerRecord>;
  readonly targetGroups: Map<string, TargetGroupRecord>;
  readonly listeners: Map<string, ListenerRecord>;
  readonly rules: Map<string, RuleRecord>;
}

export const emptyState = (): Elbv2State => ({
  loadBalancers: new Map(),
  targetGroups: new Map(),
  listeners: new Map(),
  rules: new Map(),
});

/** Target group ARNs a list of actions forwards to (weight 0 included: the group is still associated). */
export function forwardTargets(actions: readonly ActionShape[]): string[] {
  const out: string[] = [];
  for (const a of actions) {
    if (a.Type !== 'forward') continue;
    if (a.ForwardConfig?.TargetGroups?.length)
      for (const t of a.ForwardConfig.TargetGroups) {
        if (t.TargetGroupArn) out.push(t.TargetGroupArn);
      }
    else if (a.TargetGroupArn) out.push(a.TargetGroupArn);
  }
  return out;
}

export const listenersOf = (state: Elbv2State, lbArn: string): ListenerRecord[] =>
  [...state.listeners.values()].filter((l) => l.loadBalancerArn === lbArn);

export const rulesOf = (state: Elbv2State, listenerArn: string): RuleRecord[] =>
  [...state.rules.values()].filter((r) => r.listenerArn === listenerArn);

/** The actions a rule runs: its own, or its listener's default actions for the default rule. */
export function actionsOf(state: Elbv2State, rule: RuleRecord): readonly ActionRecord[] {
  return rule.priority === undefined ? (state.listeners.get(rule.listenerArn)?.defaultActions ?? []) : rule.actions;
}

/** Load balancers whose listeners or rules forward to each target group. */
export function targetGroupUsage(state: Elbv2State): Map<string, Set<string>> {
  const usage = new Map<string, Set<string>>();
  const note = (tg: string, lb: string) => {
    let set = usage.get(tg);
    if (!set) {
      set = new Set();
      usage.set(tg, set);
    }
    set.add(lb);
  };
  for (const rule of state.rules.values()) {
    const listener = state.listeners.get(rule.listenerArn);
    if (!listener) continue;
    for (const tg of forwardTargets(actionsOf(state, rule))) note(tg, listener.loadBalancerArn);
  }
  return usage;
}
