// A start renews its lease while it sets the release up: a slow set-up (a loaded machine, throttled calls) must not let
// the lease run out before the controller loop renews it, or an operator's `canary abort` elsewhere takes the release over.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { recordingHost } from '../../src/core/io-host.js';
import type { Clock } from '../../src/core/clock.js';
import { createMetricProviders } from '../../src/canary/metrics/create-metric-providers.js';
import { createEcsNativeRouter } from '../../src/canary/routers/ecs-native-router.js';
import { startRelease } from '../../src/canary/canary-release.js';
import { decodeLease, leaseVerdict } from '../../src/ecs/lease.js';
import type { Tag } from '../../src/ecs/service-tags.js';
import { fakeEcsNative } from './fake-ecs-native.js';
import { testSpec } from './spec-fixture.js';

function virtualClock(): Clock {
  let t = 1_700_000_000_000;
  return {
    now: () => new Date(t),
    sleep: async (ms) => {
      t += ms;
    },
  };
}

const spec = testSpec({
  router: { kind: 'ecs-native' },
  steps: [],
  intervalMs: 0,
  analysisIntervalMs: 1_000,
  threshold: 1,
  minRequests: 20,
});
const target = { cluster: 'c', stableService: 'app', canaryService: 'app', spec };

test('a set-up slower than the lease: the lease is renewed between its steps, so another controller finds it held', async () => {
  const fake = fakeEcsNative(10);
  const clock = virtualClock();
  const base = fake.aws.ecs;
  const slow = spec.leaseMs / 2;
  let seenByOther: string | undefined;
  // Registering the revision and starting ECS's deployment each take half the lease.
  const ecs: typeof base = {
    ...base,
    registerTaskDefinition: async (i, s) => {
      await clock.sleep(slow);
      return base.registerTaskDefinition(i, s);
    },
    updateService: async (i, s) => {
      await clock.sleep(slow);
      const tags = ((await base.listTagsForResource({ resourceArn: 'x' })).tags ?? []) as Tag[];
      seenByOther ??= leaseVerdict(decodeLease(tags, 'cortado:canary:lease'), 'operator', clock.now().getTime()).kind;
      return base.updateService(i, s);
    },
  };
  const out = await startRelease(
    target,
    {
      aws: { ...fake.aws, ecs },
      router: createEcsNativeRouter({ ecs, elb: fake.aws.elb, clock }),
      providers: createMetricProviders(fake.aws.cloudwatch),
      clock,
      io: recordingHost(),
      owner: 'starter',
    },
    { kind: 'change', change: { image: { kind: 'tag', tag: 'v2' }, env: {} } },
    new AbortController().signal,
  );
  assert.equal(seenByOther, 'held', 'when ECS is asked to deploy, a lease past its first term is still held by the start');
  assert.equal(out.heldBy, undefined);
  assert.equal(out.state?.outcome, 'succeeded');
});
