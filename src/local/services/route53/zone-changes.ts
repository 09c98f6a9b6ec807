// Change records (/change/C...): PENDING when submitted, INSYNC once a simulated propagation delay has passed.
import type { SandboxEnv } from '../../env.js';
import { newChangeId, type ChangeState, type Route53Store } from './route53-store.js';

/** Simulated propagation time; Route 53 documents "generally within 60 seconds" (choice: 5 s, scaled by --speed). */
export const PROPAGATION_MS = 5_000;
/** Changes are answerable by GetChange for a day, then forgotten. */
const CHANGE_TTL_MS = 86_400_000;

export function submitChange(env: SandboxEnv, store: Route53Store, comment: string | undefined): ChangeState {
  const now = env.clock.now().getTime();
  for (const [id, c] of store.changes) if (c.submittedAt < now - CHANGE_TTL_MS) store.changes.delete(id);
  const change: ChangeState = {
    id: newChangeId(),
    submittedAt: now,
    insyncAt: now + env.clock.real(PROPAGATION_MS),
    ...(comment !== undefined ? { comment } : {}),
  };
  store.changes.set(change.id, change);
  return change;
}

export const changeInfo = (c: ChangeState, now: number): Record<string, unknown> => ({
  Id: `/change/${c.id}`,
  Status: now >= c.insyncAt ? 'INSYNC' : 'PENDING',
  SubmittedAt: new Date(c.submittedAt),
  ...(c.comment !== undefined ? { Comment: c.comment } : {}),
});
