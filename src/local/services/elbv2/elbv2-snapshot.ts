// --state-dir persistence: the ELBv2 records and target registrations (health is re-checked after a restart).
import type { Elbv2State, ListenerRecord, LoadBalancerRecord, RuleRecord, TargetGroupRecord } from './elbv2-state.js';
import type { TargetRef, TargetSet } from './target-set.js';

export interface Elbv2Snapshot {
  readonly version: 1;
  readonly loadBalancers: readonly LoadBalancerRecord[];
  readonly targetGroups: readonly TargetGroupRecord[];
  readonly listeners: readonly ListenerRecord[];
  readonly rules: readonly RuleRecord[];
  readonly targets: Readonly<Record<string, readonly TargetRef[]>>;
}

export function takeSnapshot(state: Elbv2State, targets: TargetSet): Elbv2Snapshot {
  const registered: Record<string, TargetRef[]> = {};
  for (const arn of state.targetGroups.keys()) {
    // Draining targets are on their way out: they are not restored.
    const regs = targets.registrations(arn).filter((r) => !r.draining);
    if (regs.length > 0)
      registered[arn] = regs.map((r) => ({
        id: r.id,
        port: r.port,
        ...(r.availabilityZone ? { availabilityZone: r.availabilityZone } : {}),
      }));
  }
  return {
    version: 1,
    loadBalancers: [...state.loadBalancers.values()],
    targetGroups: [...state.targetGroups.values()],
    listeners: [...state.listeners.values()],
    rules: [...state.rules.values()],
    targets: registered,
  };
}

/** Fills `state` from a snapshot; returns the registrations to make once routing is known. */
export function loadSnapshot(state: Elbv2State, raw: unknown): Readonly<Record<string, readonly TargetRef[]>> {
  const snap = raw as Partial<Elbv2Snapshot> | undefined;
  if (!snap || snap.version !== 1) return {};
  // Restored records are visible at once, and a load balancer that was provisioning is active by now.
  for (const lb of snap.loadBalancers ?? []) state.loadBalancers.set(lb.arn, { ...lb, state: 'active', stamp: 0 });
  for (const tg of snap.targetGroups ?? []) state.targetGroups.set(tg.arn, { ...tg, stamp: 0 });
  for (const l of snap.listeners ?? []) state.listeners.set(l.arn, { ...l, stamp: 0 });
  for (const r of snap.rules ?? []) state.rules.set(r.arn, { ...r, stamp: 0 });
  return snap.targets ?? {};
}
