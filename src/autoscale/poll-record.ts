// What each poll of the controller reports (the live view and the JSON lines are drawn from it): the view, the decision, the action.
import type { Decision } from './decide.js';
import type { PollView } from './observe.js';

export type Role = { readonly kind: 'active' } | { readonly kind: 'standby'; readonly holder: string; readonly until: number };

export interface Action {
  readonly to: number;
  readonly ok: boolean;
  readonly error?: string;
}

export interface PollRecord {
  readonly at: number;
  readonly role: Role;
  readonly view?: PollView;
  readonly decision?: Decision;
  readonly action?: Action;
  /** The scalable target's bounds, when Application Auto Scaling has one. */
  readonly bounds?: { readonly min: number; readonly max: number };
  /** Why this poll failed (AWS refused or throttled): the next one is later by the back-off. */
  readonly error?: string;
  readonly backoffMs?: number;
}

/** The JSON line of a poll: flat and stable for scripts. */
export function pollLine(r: PollRecord): Record<string, unknown> {
  const v = r.view;
  return {
    time: new Date(r.at).toISOString(),
    role: r.role.kind,
    ...(r.role.kind === 'standby' ? { holder: r.role.holder, until: new Date(r.role.until).toISOString() } : {}),
    ...(v
      ? {
          service: v.service.name,
          desired: v.service.desired,
          running: v.service.running,
          pending: v.service.pending,
          ...(v.canary ? { canary: { service: v.canary.name, desired: v.canary.desired, running: v.canary.running } } : {}),
          load: v.load ?? null,
          unit: v.unit,
          missing: v.missing,
          tasks: v.tasks.map((t) => ({
            task: t.taskId,
            service: t.service,
            address: t.address,
            load: t.load ?? null,
            ...(t.error ? { error: t.error } : {}),
          })),
        }
      : {}),
    ...(r.decision ? { decision: r.decision } : {}),
    ...(r.action ? { action: r.action } : {}),
    ...(r.bounds ? { bounds: r.bounds } : {}),
    ...(r.error ? { error: r.error, backoffMs: r.backoffMs } : {}),
  };
}
