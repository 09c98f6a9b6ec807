// One controller at a time: a lease kept in a tag (owner and expiry), renewed while its holder works and free once stale.
import { tagSafe, type Tag } from './service-tags.js';

export interface Lease {
  readonly owner: string;
  readonly until: number;
}

/** The lease as the tag `key` (each controller kind has its own key, so a canary and an autoscaler never contend). */
export const encodeLease = (l: Lease, key: string): Tag => ({ key, value: tagSafe(`${l.owner} until=${l.until}`) });

export function decodeLease(tags: readonly Tag[], key: string): Lease | undefined {
  const v = tags.find((t) => t.key === key)?.value;
  const m = v ? /^(\S+) until=(\d+)$/.exec(v) : null;
  return m ? { owner: m[1]!, until: Number(m[2]) } : undefined;
}

export type LeaseVerdict =
  { readonly kind: 'free' } | { readonly kind: 'mine' } | { readonly kind: 'held'; readonly owner: string; readonly until: number };

/** Pure: may `owner` act now? A lease past its expiry is free, whoever wrote it. */
export function leaseVerdict(current: Lease | undefined, owner: string, now: number): LeaseVerdict {
  if (!current || current.until <= now) return { kind: 'free' };
  if (current.owner === owner) return { kind: 'mine' };
  return { kind: 'held', owner: current.owner, until: current.until };
}

/** Renew when less than half the lease is left, so a busy controller writes it at most twice per lease. */
export const leaseNeedsRenewal = (current: Lease | undefined, owner: string, now: number, leaseMs: number): boolean =>
  !current || current.owner !== owner || current.until - now < leaseMs / 2;
