// Acceptance 1–2 on the demo stack: 2 demo tasks behind the ALB, load 50 → 600 requests/s with 20 ms latency; the
// controller polls each task's /metrics (request rate). Needs the demo app's /metrics: skipped until the sandbox serves it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AwsClients } from '../../src/aws/aws-clients.js';
import { autoscaleAws } from '../../src/autoscale/autoscale-aws.js';
import { parseAutoscaleConfig } from '../../src/autoscale/config/autoscale-config.js';
import { runController } from '../../src/autoscale/controller.js';
import type { PollRecord } from '../../src/autoscale/poll-record.js';
import { readPrometheus } from '../../src/autoscale/sources/prometheus-source.js';
import { taskAddress } from '../../src/autoscale/task-discovery.js';
import { systemClock } from '../../src/core/clock.js';
import { recordingHost } from '../../src/core/io-host.js';
import { createDemoStack, listenerUrl, type DemoStack } from '../../src/demo/demo-stack.js';
import type { Sandbox } from '../../src/local/index.js';
import { actorKey, lastCallSeq, recordedCalls } from '../helpers/iam-coverage.js';
import { holdMachineLock } from '../helpers/machine-lock.js';
import { eventually, withSandbox } from '../helpers/sandbox.js';
import { clientsFor } from '../canary/canary-fixtures.js';
import { assertBuilt } from '../e2e/e2e-harness.js';
import { loadProcess } from './load-process.js';

const SPEED = 10;
/** One simulated second per poll, a minute of stable window, five minutes of stabilisation — in the sandbox's time. */
const SIM = (simulatedMs: number) => `${Math.max(100, simulatedMs / SPEED)}ms`;

let sandbox: Sandbox;
let clients: AwsClients;
let stack: DemoStack;
let url: string;
let metrics = false;

let lock: Awaited<ReturnType<typeof holdMachineLock>> | undefined;
before(async () => {
  assertBuilt();
  // Hundreds of requests/s in real time: one such file on the machine at a time, whatever else runs.
  lock = await holdMachineLock('realtime-load');
  if (lock.waitedMs > 1_000 || !lock.held)
    console.log(
      `# waited ${Math.round(lock.waitedMs / 1000)} s for the machine's real-time load lock${lock.held ? '' : ' and went on without it'}`,
    );
  sandbox = await withSandbox({ speed: SPEED });
  clients = clientsFor(sandbox);
  const signal = new AbortController().signal;
  stack = await createDemoStack(
    clients,
    { name: 'acc', image: 'cortado/demo-app:v1', stableTasks: 2, env: { LATENCY_MS: '20' } },
    { notify() {} },
    systemClock,
    signal,
  );
  url = await listenerUrl(sandbox.endpoint, stack.listenerArn, signal);
  const ecs = await clients.ecs();
  const arns = (await ecs.listTasks({ cluster: stack.cluster, serviceName: stack.stableService })).taskArns ?? [];
  const task = (await ecs.describeTasks({ cluster: stack.cluster, tasks: arns })).tasks?.[0];
  const where = task ? taskAddress(task, 8080) : undefined;
  try {
    readPrometheus(await (await fetch(`http://${where?.address}:8080/metrics`)).text(), 'http_requests_in_flight', {});
    metrics = true;
  } catch {
    metrics = false;
  }
});
after(async () => {
  clients?.close?.();
  await sandbox?.close();
  lock?.release();
});

/** The load generator runs in real time: the step test polls every real second (requests/s are per real second). */
const BEFORE_STEP_MS = 4_000;
const REAL = { poll: '1s', stable: '10s', panic: '3s', stabilization: '20s' };
const SIMULATED = { poll: SIM(1_000), stable: SIM(60_000), panic: SIM(6_000), stabilization: SIM(300_000) };

async function controller(key: string, w: typeof REAL) {
  const spec = parseAutoscaleConfig(
    {
      service: stack.stableService,
      source: { kind: 'prometheus', metric: 'http_requests_total', rate: true, port: 8080 },
      target: 100,
      min: 2,
      max: 12,
      poll: w.poll,
      lease: '5s',
      scale_out: { stable_window: w.stable, panic_window: w.panic },
      scale_in: { stabilization: w.stabilization },
      application_auto_scaling: 'leave',
    },
    { cluster: stack.cluster },
  );
  const io = recordingHost();
  const ac = new AbortController();
  const aws = await autoscaleAws(clientsFor(sandbox, key), 'prometheus');
  const loads: string[] = [];
  const polls: PollRecord[] = [];
  const done = runController(
    spec,
    {
      aws,
      clock: systemClock,
      io,
      owner: key,
      onPoll: (r) => {
        polls.push(r);
        loads.push(`${r.view?.load?.toFixed(0)}/${r.view?.service.desired}`);
      },
    },
    ac.signal,
  ).catch(() => undefined);
  return { io, loads, polls, stop: async () => (ac.abort(), await done) };
}

/** Load before the controller starts: the generator's connections open and the tasks' request counters move. */
const WARM_UP_MS = 3_000;
const sleepUntil = (at: number) => new Promise((r) => setTimeout(r, Math.max(0, at - Date.now())));

async function healthyTargets(count: number): Promise<void> {
  const elb = await clients.elbv2();
  await eventually(
    async () => {
      const h = await elb.describeTargetHealth({ TargetGroupArn: stack.stableTargetGroupArn });
      return (h.TargetHealthDescriptions ?? []).filter((d) => d.TargetHealth?.State === 'healthy').length >= count ? true : undefined;
    },
    120_000,
    200,
    `${count} healthy targets`,
  );
}

const desired = async () =>
  (await (await clients.ecs()).describeServices({ cluster: stack.cluster, services: [stack.stableService] })).services![0]!.desiredCount!;

test(
  'a step from 50 to 600 requests/s: UpdateService within three polls, sized within one task, new tasks healthy; scale-in after its window',
  { timeout: 300_000 },
  async (t) => {
    if (!metrics) return t.skip('the demo app does not serve /metrics yet (the sandbox side of issue 10)');
    // One generator process for 50 then 600 requests/s: its connections are warm at the step, and its sending does not
    // compete with the sandbox's load balancer (in this process) for the event loop.
    let load = loadProcess(url, `step:50@${BEFORE_STEP_MS / 1000}s,600@10m`);
    const key = actorKey('accstep');
    const c = await controller(key, REAL);
    try {
      const stepAt = (await load.started) + BEFORE_STEP_MS;
      // The last call recorded before the step: a call log read that was answered before the step began.
      let stepSeq = 0;
      while (Date.now() < stepAt) {
        const seq = await lastCallSeq(sandbox.endpoint);
        if (Date.now() < stepAt) stepSeq = seq;
        await new Promise((r) => setTimeout(r, Math.max(0, Math.min(100, stepAt - Date.now() - 50))));
      }
      const update = await eventually(
        async () =>
          (await recordedCalls(sandbox.endpoint, { since: stepSeq, accessKeyId: key })).find((x) => x.operation === 'UpdateService'),
        60_000,
        50,
        'UpdateService',
      );
      const polls = (await recordedCalls(sandbox.endpoint, { since: stepSeq, accessKeyId: key })).filter(
        (x) => x.seq < update.seq && x.operation === 'ListTasks',
      ).length;
      const sent = load.seconds.map((x) => `${x.sent}/${x.answered}`).join(' ');
      // What the machine delivered decides what to expect: a surge over the panic threshold (2× what the tasks are sized
      // for) scales within three polls of the first poll that sees it. A starved machine may not carry 600 requests/s
      // through two tasks: a smaller rise is judged in stable mode, once its 10-poll stable window is full.
      const afterStep = c.polls.filter((p) => p.at >= stepAt && p.view?.load !== undefined);
      const firstOver = afterStep.findIndex((p) => p.view!.load! > 2 * 100 * p.view!.service.desired);
      const within = firstOver >= 0 ? firstOver + 3 : 10 + 3;
      const how =
        firstOver >= 0
          ? `the surge crossed the panic threshold at poll ${firstOver + 1} of the step`
          : `the machine delivered at most ${Math.max(...afterStep.map((p) => p.view!.load!)).toFixed(0)} requests/s: stable mode`;
      t.diagnostic(
        `UpdateService after ${polls} poll(s) of the step (${how}); load/desired per poll: ${c.loads.slice(-8).join(' ')}; sent/answered per s: ${sent}`,
      );
      assert.ok(
        polls <= within,
        `UpdateService after ${polls} polls (${how}: expected within ${within}); load/desired per poll: ${c.loads.slice(-12).join(' ')}; sent/answered per s: ${sent}`,
      );
      const to = await desired();
      // Sized for the load of the poll that decided, at 100 per task, within one task (6 when 600 requests/s arrived).
      const decided = afterStep.find((p) => p.decision?.kind === 'scale');
      const sizedFor = Math.ceil((decided?.view?.load ?? 600) / 100);
      assert.ok(
        Math.abs(to - sizedFor) <= 1,
        `sized for ${decided?.view?.load?.toFixed(0)} requests/s at 100 per task within one task: ${to}`,
      );
      await healthyTargets(to);
      await load.stop();
      const dropped = Date.now();
      load = loadProcess(url, 'step:50@10m');
      // The scale-in the drop causes: below what 600 requests/s need, less one task. A trim of one task from a noisy
      // reading of the 600 requests/s (e.g. 6 → 5) may come at any time and is not the one this checks.
      const needed = Math.max(to - 1, 3);
      const scaleIn = await eventually(
        () =>
          c.io.messages.find((m) => {
            const d = m.data as { to: number; from: number } | undefined;
            return m.code === 'AUTOSCALE_SCALED' && d !== undefined && d.to < d.from && d.to < needed;
          }),
        180_000,
        200,
        'scale-in',
      );
      const waited = scaleIn.time.getTime() - dropped;
      assert.ok(
        waited >= 20_000 - 1_000,
        `scale-in to ${(scaleIn.data as { to: number }).to} waited ${waited} ms of its 20 s stabilisation window; ` +
          c.io.messages
            .filter((m) => m.code === 'AUTOSCALE_SCALED')
            .map((m) => `${m.time.toISOString()} ${m.message}`)
            .join('; '),
      );
      await eventually(async () => ((await desired()) === 2 ? true : undefined), 120_000, 200, 'back at 2');
    } finally {
      await load.stop();
      await c.stop();
    }
  },
);

test('constant noisy load (±20 %) for 10 simulated minutes: at most one scale change after the first', { timeout: 300_000 }, async (t) => {
  if (!metrics) return t.skip('the demo app does not serve /metrics yet (the sandbox side of issue 10)');
  // The service starts at the size 600 requests/s needs (6 tasks at 100 each), so what this measures is the noise, not
  // how fast two saturated tasks grow: behind two tasks the answered rate climbs with each added task (368 → 466 → 553
  // on a loaded machine), and each climb is a real scale change. One generator process sends the whole profile: a new
  // rate (600 ± 20 %) every real second, that is every 10 simulated seconds, its connections warm throughout.
  await (await clients.ecs()).updateService({ cluster: stack.cluster, service: stack.stableService, desiredCount: 6 });
  await healthyTargets(6);
  const seconds = Math.ceil(600_000 / SPEED / 1_000);
  const noisy = Array.from({ length: seconds }, () => `${Math.round(600 * (0.8 + 0.4 * Math.random()))}@1s`);
  const load = loadProcess(url, `step:600@${WARM_UP_MS / 1000}s,${noisy.join(',')},600@10m`);
  const key = actorKey('accnoise');
  let c: Awaited<ReturnType<typeof controller>> | undefined;
  try {
    await sleepUntil((await load.started) + WARM_UP_MS);
    c = await controller(key, SIMULATED);
    await sleepUntil(Date.now() + seconds * 1_000);
    const changes = c.io.messages.filter((m) => m.code === 'AUTOSCALE_SCALED');
    const sent = load.seconds.map((x) => `${x.sent}/${x.answered}`).join(' ');
    const detail = `${changes.map((m) => m.message).join('\n')}\nload/desired per poll: ${c.loads.join(' ')}\nsent/answered per s: ${sent}`;
    t.diagnostic(`${changes.length} scale change(s); load/desired per poll: ${c.loads.join(' ')}`);
    // The profile's most is 720 requests/s. A starved machine stalls the generator and then delivers the backlog at once:
    // a panic on a reading past 1.5× that (1,080) answers a burst the machine made, not the ±20 % noise under test. Then
    // the controller must only come back to the size 600 requests/s need (6 tasks) once the bursts stop: scale-in waits
    // out its stabilisation window after the last high reading, so it gets that window twice over (the load goes on at 600).
    const burst = c.polls.find((p) => p.decision?.kind === 'scale' && p.decision.panic && (p.view?.load ?? 0) > 1.5 * 720);
    if (burst) {
      t.diagnostic(`a panic on a burst of ${burst.view!.load!.toFixed(0)} requests/s the machine delivered, past the profile's noise`);
      const window = (2 * 300_000) / SPEED + 10_000;
      const near = async () => {
        const d = await desired();
        return Math.abs(d - 6) <= 2 ? d : undefined;
      };
      const to = await eventually(near, window, 500, 'the controller back near 6 tasks').catch(desired);
      assert.ok(Math.abs(to - 6) <= 2, `back near the 6 tasks 600 requests/s need within ${window / 1000} s: ${to}\n${detail}`);
    } else assert.ok(changes.length <= 2, detail);
  } finally {
    await load.stop();
    await c?.stop();
  }
});
