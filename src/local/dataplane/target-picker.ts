// Chooses a target inside a target group: round robin or least outstanding requests over healthy targets, failing open.
export interface LiveTarget {
  /** `host:port`, unique per registered endpoint. */
  readonly key: string;
  readonly host: string;
  readonly port: number;
  readonly healthy: boolean;
}

/** The registered targets that may receive new requests (draining ones are excluded). */
export interface GroupTargets {
  readonly healthy: readonly LiveTarget[];
  readonly serving: readonly LiveTarget[];
}

export type Algorithm = 'round_robin' | 'least_outstanding_requests';

export type Pick = { readonly kind: 'target'; readonly target: LiveTarget; readonly failOpen: boolean } | { readonly kind: 'no-target' };

export interface TargetPicker {
  pick(groupArn: string, group: GroupTargets, algorithm: Algorithm, pinnedKey?: string): Pick;
}

/**
 * AWS routes only to healthy targets; when none is healthy it routes to all of them regardless of health (fail open).
 * `outstanding` reports requests in flight to a target, for least_outstanding_requests.
 */
export function createTargetPicker(outstanding: (key: string) => number): TargetPicker {
  const cursors = new Map<string, number>();
  return {
    pick(groupArn, group, algorithm, pinnedKey) {
      const failOpen = group.healthy.length === 0;
      const candidates = failOpen ? group.serving : group.healthy;
      if (candidates.length === 0) return { kind: 'no-target' };
      if (pinnedKey !== undefined) {
        for (const t of candidates) if (t.key === pinnedKey) return { kind: 'target', target: t, failOpen };
      }
      const cursor = cursors.get(groupArn) ?? 0;
      cursors.set(groupArn, cursor + 1);
      if (algorithm === 'least_outstanding_requests' && candidates.length > 1) {
        let best: LiveTarget | undefined;
        let bestLoad = Infinity;
        // Start at the cursor so ties rotate instead of always hitting the first target.
        for (let i = 0; i < candidates.length; i++) {
          const t = candidates[(cursor + i) % candidates.length]!;
          const load = outstanding(t.key);
          if (load < bestLoad) {
            best = t;
            bestLoad = load;
          }
        }
        return { kind: 'target', target: best!, failOpen };
      }
      return { kind: 'target', target: candidates[cursor % candidates.length]!, failOpen };
    },
  };
}
