// Table tests: the lease every controller shares (canary, autoscaler): its tag round trip, who may act, when to renew.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeLease, encodeLease, leaseNeedsRenewal, leaseVerdict } from '../../src/ecs/lease.js';
import { leaseSettleMs } from '../../src/ecs/tag-lease.js';

test('lease: free when absent or expired, mine, or held; renewed at half-life', () => {
  const l = { owner: 'ci:7:ff', until: 10_000 };
  assert.deepEqual(decodeLease([encodeLease(l, 'x:lease')], 'x:lease'), l);
  const cases: [Parameters<typeof leaseVerdict>, string][] = [
    [[undefined, 'me', 0], 'free'],
    [[l, 'me', 10_000], 'free'],
    [[l, 'ci:7:ff', 5_000], 'mine'],
    [[l, 'me', 9_999], 'held'],
  ];
  for (const [args, want] of cases) assert.equal(leaseVerdict(...args).kind, want, JSON.stringify(args));
  assert.equal(leaseNeedsRenewal(l, 'ci:7:ff', 0, 20_000), false, 'half of the lease left');
  assert.equal(leaseNeedsRenewal(l, 'ci:7:ff', 1, 20_000), true, 'less than half left');
  assert.equal(leaseNeedsRenewal(l, 'other', 0, 30_000), true);
});

test('lease: one key per controller kind; another key reads as no lease', () => {
  const l = { owner: 'host:1:aa', until: 5 };
  assert.equal(decodeLease([encodeLease(l, 'cortado:canary:lease')], 'cortado:autoscale:lease'), undefined);
  assert.equal(decodeLease([{ key: 'k', value: 'garbage' }], 'k'), undefined);
});

test('a new lease settles long enough for two writers to land, and never for more than 2 s', () => {
  assert.deepEqual([3_000, 5_000, 30_000, 600_000].map(leaseSettleMs), [600, 1_000, 2_000, 2_000]);
});
