// Scenario: operators on other machines — status, the manual promotion gate, pause and abort — against a running controller.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { pauseRelease, startRelease } from '../../src/canary/canary-release.js';
import { readTags } from '../../src/canary/canary-services.js';
import { createAlbRouter } from '../../src/canary/routers/alb-router.js';
import { exitCodeOf } from '../../src/canary/release-summary.js';
import { decodeState } from '../../src/canary/state-tags.js';
import { systemClock } from '../../src/core/clock.js';
import { actorKey, assertCommandCalls } from '../helpers/iam-coverage.js';
import { clientEnv, eventually } from '../helpers/sandbox.js';
import { canarySection, openFor, recorder, startFixture, weightEvents, writeConfig, type Fixture } from './canary-fixtures.js';
import { nodeArgs } from '../helpers/entry.js';

const run = promisify(execFile);
const entry = join(fileURLToPath(new URL('.', import.meta.url)), 'cli-entry.ts');

/** `cortado canary …` in its own process, as a developer on another machine would run it. */
let runs = 0;

/** Each run signs with its own access key, and every call it made must be in COMMAND_CALLS for its command. */
async function cli(f: Fixture, dir: string, args: readonly string[]): Promise<{ code: number; json: unknown; stderr: string }> {
  const accessKeyId = actorKey(`cli${++runs}`);
  const env = { ...clientEnv(f.sandbox), AWS_ACCESS_KEY_ID: accessKeyId };
  let out: { code: number; json: unknown; stderr: string };
  try {
    const { stdout, stderr } = await run(process.execPath, [...nodeArgs(entry), 'canary', ...args, '--output', 'json'], {
      cwd: dir,
      env,
    });
    out = { code: 0, json: JSON.parse(stdout), stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    out = { code: err.code ?? 1, json: err.stdout ? JSON.parse(err.stdout) : undefined, stderr: err.stderr ?? '' };
  }
  await assertCommandCalls(f.sandbox.endpoint, `canary ${args[0]!}`, { accessKeyId });
  return out;
}

let f: Fixture;
before(async () => {
  f = await startFixture('ops');
});
after(async () => {
  await f.close();
});

const phaseOf = async (f: Fixture, r: Awaited<ReturnType<typeof openFor>>) => {
  const arn = (await r.deps.aws.ecs.describeServices({ cluster: f.stack.cluster, services: [f.stack.canaryService] })).services![0]!
    .serviceArn!;
  return decodeState(await readTags(r.deps.aws.ecs, arn, new AbortController().signal));
};

test('manual gate: status from another machine shows the release and exits 5; `promote` there lets this controller promote', async () => {
  const section = canarySection(f, { steps: [20, 100], gates: { confirm_promotion: 'manual' } });
  const dir = await writeConfig(f, section);
  const io = recorder();
  const r = await openFor(f, section, io, 'gate-controller', actorKey('gate-controller'));
  {
    const running = startRelease(
      r.target,
      r.deps,
      { kind: 'change', change: { image: { kind: 'tag', tag: 'v2' }, env: {} } },
      new AbortController().signal,
    );
    await eventually(async () => ((await phaseOf(f, r))?.phase.kind === 'awaiting-promotion' ? true : undefined), 60_000, 100, 'the gate');
    const status = await cli(f, dir, ['status']);
    assert.equal(status.code, 5, status.stderr);
    const view = status.json as {
      release: { phase: string };
      weights: { canary: number };
      metrics: { name: string; status: string; value?: number }[];
      services: { role: string; images: string[]; running: number }[];
      controller: { owner: string; live: boolean };
    };
    assert.equal(view.release.phase, 'awaiting-promotion');
    assert.equal(view.weights.canary, 100);
    assert.deepEqual(
      view.metrics.map((m) => m.name),
      ['success-rate', 'latency'],
    );
    assert.ok(
      view.metrics.every((m) => m.status === 'pass' && typeof m.value === 'number'),
      JSON.stringify(view.metrics),
    );
    assert.deepEqual(
      view.services.map((s) => [s.role, s.images]),
      [
        ['stable', ['cortado/demo-app:v1']],
        ['canary', ['cortado/demo-app:v2']],
      ],
    );
    assert.deepEqual([view.controller.owner, view.controller.live], ['gate-controller', true]);
    const promote = await cli(f, dir, ['promote']);
    assert.equal(promote.code, 0, promote.stderr);
    assert.equal((promote.json as { handedOff: boolean }).handedOff, true, 'the live controller does the promotion');
    assert.equal((await running).state?.outcome, 'succeeded');
    await assertCommandCalls(f.sandbox.endpoint, 'canary start', { accessKeyId: actorKey('gate-controller') });
    assert.equal((await cli(f, dir, ['status'])).code, 0);
  }
});

test('pause holds the weight; abort from another machine rolls back at once and exits 0 (what was asked); the aborted start and status exit 4', async () => {
  const section = canarySection(f, { steps: [20, 50, 100] });
  const dir = await writeConfig(f, section);
  const io = recorder();
  const r = await openFor(f, section, io, 'paused-controller', actorKey('paused-controller'));
  const operator = await openFor(f, section, recorder(), 'operator', actorKey('operator-pause'));
  {
    const running = startRelease(
      r.target,
      r.deps,
      { kind: 'change', change: { image: { kind: 'tag', tag: 'v3' }, env: {} } },
      new AbortController().signal,
    );
    await eventually(
      async () => {
        const s = await phaseOf(f, r);
        return s?.phase.kind === 'progressing' && s.phase.weightSet ? true : undefined;
      },
      60_000,
      100,
      'step 1',
    );
    await pauseRelease(operator.target, operator.deps, new AbortController().signal);
    await assertCommandCalls(f.sandbox.endpoint, 'canary pause', { accessKeyId: actorKey('operator-pause') });
    const setBefore = weightEvents(io.messages).length;
    await new Promise((res) => setTimeout(res, 7_000));
    assert.equal(weightEvents(io.messages).length, setBefore, 'no step while paused (interval is 3 s)');
    const paused = await phaseOf(f, r);
    assert.equal(paused?.phase.kind === 'progressing' && paused.phase.step, 0);
    const abort = await cli(f, dir, ['abort']);
    assert.equal(abort.code, 0, `the abort is what was asked: ${abort.stderr}`);
    assert.equal((abort.json as { release: { outcome: string } }).release.outcome, 'aborted');
    const out = await running;
    assert.equal(out.state?.outcome, 'aborted');
    assert.equal(exitCodeOf(out.state, out.asked), 4, 'the start whose release an operator aborted');
    await assertCommandCalls(f.sandbox.endpoint, 'canary start', { accessKeyId: actorKey('paused-controller') });
    assert.deepEqual(
      weightEvents(io.messages)
        .map((w) => w.canary)
        .slice(-1),
      [0],
    );
    assert.deepEqual(await r.deps.router.getWeights(r.target, new AbortController().signal), { stable: 100, canary: 0 });
    assert.equal((await cli(f, dir, ['status'])).code, 4, 'status reports the abort');
  }
});

test('a listener default action that forwards to stable alone: reconcile adds the canary at 0, setWeights changes only the weights', async () => {
  const { ElasticLoadBalancingV2Client, CreateListenerCommand, DescribeListenersCommand } =
    await import('@aws-sdk/client-elastic-load-balancing-v2');
  const elb = new ElasticLoadBalancingV2Client(f.config);
  try {
    const listener = (
      await elb.send(
        new CreateListenerCommand({
          LoadBalancerArn: f.stack.loadBalancerArn,
          Protocol: 'HTTP',
          Port: 8081,
          DefaultActions: [{ Type: 'forward', TargetGroupArn: f.stack.stableTargetGroupArn }],
        }),
      )
    ).Listeners![0]!;
    const r = await openFor(f, canarySection(f), recorder(), 'router');
    const router = createAlbRouter(
      { kind: 'alb', listenerArn: listener.ListenerArn!, canaryService: f.stack.canaryService },
      { ecs: r.deps.aws.ecs, elb: r.deps.aws.elb, clock: systemClock },
    );
    const signal = new AbortController().signal;
    {
      const route = await router.reconcile(r.target, signal);
      assert.deepEqual(
        [route.stableTargetGroupArn, route.canaryTargetGroupArn, route.loadBalancerArn],
        [f.stack.stableTargetGroupArn, f.stack.canaryTargetGroupArn, f.stack.loadBalancerArn],
      );
      assert.deepEqual(await router.getWeights(r.target, signal), { stable: 100, canary: 0 });
      await router.setWeights(r.target, { stable: 75, canary: 25 }, signal);
      const after = (await elb.send(new DescribeListenersCommand({ ListenerArns: [listener.ListenerArn!] }))).Listeners![0]!;
      assert.deepEqual([after.Port, after.Protocol], [8081, 'HTTP']);
      assert.deepEqual(
        after.DefaultActions?.[0]?.ForwardConfig?.TargetGroups?.map((g) => [g.TargetGroupArn, g.Weight]),
        [
          [f.stack.stableTargetGroupArn, 75],
          [f.stack.canaryTargetGroupArn, 25],
        ],
      );
      assert.deepEqual(await router.getWeights(r.target, signal), { stable: 75, canary: 25 });
    }
  } finally {
    elb.destroy();
  }
});
