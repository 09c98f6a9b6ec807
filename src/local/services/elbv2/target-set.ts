// Registered targets per target group: their health (real checks while the group is in use), draining, and the live routing view.
import type { SandboxClock } from '../../clock.js';
import type { GroupTargets, LiveTarget } from '../../dataplane/target-picker.js';
import type { TargetGroupRecord } from './elbv2-state.js';
import { startHealthChecks } from './health-checker.js';
import { INITIAL, nextHealth, type HealthStatus } from './target-health.js';

export interface TargetRef {
  readonly id: string;
  readonly port: number;
  readonly availabilityZone?: string;
}

export interface RegistrationView extends TargetRef {
  readonly health: HealthStatus;
  readonly draining: boolean;
}

interface Registration extends TargetRef {
  health: HealthStatus;
  draining: { readonly cancel: () => void; readonly waiters: Array<() => void> } | undefined;
  stopChecks: (() => void) | undefined;
}

interface Group {
  readonly regs: Map<string, Registration>;
  inUse: boolean;
  targets: GroupTargets;
}

export interface TargetSetDeps {
  readonly clock: SandboxClock;
  readonly group: (arn: string) => TargetGroupRecord | undefined;
  /** A target left every group: the data plane closes its connection pool. */
  readonly retire: (key: string) => void;
  /** Routing or host counts of a group changed. */
  readonly changed: (targetGroupArn: string) => void;
}

const EMPTY: GroupTargets = { healthy: [], serving: [] };
const regKey = (id: string, port: number) => `${id}:${port}`;
const UNUSED: HealthStatus = { kind: 'unused' };

export function createTargetSet(deps: TargetSetDeps) {
  const groups = new Map<string, Group>();
  const groupOf = (arn: string): Group => {
    let g = groups.get(arn);
    if (!g) {
      g = { regs: new Map(), inUse: false, targets: EMPTY };
      groups.set(arn, g);
    }
    return g;
  };

  const rebuild = (arn: string, g: Group) => {
    const reachable = deps.group(arn)?.targetType === 'ip';
    const serving: LiveTarget[] = [];
    if (g.inUse && reachable) {
      for (const r of g.regs.values()) {
        if (!r.draining) serving.push({ key: regKey(r.id, r.port), host: r.id, port: r.port, healthy: r.health.kind === 'healthy' });
      }
    }
    g.targets = { serving, healthy: serving.filter((t) => t.healthy) };
    deps.changed(arn);
  };

  const startChecks = (arn: string, g: Group, r: Registration) => {
    r.stopChecks?.();
    r.stopChecks = undefined;
    const tg = deps.group(arn);
    if (!g.inUse || r.draining || !tg?.healthCheck.enabled) return;
    r.stopChecks = startHealthChecks({
      clock: deps.clock,
      config: () => deps.group(arn)?.healthCheck,
      target: { host: tg.targetType === 'ip' ? r.id : undefined, trafficPort: r.port },
      started: () => {
        if (r.health.kind === 'initial' && !r.health.checking) r.health = { ...r.health, checking: true };
      },
      result: (result) => {
        const hc = deps.group(arn)?.healthCheck;
        if (!hc) return;
        const next = nextHealth(r.health, result, { healthy: hc.healthyThreshold, unhealthy: hc.unhealthyThreshold });
        const flipped = next.kind !== r.health.kind;
        r.health = next;
        if (flipped) rebuild(arn, g);
      },
    });
  };

  const stillUsed = (key: string) => [...groups.values()].some((g) => g.regs.has(key));

  const remove = (arn: string, g: Group, r: Registration) => {
    const key = regKey(r.id, r.port);
    if (g.regs.get(key) !== r) return;
    g.regs.delete(key);
    r.stopChecks?.();
    r.draining?.cancel();
    for (const w of r.draining?.waiters ?? []) w();
    if (!stillUsed(key)) deps.retire(key);
    rebuild(arn, g);
  };

  return {
    register(arn: string, targets: readonly TargetRef[]): void {
      const g = groupOf(arn);
      for (const t of targets) {
        const key = regKey(t.id, t.port);
        const existing = g.regs.get(key);
        if (existing && !existing.draining) continue;
        if (existing?.draining) {
          // Registering a draining target again cancels its deregistration.
          existing.draining.cancel();
          for (const w of existing.draining.waiters) w();
          existing.draining = undefined;
          existing.health = g.inUse ? INITIAL : UNUSED;
          startChecks(arn, g, existing);
          continue;
        }
        const r: Registration = { ...t, health: g.inUse ? INITIAL : UNUSED, draining: undefined, stopChecks: undefined };
        g.regs.set(key, r);
        startChecks(arn, g, r);
      }
      rebuild(arn, g);
    },

    /** Starts draining; resolves when the target has left the group (at once when the group is unused or the delay is 0). */
    deregister(arn: string, target: { readonly id: string; readonly port: number }): Promise<void> {
      const g = groups.get(arn);
      const r = g?.regs.get(regKey(target.id, target.port));
      if (!g || !r) return Promise.resolve();
      if (r.draining) return new Promise((resolve) => r.draining!.waiters.push(resolve));
      const delaySeconds = Number(deps.group(arn)?.attributes['deregistration_delay.timeout_seconds'] ?? 300);
      if (!g.inUse || !(delaySeconds > 0)) {
        remove(arn, g, r);
        return Promise.resolve();
      }
      r.stopChecks?.();
      r.stopChecks = undefined;
      return new Promise((resolve) => {
        r.draining = { cancel: deps.clock.after(delaySeconds * 1000, () => remove(arn, g, r)), waiters: [resolve] };
        rebuild(arn, g);
      });
    },

    registrations: (arn: string): RegistrationView[] =>
      [...(groups.get(arn)?.regs.values() ?? [])].map((r) => ({
        ...(r.availabilityZone ? { availabilityZone: r.availabilityZone } : {}),
        id: r.id,
        port: r.port,
        health: r.health,
        draining: r.draining !== undefined,
      })),

    isRegistered: (arn: string, id: string, port: number) => groups.get(arn)?.regs.has(regKey(id, port)) ?? false,

    setInUse(arn: string, inUse: boolean): void {
      const g = groupOf(arn);
      if (g.inUse === inUse) return;
      g.inUse = inUse;
      for (const r of g.regs.values()) {
        if (r.draining) continue;
        r.health = inUse ? INITIAL : UNUSED;
        startChecks(arn, g, r);
      }
      rebuild(arn, g);
    },

    /** Health check settings changed: restart the loops with the new interval, keeping each target's state. */
    restartChecks(arn: string): void {
      const g = groups.get(arn);
      if (g) for (const r of g.regs.values()) if (r.stopChecks) startChecks(arn, g, r);
    },

    dropGroup(arn: string): void {
      const g = groups.get(arn);
      if (!g) return;
      for (const r of [...g.regs.values()]) remove(arn, g, r);
      groups.delete(arn);
    },

    groupTargets: (arn: string): GroupTargets => groups.get(arn)?.targets ?? EMPTY,

    counts(arn: string): { readonly healthy: number; readonly unhealthy: number } {
      let healthy = 0;
      let unhealthy = 0;
      for (const r of groups.get(arn)?.regs.values() ?? []) {
        if (r.draining) continue;
        if (r.health.kind === 'healthy') healthy++;
        else if (r.health.kind === 'unhealthy') unhealthy++;
      }
      return { healthy, unhealthy };
    },

    close(): void {
      for (const g of groups.values()) {
        for (const r of g.regs.values()) {
          r.stopChecks?.();
          r.draining?.cancel();
          for (const w of r.draining?.waiters ?? []) w();
        }
      }
      groups.clear();
    },
  };
}

export type TargetSet = ReturnType<typeof createTargetSet>;
