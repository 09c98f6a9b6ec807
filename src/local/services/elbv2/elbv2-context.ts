// What every ELBv2 handler works with: state, targets, the data plane, and the hooks that keep routing in step.
import type { SandboxEnv } from '../../env.js';
import type { DataPlane } from '../../dataplane/dataplane.js';
import { paginate } from '../../paginate.js';
import type { ArnScope } from './elbv2-arns.js';
import { validation } from './elbv2-errors.js';
import type { Elbv2State } from './elbv2-state.js';
import type { TargetSet } from './target-set.js';

export interface Elbv2Context {
  readonly env: SandboxEnv;
  readonly scope: ArnScope;
  readonly state: Elbv2State;
  readonly targets: TargetSet;
  readonly dataPlane: DataPlane;
  /** Listeners, rules or their actions changed: recompute which target groups are in use and drop cached route tables. */
  routingChanged(): void;
  /** A target group's settings or attributes changed (stickiness, algorithm, health checks). */
  groupChanged(targetGroupArn: string): void;
}

/** Eventual consistency: a record written too recently is not yet visible to Describe calls. */
export const visible = (ctx: Elbv2Context, record: { readonly stamp: number }) => ctx.env.consistency.visible(record.stamp);

export interface MarkerPage<T> {
  readonly items: readonly T[];
  readonly NextMarker?: string;
}

/** Describe* pagination with Marker/PageSize (1–400). */
export function markerPage<T>(
  all: readonly T[],
  input: { readonly Marker?: unknown; readonly PageSize?: unknown },
  fingerprint: string,
): MarkerPage<T> {
  const page = paginate(
    all,
    { nextToken: input.Marker, maxResults: input.PageSize },
    {
      defaultSize: 400,
      maxSize: 400,
      badToken: () => validation('The specified marker is not valid'),
      badSize: (n) => validation(`Page size '${n}' must be between 1 and 400`),
    },
    fingerprint,
  );
  return page.nextToken ? { items: page.items, NextMarker: page.nextToken } : { items: page.items };
}

export const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);
