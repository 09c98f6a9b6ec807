// One controller per release: a lease tag with an owner and an expiry, renewed while it works and taken over once stale.
import { TAG, tagSafe, type Tag } from './state-tags.js';

export interface Lease {
  readonly owner: string;
  readonly until: number;
}

export const encodeLease = (l: Lease): Tag => ({ key: TAG.lease, value: tagSafe(`${l.owner} until=${l.until}`) });

export function decodeLease(tags: readonly Tag[]): Lease | undefined {
  const v = tags.find((t) => t.key === TAG.lease)?.value;
  const m = v ? /^(\S+) until=(\d+)$/.exec(v) : null;
  return m ? { owner: m[1]!, until: Number(m[2]) } : undefined;
}

export type LeaseVerdict =
  { readonly kind: 'free' } | { readonly kind: 'mine' } | { readonly kind: 'held'; readonly owner: string; readonly until: number };

/** Pure: may `owner` run the release now? A lease past its expiry is free, whoever wrote it. */
export function leaseVerdict(current: Lease | undefined, owner: string, now: number): LeaseVerdict {
  if (!current || current.until <= now) return { kind: 'free' };
  if (current.owner === owner) return { kind: 'mine' };
  return { kind: 'held', owner: current.owner, until: current.until };
}

/** Renew when less than half the lease is left, so a busy controller writes it at most twice per lease. */
export const leaseNeedsRenewal = (current: Lease | undefined, owner: string, now: number, leaseMs: number): boolean =>
  !current || current.owner !== owner || current.until - now < leaseMs / 2;
