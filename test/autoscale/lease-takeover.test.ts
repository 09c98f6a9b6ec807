// Two controller replicas on one service: only the lease holder acts; when it dies (cut off mid-flight, as by kill -9)
// the standby takes over once the lease lapses, and a clean stop hands the lease over at once.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { LEASE_TAG } from '../../src/autoscale/controller.js';
import { decodeLease } from '../../src/ecs/lease.js';
import { readTags } from '../../src/ecs/service-tags.js';
import { leaseSettleMs } from '../../src/ecs/tag-lease.js';
import { actorKey, recordedCalls } from '../helpers/iam-coverage.js';
import { eventually } from '../helpers/sandbox.js';
import { createService, specFor, startController, startWorld, type World } from './autoscale-world.js';

let w: World;
before(async () => {
  w = await startWorld(10);
});
after(async () => {
  await w?.close();
});

const LEASE_MS = 5_000; // a stall of half of it (2.5 s) on a starved machine lets it lapse, rightly handing it over
const POLL_MS = 300;

test('two replicas: one acts, the other stands by and takes over within the lease after the first dies', { timeout: 180_000 }, async () => {
  await createService(w, 'lease', 'app', 2);
  w.load.set({ active: 10, rate: 0 });
  const spec = specFor('lease', 'app', {
    source: { kind: 'nginx', port: 8080 },
    target: 10,
    min: 2,
    max: 8,
    poll: `${POLL_MS}ms`,
    lease: '5s',
    // A new holder's stable mode waits for one full window of its own history: short here, the lease is what this tests.
    scale_out: { stable_window: '1500ms' },
  });
  const ecs = await w.admin.ecs();
  const arn = (await ecs.describeServices({ cluster: 'lease', services: ['app'] })).services![0]!.serviceArn!;
  const lease = async () => decodeLease(await readTags(ecs, arn, new AbortController().signal), LEASE_TAG);

  const a = await startController(w, spec, 'replica-a', actorKey('replicaa'));
  await eventually(async () => ((await lease())?.owner === 'replica-a' ? true : undefined), 30_000, 50, 'a holds the lease');
  const b = await startController(w, spec, 'replica-b', actorKey('replicab'));
  try {
    await eventually(() => (b.polls.some((p) => p.role.kind === 'standby') ? true : undefined), 30_000, 50, 'b stands by');
    w.load.set({ active: 40, rate: 0 });
    await eventually(async () => (a.io.messages.some((m) => m.code === 'AUTOSCALE_SCALED') ? true : undefined), 30_000, 50, 'a scales');
    const bCalls = await recordedCalls(w.sandbox.endpoint, { accessKeyId: actorKey('replicab') });
    assert.equal(
      bCalls.filter((c) => c.operation === 'UpdateService' || c.operation === 'ListTasks').length,
      0,
      'the standby neither polls nor acts',
    );

    a.kill();
    const killedAt = Date.now();
    // Read after the kill: a lease a renewed just before it is the one b must wait out.
    const held = (await lease())!;
    assert.equal(held.owner, 'replica-a', 'a held the lease when it was killed');
    const taken = await eventually(
      async () => {
        const l = await lease();
        return l?.owner === 'replica-b' ? l : undefined;
      },
      30_000,
      20,
      'b takes the lease',
    );
    // b wrote its lease at until − lease; it may not take over before a's lease lapsed, and wakes for it at once.
    const tookAt = taken.until - LEASE_MS;
    assert.ok(tookAt >= held.until, `b took over at ${tookAt}, before a's lease ran out at ${held.until}`);
    assert.ok(
      tookAt - killedAt <= LEASE_MS + leaseSettleMs(LEASE_MS) + 2 * POLL_MS + 1_000,
      `taken ${tookAt - killedAt} ms after the kill`,
    );

    w.load.set({ active: 70, rate: 0 });
    await eventually(async () => (b.io.messages.some((m) => m.code === 'AUTOSCALE_SCALED') ? true : undefined), 30_000, 50, 'b scales');
    const desired = (await ecs.describeServices({ cluster: 'lease', services: ['app'] })).services![0]!.desiredCount;
    assert.ok(desired! >= 7, `the new holder sized the service for 70: ${desired}`);

    await b.stop();
    assert.equal(await lease(), undefined, 'a clean stop gives the lease back');
  } finally {
    await b.stop();
  }
});
