// Scenario: the controller against the sandbox — a load step scales out within three polls, scale-in waits its window,
// faults (a task down, all down, ECS throttling) hold or back off without duplicate updates. Polls are counted in the call log.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { UsageError } from '../../src/core/errors.js';
import { actorKey, assertCallsInTable, lastCallSeq, recordedCalls, type RecordedCall } from '../helpers/iam-coverage.js';
import { eventually, setFaults } from '../helpers/sandbox.js';
import { createService, NETWORK, runningCount, specFor, startController, startWorld, type World } from './autoscale-world.js';

let w: World;
const POLL = { poll: '400ms', lease: '4s', scale_out: { stable_window: '2s', panic_window: '2s' }, scale_in: { stabilization: '4s' } };

before(async () => {
  w = await startWorld(10);
});
after(async () => {
  await w?.close();
});

/** The call log's records carry the time, HTTP status and error code too. */
type Call = RecordedCall & { readonly time: string; readonly status: number; readonly errorCode?: string };
const calls = async (key: string, since: number): Promise<Call[]> =>
  (await recordedCalls(w.sandbox.endpoint, { since, accessKeyId: key })) as Call[];
const polls = (cs: readonly RecordedCall[]) => cs.filter((c) => c.operation === 'ListTasks').length;
const desired = async (cluster: string, service: string) =>
  (await (await w.admin.ecs()).describeServices({ cluster, services: [service] })).services![0]!.desiredCount!;

type Started = Awaited<ReturnType<typeof startController>>;
/** Waits for a poll as the acting replica among the controller's polls from `from` on. */
const acts = (c: Started, what: string, from = 0, everyMs = 100) =>
  eventually(() => (c.polls.slice(from).some((p) => p.role.kind === 'active') ? true : undefined), 60_000, everyMs, what);

/** Registers a scalable target on the service; `read()` describes it (undefined while AWS does not list it). */
async function scalableTargetOn(cluster: string, service: string, min: number, max: number) {
  const aas = await w.admin.autoScaling();
  const ResourceId = `service/${cluster}/${service}`;
  await aas.registerScalableTarget({
    ServiceNamespace: 'ecs',
    ResourceId,
    ScalableDimension: 'ecs:service:DesiredCount',
    MinCapacity: min,
    MaxCapacity: max,
  });
  return {
    read: async () => (await aas.describeScalableTargets({ ServiceNamespace: 'ecs', ResourceIds: [ResourceId] })).ScalableTargets?.[0],
  };
}

test(
  'a step from 10 to 60 active connections (target 10 per task) scales 2 → 6 within three polls; scale-in waits its window',
  { timeout: 180_000 },
  async () => {
    await createService(w, 'step', 'app', 2);
    w.load.set({ active: 10, rate: 0 });
    const key = actorKey('step');
    const c = await startController(
      w,
      specFor('step', 'app', { source: { kind: 'nginx', port: 8080 }, target: 10, min: 2, max: 10, ...POLL }),
      'step-a',
      key,
    );
    try {
      await eventually(() => (c.polls.filter((p) => p.view?.tasks.length === 2).length >= 3 ? true : undefined), 30_000, 50, 'three polls');
      const before = await calls(key, 0);
      assert.equal(before.filter((x) => x.operation === 'UpdateService').length, 0, 'nothing to do at 10');
      const stepSeq = await lastCallSeq(w.sandbox.endpoint);
      w.load.set({ active: 60, rate: 0 });
      const update = await eventually(
        async () => (await calls(key, stepSeq)).find((x) => x.operation === 'UpdateService' && x.status === 200),
        30_000,
        50,
        'the UpdateService after the step',
      );
      const between = (await calls(key, stepSeq)).filter((x) => x.seq < update.seq);
      assert.ok(polls(between) <= 3, `UpdateService after ${polls(between)} polls`);
      const to = await desired('step', 'app');
      assert.ok(to >= 6 && to <= 7, `sized for 60 within one task: ${to}`);
      await runningCount(w, 'step', 'app', to);
      await eventually(
        () => (c.polls.at(-1)?.view?.tasks.filter((t) => t.load !== undefined).length === to ? true : undefined),
        30_000,
        50,
        'new tasks answering',
      );

      const dropSeq = await lastCallSeq(w.sandbox.endpoint);
      const droppedAt = Date.now();
      w.load.set({ active: 25, rate: 0 });
      const scaleIn = await eventually(
        async () => (await calls(key, dropSeq)).find((x) => x.operation === 'UpdateService' && x.status === 200),
        60_000,
        100,
        'the scale-in',
      );
      // A lower bound on time cannot fail because the machine is slow: the scale-in waits the 4 s stabilisation window
      // from the last poll that saw the old load, which may have started up to one poll (400 ms) before the drop.
      const waited = Date.parse(scaleIn.time) - droppedAt;
      assert.ok(waited >= 4_000 - 400, `scale-in ${waited} ms after the drop, before its stabilisation window`);
      // Scale-in steps down as higher recommendations leave the window, and stops at what the load needs.
      await eventually(async () => ((await desired('step', 'app')) === 3 ? true : undefined), 60_000, 100, '25 needs 3 tasks of 10');
      const scaled = c.io.messages
        .filter((m) => m.code === 'AUTOSCALE_SCALED')
        .map((m) => m.data as { from: number; to: number; why: string });
      assert.match(scaled[0]!.why, /^panic: /);
      assert.ok(
        scaled.slice(1).every((d) => d.to < d.from && d.to >= 3 && /highest over 4 s/.test(d.why)),
        JSON.stringify(scaled),
      );
      await new Promise((r) => setTimeout(r, 4_000));
      assert.equal(await desired('step', 'app'), 3, 'and stays there');
      assertCallsInTable('autoscale run', await calls(key, 0));
    } finally {
      await c.stop();
    }
  },
);

test(
  'faults: a task down is reported and left out (no scale-in); all down holds; throttled updates back off and land once',
  { timeout: 180_000 },
  async () => {
    await createService(w, 'faults', 'app', 3);
    w.load.set({ active: 30, rate: 0 });
    const key = actorKey('faults');
    const c = await startController(
      w,
      specFor('faults', 'app', { source: { kind: 'nginx', port: 8080 }, target: 10, min: 1, max: 10, ...POLL }),
      'faults-a',
      key,
    );
    try {
      await eventually(() => (c.polls.filter((p) => p.view?.tasks.length === 3).length >= 2 ? true : undefined), 30_000, 50, 'polls');
      const [first] = c.polls.at(-1)!.view!.tasks;
      w.load.down([first!.address]);
      w.load.set({ active: 5, rate: 0 });
      const downSeq = await lastCallSeq(w.sandbox.endpoint);
      await eventually(
        () => (c.io.messages.some((m) => m.code === 'AUTOSCALE_TASK_DOWN' && m.message.includes(first!.address)) ? true : undefined),
        30_000,
        50,
        'the down task reported',
      );
      // Well past the stabilisation window: a low load with a task unaccounted for never scales in.
      await eventually(async () => (polls(await calls(key, downSeq)) >= 16 ? true : undefined), 60_000, 100, '16 polls');
      assert.equal((await calls(key, downSeq)).filter((x) => x.operation === 'UpdateService').length, 0, 'no scale-in with a task down');
      const last = c.polls.at(-1)!;
      assert.equal(last.view!.missing, 1);
      assert.ok(last.decision?.kind === 'hold' && /did not answer: no scale-in/.test(last.decision.why), last.decision?.why);

      w.load.down('all');
      w.load.set({ active: 0, rate: 0 });
      const allSeq = await lastCallSeq(w.sandbox.endpoint);
      await eventually(async () => (polls(await calls(key, allSeq)) >= 12 ? true : undefined), 60_000, 100, '12 polls');
      assert.equal((await calls(key, allSeq)).filter((x) => x.operation === 'UpdateService').length, 0, 'all down: hold');
      assert.match(String(c.polls.at(-1)!.decision?.why), /no task answered \(3 down\): holding at 3/);

      w.load.down([]);
      await setFaults(w.sandbox.endpoint, { throttle: [{ service: 'ecs', operation: 'UpdateService', rate: 0, burst: 0 }] });
      const throttleSeq = await lastCallSeq(w.sandbox.endpoint);
      w.load.set({ active: 90, rate: 0 });
      await eventually(
        () => (c.io.messages.filter((m) => m.code === 'AUTOSCALE_THROTTLED').length >= 2 ? true : undefined),
        60_000,
        50,
        'two throttled polls',
      );
      const throttled = (await calls(key, throttleSeq)).filter((x) => x.operation === 'UpdateService');
      assert.ok(throttled.length >= 2 && throttled.every((x) => x.errorCode === 'ThrottlingException'), JSON.stringify(throttled));
      const backoffs = c.polls.filter((p) => p.error).map((p) => p.backoffMs!);
      assert.ok(backoffs.length >= 2 && backoffs[1]! > backoffs[0]!, `backs off more each time: ${backoffs.join(', ')}`);
      const scaledBefore = c.io.messages.filter((m) => m.code === 'AUTOSCALE_SCALED').length;
      await setFaults(w.sandbox.endpoint, { throttle: [] });
      const okSeq = await lastCallSeq(w.sandbox.endpoint);
      await eventually(
        async () => ((await desired('faults', 'app')) >= 9 ? true : undefined),
        60_000,
        100,
        'desired 9 once throttling ends',
      );
      await eventually(async () => (polls(await calls(key, okSeq)) >= 8 ? true : undefined), 60_000, 100, '8 more polls');
      // Every decision is one UpdateService, and no decision repeats the count it already set.
      const decisions = c.io.messages
        .filter((m) => m.code === 'AUTOSCALE_SCALED')
        .slice(scaledBefore)
        .map((m) => (m.data as { to: number }).to);
      const landed = (await calls(key, throttleSeq)).filter((x) => x.operation === 'UpdateService' && x.status === 200);
      assert.equal(landed.length, decisions.length, 'one UpdateService per decision');
      assert.ok(
        decisions.length >= 1 && decisions.every((to, i) => i === 0 || to !== decisions[i - 1]),
        `no duplicate: ${decisions.join(', ')}`,
      );
    } finally {
      await c.stop();
    }
  },
);

test(
  "Application Auto Scaling: its target's bounds narrow the count, dynamic scaling is suspended while a controller acts, " +
    'a successor after a kill -9 keeps it so, and Ctrl-C resumes it and gives the lease back, also when each call takes 1.2 s',
  { timeout: 180_000 },
  async () => {
    await createService(w, 'aas', 'app', 2);
    w.load.set({ active: 0, rate: 0 });
    const target = await scalableTargetOn('aas', 'app', 3, 4);
    const suspended = async () => {
      const t = (await target.read())!;
      return t.SuspendedState?.DynamicScalingInSuspended === true && t.SuspendedState.DynamicScalingOutSuspended === true;
    };
    const ecs = await w.admin.ecs();
    const arn = (await ecs.describeServices({ cluster: 'aas', services: ['app'] })).services![0]!.serviceArn!;
    const tagKeys = async () => ((await ecs.listTagsForResource({ resourceArn: arn })).tags ?? []).map((t) => t.key).sort();
    const spec = specFor('aas', 'app', { source: { kind: 'nginx', port: 8080 }, target: 10, min: 1, max: 10, ...POLL });

    const a = await startController(w, spec, 'aas-a', actorKey('aasa'));
    let b: Started | undefined;
    try {
      await eventually(async () => ((await desired('aas', 'app')) === 3 ? true : undefined), 30_000, 100, "the target's minimum 3");
      assert.ok(await suspended(), 'suspended while the controller acts');
      assert.deepEqual(await tagKeys(), ['cortado:autoscale:aas-suspended', 'cortado:autoscale:lease']);
      a.kill();

      b = await startController(w, spec, 'aas-b', actorKey('aasb'));
      await acts(b, 'b takes over');
      assert.ok(await suspended(), 'still suspended under the successor');
      // Every call of the hand-back now takes 1.2 s: the four calls it makes outlast a few seconds' budget.
      await setFaults(w.sandbox.endpoint, { latencyMs: 1_200 });
      await b.stop();
      await setFaults(w.sandbox.endpoint, { latencyMs: 0 });
      assert.ok(
        b.io.messages.some((m) => m.code === 'AUTO_SCALING_RESUMED'),
        JSON.stringify(b.io.messages.filter((m) => m.level !== 'info')),
      );
      assert.equal(await suspended(), false, 'resumed on a clean stop');
      assert.deepEqual(await tagKeys(), [], 'the suspension mark and the lease are gone');
      assert.equal(await desired('aas', 'app'), 3, 'the count stays where it was set');
    } finally {
      await setFaults(w.sandbox.endpoint, { latencyMs: 0 });
      a.kill();
      await b?.stop();
    }
  },
);

test(
  'a service created a moment before the controller starts is read again until ECS lists it; one still missing is a config error',
  { timeout: 120_000 },
  async () => {
    await createService(w, 'fresh', 'seed', 0);
    const ecs = await w.admin.ecs();
    const spec = (service: string) =>
      specFor('fresh', service, { source: { kind: 'nginx', port: 8080 }, target: 10, min: 0, max: 2, ...POLL });
    // ECS is eventually consistent: the new service stays invisible to reads for 2 s.
    await setFaults(w.sandbox.endpoint, { consistencyDelayMs: 2_000 });
    let c: Started | undefined;
    try {
      await ecs.createService({
        cluster: 'fresh',
        serviceName: 'app',
        taskDefinition: 'seed',
        desiredCount: 0,
        launchType: 'FARGATE',
        networkConfiguration: NETWORK,
      });
      c = await startController(w, spec('app'), 'fresh-a', actorKey('fresha'));
      const ended = c.done.then((e) => ({ ended: e }));
      const first = await Promise.race([ended, acts(c, 'an active poll').then(() => ({ active: true }))]);
      assert.deepEqual(first, { active: true }, 'the controller acts on the new service');
    } finally {
      await setFaults(w.sandbox.endpoint, { consistencyDelayMs: 0 });
      await c?.stop();
    }
    const missing = await startController(w, spec('nope'), 'fresh-b', actorKey('freshb'));
    const e = await missing.done;
    assert.ok(e instanceof UsageError && e.code === 'AUTOSCALE_SERVICE_NOT_FOUND', String(e));
  },
);

test(
  'throttling outside the polls (opening, reading and keeping the lease) is waited out with a back-off, not fatal',
  { timeout: 180_000 },
  async () => {
    await createService(w, 'storm', 'app', 1);
    w.load.set({ active: 0, rate: 0 });
    const throttle = (...operations: string[]) =>
      setFaults(w.sandbox.endpoint, { throttle: operations.map((operation) => ({ service: 'ecs', operation, rate: 0, burst: 0 })) });
    const warned = (c: Started, what: RegExp) =>
      c.io.messages.filter((m) => m.code === 'AUTOSCALE_THROTTLED' && what.test(m.message)).length;
    await throttle('DescribeServices', 'ListTagsForResource');
    const c = await startController(
      w,
      specFor('storm', 'app', { source: { kind: 'nginx', port: 8080 }, target: 10, min: 1, max: 2, ...POLL }),
      'storm-a',
      actorKey('storm'),
    );
    let ended: unknown;
    void c.done.then((e) => (ended = e ?? 'ended'));
    try {
      await eventually(() => (warned(c, /^opening the controller/) >= 2 ? true : undefined), 60_000, 100, 'two throttled openings');
      await throttle('ListTagsForResource');
      await eventually(() => (warned(c, /^reading the lease/) >= 2 ? true : undefined), 60_000, 100, 'two throttled lease reads');
      await throttle();
      await acts(c, 'it acts');
      // While it acts, its lease renewals are throttled: it keeps trying, and acts again once they pass.
      await throttle('ListTagsForResource');
      await eventually(() => (warned(c, /^keeping the lease/) >= 1 ? true : undefined), 60_000, 100, 'a throttled renewal');
      await throttle();
      const before = c.polls.length;
      await acts(c, 'acts again', before);
      assert.equal(ended, undefined, `the controller ended: ${String(ended)}`);
    } finally {
      await throttle();
      await c.stop();
    }
  },
);

test(
  'a Ctrl-C right after taking over resumes Application Auto Scaling, also while AWS does not list the target yet',
  { timeout: 120_000 },
  async () => {
    await createService(w, 'justnow', 'app', 1);
    w.load.set({ active: 0, rate: 0 });
    const target = (await scalableTargetOn('justnow', 'app', 1, 3)).read;
    await eventually(target, 30_000, 100, 'the target listed');
    // A written target stays unlisted for 4 s: the suspension made on taking the lease hides it from the hand-back's read.
    await setFaults(w.sandbox.endpoint, { consistencyDelayMs: 4_000 });
    const c = await startController(
      w,
      specFor('justnow', 'app', { source: { kind: 'nginx', port: 8080 }, target: 10, min: 1, max: 3, ...POLL }),
      'justnow-a',
      actorKey('justnow'),
    );
    try {
      await acts(c, 'it acts', 0, 20);
      await c.stop();
    } finally {
      await setFaults(w.sandbox.endpoint, { consistencyDelayMs: 0 });
      await c.stop();
    }
    const t = await eventually(target, 30_000, 100, 'the target listed again');
    assert.deepEqual(
      [t.SuspendedState?.DynamicScalingInSuspended, t.SuspendedState?.DynamicScalingOutSuspended],
      [false, false],
      JSON.stringify(c.io.messages.filter((m) => /AUTO_SCALING|AUTOSCALE_AAS/.test(m.code))),
    );
  },
);
