// What the data plane reads per request: compiled listener route tables and target group views, cached until they change.
import type { GroupView, ListenerView, TargetStickiness } from '../../dataplane/listener-server.js';
import { compileRouteTable } from '../../dataplane/route-table.js';
import type { GroupTargets } from '../../dataplane/target-picker.js';
import { dimensionOf } from './elbv2-arns.js';
import { actionsOf, rulesOf, type Elbv2State, type TargetGroupRecord } from './elbv2-state.js';
import type { TargetSet } from './target-set.js';

function stickinessOf(tg: TargetGroupRecord): TargetStickiness {
  const a = tg.attributes;
  if (a['stickiness.enabled'] !== 'true') return { kind: 'none' };
  if (a['stickiness.type'] === 'app_cookie') {
    return {
      kind: 'app_cookie',
      cookieName: a['stickiness.app_cookie.cookie_name'] ?? '',
      durationSeconds: Number(a['stickiness.app_cookie.duration_seconds'] ?? 86400),
    };
  }
  return { kind: 'lb_cookie', durationSeconds: Number(a['stickiness.lb_cookie.duration_seconds'] ?? 86400) };
}

export function createRoutingViews(state: Elbv2State, targets: TargetSet) {
  const listeners = new Map<string, ListenerView>();
  const groups = new Map<string, { readonly record: TargetGroupRecord; readonly targets: GroupTargets; readonly view: GroupView }>();

  return {
    /** Listeners, rules or load balancer attributes changed. */
    invalidate(): void {
      listeners.clear();
    },

    listener(arn: string): ListenerView | undefined {
      const hit = listeners.get(arn);
      if (hit) return hit;
      const l = state.listeners.get(arn);
      const lb = l && state.loadBalancers.get(l.loadBalancerArn);
      if (!l || !lb) return undefined;
      const rules = rulesOf(state, arn)
        .sort((a, b) => (a.priority ?? Infinity) - (b.priority ?? Infinity))
        .map((r) => ({ arn: r.arn, conditions: r.conditions, actions: actionsOf(state, r) }));
      const view: ListenerView = {
        table: compileRouteTable(rules),
        port: l.port,
        protocol: l.protocol === 'HTTPS' ? 'https' : 'http',
        lbDimension: dimensionOf(lb.arn),
        idleTimeoutMs: Number(lb.attributes['idle_timeout.timeout_seconds'] ?? 60) * 1000,
        xffMode: (lb.attributes['routing.http.xff_header_processing.mode'] ?? 'append') as ListenerView['xffMode'],
      };
      listeners.set(arn, view);
      return view;
    },

    group(arn: string): GroupView | undefined {
      const record = state.targetGroups.get(arn);
      if (!record) return undefined;
      const live = targets.groupTargets(arn);
      const hit = groups.get(arn);
      if (hit && hit.record === record && hit.targets === live) return hit.view;
      const view: GroupView = {
        dimension: dimensionOf(arn),
        id: record.id,
        // weighted_random is served as round robin locally (see spec.md).
        algorithm:
          record.attributes['load_balancing.algorithm.type'] === 'least_outstanding_requests'
            ? 'least_outstanding_requests'
            : 'round_robin',
        stickiness: stickinessOf(record),
        targets: live,
      };
      groups.set(arn, { record, targets: live, view });
      return view;
    },
  };
}
