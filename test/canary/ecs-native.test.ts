// The ECS-native flow against a fake of ECS's CANARY deployments: a good revision is continued to the end, a bad one rolled back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { recordingHost } from '../../src/core/io-host.js';
import type { Clock } from '../../src/core/clock.js';
import { createMetricProviders } from '../../src/canary/metrics/create-metric-providers.js';
import { createEcsNativeRouter, nativeSetup } from '../../src/canary/routers/ecs-native-router.js';
import { startRelease } from '../../src/canary/canary-release.js';
import { nextNativeStep } from '../../src/canary/ecs-native/native-step.js';
import { decodeNativeState, encodeNativeState } from '../../src/canary/ecs-native/native-tags.js';
import type { NativeState } from '../../src/canary/ecs-native/native-state.js';
import { UsageError } from '../../src/core/errors.js';
import { fakeEcsNative } from './fake-ecs-native.js';
import { testSpec } from './spec-fixture.js';

/** Virtual time: sleeping moves the clock, so the flow runs in milliseconds. */
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
const depsOf = (fake: ReturnType<typeof fakeEcsNative>, clock: Clock, owner: string) => {
  const io = recordingHost();
  return {
    aws: fake.aws,
    router: createEcsNativeRouter({ ecs: fake.aws.ecs, elb: fake.aws.elb, clock }),
    providers: createMetricProviders(fake.aws.cloudwatch),
    clock,
    io,
    owner,
  };
};

async function release(errorRate: number) {
  const fake = fakeEcsNative(10);
  fake.errorRateOf = (td) => (td === 'arn:td:2' ? errorRate : 0);
  const deps = depsOf(fake, virtualClock(), 'test');
  const io = deps.io;
  const out = await startRelease(
    target,
    deps,
    { kind: 'change', change: { image: { kind: 'tag', tag: 'v2' }, env: {} } },
    new AbortController().signal,
  );
  return { fake, final: out.state, io };
}

test('ecs-native: a good revision is analysed at every PAUSE hook with traffic and continued to SUCCESSFUL', async () => {
  const { fake, final } = await release(0);
  assert.equal(final?.outcome, 'succeeded');
  assert.equal(fake.deployment()?.status, 'SUCCESSFUL');
  assert.deepEqual(fake.calls, [
    'UpdateService arn:td:2',
    'Continue CONTINUE at PRE_PRODUCTION_TRAFFIC_SHIFT (0%)',
    'Continue CONTINUE at PRE_PRODUCTION_TRAFFIC_SHIFT (10%)',
    'Continue CONTINUE at POST_PRODUCTION_TRAFFIC_SHIFT (100%)',
  ]);
  assert.equal(final?.lastVerdict?.status, 'pass');
});

test('ecs-native: a bad revision is answered ROLLBACK at the first hook with traffic', async () => {
  const { fake, final, io } = await release(0.3);
  assert.equal(final?.outcome, 'failed');
  assert.match(final?.reason ?? '', /success-rate 70 is below the minimum 99/);
  assert.deepEqual(fake.calls, [
    'UpdateService arn:td:2',
    'Continue CONTINUE at PRE_PRODUCTION_TRAFFIC_SHIFT (0%)',
    'Continue ROLLBACK at PRE_PRODUCTION_TRAFFIC_SHIFT (10%)',
  ]);
  assert.equal(fake.deployment()?.status, 'ROLLBACK_SUCCESSFUL');
  assert.ok(io.messages.some((m) => m.code === 'CANARY_ANALYSIS' && m.level === 'warn'));
});

test('ecs-native: of two controllers started together one backs off to the other before UpdateService; the release succeeds once', async () => {
  const fake = fakeEcsNative(10);
  const clock = virtualClock();
  const a = depsOf(fake, clock, 'ctl-a');
  const b = depsOf(fake, clock, 'ctl-b');
  const change = { kind: 'change', change: { image: { kind: 'tag', tag: 'v2' }, env: {} } } as const;
  const [outA, outB] = await Promise.all([
    startRelease(target, a, change, new AbortController().signal),
    startRelease(target, b, change, new AbortController().signal),
  ]);
  const outcomes = [outA, outB].map((o) => o.heldBy ?? o.state?.outcome).sort();
  assert.ok(outcomes[0] === 'ctl-a' || outcomes[0] === 'ctl-b', `one backs off to the other: ${outcomes.join(', ')}`);
  assert.equal(outcomes[1], 'succeeded');
  assert.equal(fake.calls.filter((c) => c.startsWith('UpdateService')).length, 1, fake.calls.join('; '));
  assert.equal(fake.deployment()?.status, 'SUCCESSFUL');
});

test('ecs-native: a controller whose lease another one took over backs off at its next step', async () => {
  const fake = fakeEcsNative(10);
  const clock = virtualClock();
  const a = depsOf(fake, clock, 'ctl-a');
  const ac = new AbortController();
  const takeOver = {
    notify: (m: { code: string }) => {
      // At its first analysis, another controller writes its own lease (as one would after ctl-a's had run out).
      if (m.code === 'CANARY_CONTROLLER')
        void fake.aws.ecs.tagResource({
          resourceArn: 'arn:aws:ecs:us-east-1:000000000000:service/c/app',
          tags: [{ key: 'cortado:canary:lease', value: `ctl-b until=${clock.now().getTime() + 60_000}` }],
        });
    },
  };
  const out = await startRelease(
    target,
    { ...a, io: takeOver },
    { kind: 'change', change: { image: { kind: 'tag', tag: 'v2' }, env: {} } },
    ac.signal,
  );
  assert.equal(out.heldBy, 'ctl-b');
  assert.equal(out.state?.outcome, 'in-progress');
  assert.equal(fake.calls.filter((c) => c.startsWith('Continue')).length, 0, 'no hook answered after the takeover');
});

test('ecs-native: a service without CANARY/LINEAR or without PAUSE hooks is refused before any change', () => {
  const base = {
    serviceName: 'app',
    deploymentController: { type: 'ECS' as const },
    loadBalancers: [
      { targetGroupArn: 'b', advancedConfiguration: { alternateTargetGroupArn: 'g', productionListenerRule: 'r', roleArn: 'x' } },
    ],
  };
  assert.throws(
    () => nativeSetup({ ...base, deploymentConfiguration: { strategy: 'ROLLING' } }),
    (e: unknown) => e instanceof UsageError && e.code === 'CANARY_NATIVE_STRATEGY',
  );
  assert.throws(
    () => nativeSetup({ ...base, deploymentConfiguration: { strategy: 'CANARY' } }),
    (e: unknown) => e instanceof UsageError && e.code === 'CANARY_NATIVE_HOOKS',
  );
  assert.throws(
    () => nativeSetup({ ...base, loadBalancers: [], deploymentConfiguration: { strategy: 'LINEAR' } }),
    (e: unknown) => e instanceof UsageError && e.code === 'CANARY_NATIVE_LB',
  );
  assert.deepEqual(
    nativeSetup({
      ...base,
      deploymentConfiguration: {
        strategy: 'LINEAR',
        lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: ['POST_PRODUCTION_TRAFFIC_SHIFT'] }],
      },
    }).pair,
    ['b', 'g'],
  );
});

const state: NativeState = {
  releaseId: 'r',
  revision: 'td:2',
  startedAt: 0,
  deploymentArn: 'arn:sd',
  phase: { kind: 'running' },
  weight: 10,
  weightSince: 0,
  nextAnalysisAt: 1_000,
  preRolloutDone: true,
  failedChecks: 0,
  noDataStreak: 0,
};
const view = (over: object = {}) => ({
  status: 'IN_PROGRESS',
  weight: 10,
  lifecycleStage: 'PRE_PRODUCTION_TRAFFIC_SHIFT',
  awaitingHook: { hookId: 'h1' },
  ...over,
});

test("ecs-native decisions: hold a hook until analysed, never answer a hook twice, abort and pause, ECS's own end", () => {
  const cases: [string, Parameters<typeof nextNativeStep>[2], Partial<NativeState>, string, string?][] = [
    ['hook before the analysis is due: hold it', { now: 500, deployment: view(), paused: false }, {}, 'wait'],
    ['hook, analysis due', { now: 1_000, deployment: view(), paused: false }, {}, 'analyse'],
    [
      'passing analysis at a hook: continue',
      { now: 1_000, deployment: view(), paused: false, analysis: { status: 'pass', checks: [] } },
      {},
      'continue',
    ],
    [
      'no data at a hook: keep holding',
      { now: 1_000, deployment: view(), paused: false, analysis: { status: 'no-data', checks: [] } },
      {},
      'wait',
    ],
    [
      'the hook just answered is still listed: do not answer again',
      { now: 1_000, deployment: view(), paused: false },
      { answeredHook: 'h1' },
      'analyse',
      'between hooks the canary is still analysed',
    ],
    [
      'failure between hooks: StopServiceDeployment rollback',
      {
        now: 1_000,
        deployment: view({ awaitingHook: undefined, lifecycleStage: 'BAKE_TIME' }),
        paused: false,
        analysis: { status: 'fail', checks: [] },
      },
      { failedChecks: 1 },
      'rollback',
    ],
    ['abort', { now: 1, deployment: view(), paused: false, request: { kind: 'abort' } }, {}, 'rollback'],
    ['paused at a hook: wait', { now: 5_000, deployment: view(), paused: true }, {}, 'wait'],
    ['ECS says SUCCESSFUL', { now: 1, deployment: view({ status: 'SUCCESSFUL', awaitingHook: undefined }), paused: false }, {}, 'done'],
    [
      'ECS rolled back by itself (alarm)',
      { now: 1, deployment: view({ status: 'ROLLBACK_SUCCESSFUL', awaitingHook: undefined, rollbackReason: 'alarm' }), paused: false },
      {},
      'done',
    ],
  ];
  for (const [name, o, over, kind] of cases) {
    const d = nextNativeStep({ ...spec, threshold: 2 }, { ...state, ...over }, o);
    assert.equal(d.action.kind, kind, name);
  }
  const ended = nextNativeStep(spec, state, {
    now: 1,
    deployment: view({ status: 'ROLLBACK_SUCCESSFUL', awaitingHook: undefined, rollbackReason: 'alarm in ALARM' }),
    paused: false,
  });
  assert.deepEqual(ended.next.phase, { kind: 'failed', reason: 'alarm in ALARM' });
});

test('ecs-native state survives the tags', () => {
  const s: NativeState = {
    ...state,
    answeredHook: 'ecs-pause-e7tK9G_WRJqNF_EOMjztDXfKenlJuEUVjsNStf4WLKw',
    deploymentArn: 'arn:aws:ecs:us-west-2:123456789012:service-deployment/my-cluster/my-service/EZe5RNVLH6PPzHXINuP28',
    phase: { kind: 'rolling-back', outcome: 'failed', reason: 'x' },
  };
  assert.deepEqual(decodeNativeState(encodeNativeState(s)), s);
});
