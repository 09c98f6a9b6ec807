// Taking, renewing and giving back a lease kept in a resource's tags: one acting controller, whichever capability runs it.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { EcsApi } from '../aws/ecs-api.js';
import type { Clock } from '../core/clock.js';
import { decodeLease, encodeLease, leaseNeedsRenewal, leaseVerdict, type Lease } from './lease.js';
import { readTags, removeTags, writeTags, type Tag } from './service-tags.js';

export interface LeaseSite {
  readonly ecs: Pick<EcsApi, 'listTagsForResource' | 'tagResource' | 'untagResource'>;
  readonly arn: string;
  /** The tag key the lease lives in. */
  readonly key: string;
  readonly owner: string;
  readonly leaseMs: number;
  readonly clock: Clock;
}

/** A controller's name: host, process and a random suffix, so two processes never share one. */
export const defaultOwner = (): string => `${hostname().replace(/[^\w.-]/g, '-')}:${process.pid}:${randomBytes(3).toString('hex')}`;

/**
 * How long a new lease settles before it is read back. Tag writes are last-writer-wins: two controllers that both
 * found the lease free both write it, and each must read after both writes landed to agree on the last one.
 */
export const leaseSettleMs = (leaseMs: number): number => Math.min(2_000, leaseMs / 5);

/**
 * Takes the lease unless a live controller holds it; a lease not already ours is read back after it settles, so of
 * two controllers starting together one backs off. Resolves to the lease that holds the resource elsewhere, if any.
 */
export async function takeLease(site: LeaseSite, tags: readonly Tag[], signal: AbortSignal): Promise<Lease | undefined> {
  const { ecs, arn, owner, clock, key } = site;
  const v = leaseVerdict(decodeLease(tags, key), owner, clock.now().getTime());
  if (v.kind === 'held') return { owner: v.owner, until: v.until };
  await writeTags(ecs, arn, [encodeLease({ owner, until: clock.now().getTime() + site.leaseMs }, key)], signal);
  if (v.kind === 'mine') return undefined;
  await clock.sleep(leaseSettleMs(site.leaseMs), signal);
  const won = decodeLease(await readTags(ecs, arn, signal), key);
  return won && won.owner !== owner ? won : undefined;
}

/**
 * Each step: the holder when another controller has taken over; otherwise renews at half-life. A lease that ran out
 * before its holder renewed it (a stalled process, a starved machine) is taken anew, settling and reading back as
 * takeLease does: a standby may have found it free and be writing its own right now, and the two must agree on one.
 */
export async function keepLease(
  site: LeaseSite,
  tags: readonly Tag[],
  signal: AbortSignal,
  opts: { /** Renew whatever is left: for a holder that keeps its own renewal schedule. */ readonly renewNow?: boolean } = {},
): Promise<Lease | undefined> {
  const now = site.clock.now().getTime();
  const current = decodeLease(tags, site.key);
  if (leaseVerdict(current, site.owner, now).kind !== 'mine') return takeLease(site, tags, signal);
  if (opts.renewNow || leaseNeedsRenewal(current, site.owner, now, site.leaseMs))
    await writeTags(site.ecs, site.arn, [encodeLease({ owner: site.owner, until: now + site.leaseMs }, site.key)], signal);
  return undefined;
}

/** Gives the lease back so a controller elsewhere need not wait for it to run out; `signal` of an interrupted run is spent, so a short own one. */
/**
 * How long a holder stopped by Ctrl-C spends handing back what it holds (the lease, a suspension it made): its run's signal
 * is spent, and while AWS throttles, each call can take many seconds of the SDK's back-off (a campaign under 10 %
 * throttling saw four calls outlast 20 s). A second Ctrl-C exits at once.
 */
export const HAND_BACK_MS = 60_000;
export const handBackSignal = (): AbortSignal => AbortSignal.timeout(HAND_BACK_MS);

/**
 * Whether the lease tag still names this controller, lapsed or not: no other took it over (true when it cannot be read:
 * the caller then acts as the holder).
 */
export async function holdsLease(site: LeaseSite, signal: AbortSignal): Promise<boolean> {
  try {
    return decodeLease(await readTags(site.ecs, site.arn, signal), site.key)?.owner === site.owner;
  } catch {
    return true;
  }
}

export async function giveBackLease(site: LeaseSite, signal: AbortSignal = handBackSignal()): Promise<void> {
  await removeTags(site.ecs, site.arn, [site.key], signal).catch(() => undefined);
}

/**
 * For a holder working through steps that do not renew the lease themselves (a start setting a release up before its
 * controller loop runs): `renew()` between steps reads the lease and renews it (keepLease) once a third of it has gone
 * by since the last renewal, so a slow set-up on a loaded machine or under throttling does not let it run out. Resolves
 * to the lease that holds the resource elsewhere, if another controller took it meanwhile.
 */
export function leaseKeeper(site: LeaseSite, signal: AbortSignal): { renew(): Promise<Lease | undefined> } {
  let last = site.clock.now().getTime();
  return {
    async renew() {
      if (site.clock.now().getTime() - last < site.leaseMs / 3) return undefined;
      const held = await keepLease(site, await readTags(site.ecs, site.arn, signal), signal);
      last = site.clock.now().getTime();
      return held;
    },
  };
}
