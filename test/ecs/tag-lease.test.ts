// The lease kept in tags: renewing a live lease, and taking back one that ran out while its holder was stalled without
// trampling a standby that found it free in the meantime.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Clock } from '../../src/core/clock.js';
import { decodeLease, encodeLease, type Lease } from '../../src/ecs/lease.js';
import { keepLease, leaseSettleMs, takeLease, type LeaseSite } from '../../src/ecs/tag-lease.js';
import type { Tag } from '../../src/ecs/service-tags.js';

const KEY = 'cortado:test-lease';
const ARN = 'arn:aws:ecs:us-east-1:000000000000:service/c/app';
const LEASE_MS = 10_000;

/** One resource's tags in memory, a clock moved by hand, and a hook that runs while a controller sleeps. */
function world(start: number) {
  let now = start;
  const tags = new Map<string, string>();
  const writes: Lease[] = [];
  let duringSleep: (() => void) | undefined;
  const clock: Clock = {
    now: () => new Date(now),
    sleep: async (ms) => {
      now += ms;
      const f = duringSleep;
      duringSleep = undefined;
      f?.();
    },
  };
  const ecs = {
    listTagsForResource: async () => ({ tags: [...tags].map(([key, value]) => ({ key, value })), $metadata: {} }),
    tagResource: async (input: { tags?: { key?: string; value?: string }[] }) => {
      for (const t of input.tags ?? []) {
        tags.set(t.key!, t.value!);
        if (t.key === KEY) writes.push(decodeLease([{ key: KEY, value: t.value! }], KEY)!);
      }
      return { $metadata: {} };
    },
    untagResource: async (input: { tagKeys?: string[] }) => {
      for (const k of input.tagKeys ?? []) tags.delete(k);
      return { $metadata: {} };
    },
  } as unknown as LeaseSite['ecs'];
  const site = (owner: string): LeaseSite => ({ ecs, arn: ARN, key: KEY, owner, leaseMs: LEASE_MS, clock });
  const current = (): Tag[] => [...tags].map(([key, value]) => ({ key, value }));
  return {
    site,
    current,
    writes,
    set: (l: Lease) => tags.set(KEY, encodeLease(l, KEY).value),
    advance: (ms: number) => (now += ms),
    now: () => now,
    whileSleeping: (f: () => void) => (duringSleep = f),
  };
}

const signal = new AbortController().signal;

test('a live lease of our own is renewed at half-life only, or at once when the holder keeps its own schedule', async () => {
  const w = world(1_000_000);
  w.set({ owner: 'a', until: w.now() + LEASE_MS });
  w.advance(LEASE_MS / 4);
  assert.equal(await keepLease(w.site('a'), w.current(), signal), undefined);
  assert.equal(w.writes.length, 0, 'three quarters left: no write');
  assert.equal(await keepLease(w.site('a'), w.current(), signal, { renewNow: true }), undefined);
  assert.deepEqual(w.writes, [{ owner: 'a', until: w.now() + LEASE_MS }]);
  w.advance((LEASE_MS * 3) / 4);
  assert.equal(await keepLease(w.site('a'), w.current(), signal), undefined);
  assert.equal(w.writes.length, 2, 'a quarter left: renewed');
});

test("another controller's live lease is reported, not written over", async () => {
  const w = world(1_000_000);
  w.set({ owner: 'b', until: w.now() + 1_000 });
  assert.deepEqual(await keepLease(w.site('a'), w.current(), signal), { owner: 'b', until: w.now() + 1_000 });
  assert.equal(w.writes.length, 0);
});

test('a lease that ran out before its holder renewed it is taken anew: the standby that wrote last in the meantime keeps it', async () => {
  const w = world(1_000_000);
  w.set({ owner: 'a', until: w.now() + LEASE_MS });
  // a stalls past its lease; b, standing by, finds it free and writes its own while a is settling after its write.
  w.advance(LEASE_MS + 500);
  const seenByA = w.current();
  w.whileSleeping(() => {
    void takeLease(w.site('b'), seenByA, signal); // b read the lapsed lease before a's write landed
  });
  const other = await keepLease(w.site('a'), seenByA, signal);
  assert.equal(other?.owner, 'b', 'a reads the lease back after it settles and stands down');
  assert.equal(decodeLease(w.current(), KEY)?.owner, 'b');
  assert.deepEqual(
    w.writes.map((l) => l.owner),
    ['a', 'b'],
  );
});

test('a lapsed lease nobody else took is taken back after it settles', async () => {
  const w = world(1_000_000);
  w.set({ owner: 'a', until: w.now() });
  const before = w.now();
  assert.equal(await keepLease(w.site('a'), w.current(), signal), undefined);
  assert.equal(w.now() - before, leaseSettleMs(LEASE_MS), 'it waited for the lease to settle');
  assert.deepEqual(decodeLease(w.current(), KEY), { owner: 'a', until: before + LEASE_MS });
});
