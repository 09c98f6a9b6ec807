// Table tests of the pure ALB rollout: one decision per state and observation, and whole releases driven without AWS.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CanaryState, Phase } from '../../src/canary/canary-state.js';
import { isTerminal } from '../../src/canary/canary-state.js';
import { nextStep, type Decision, type Observation } from '../../src/canary/next-step.js';
import { testSpec } from './spec-fixture.js';

const base: CanaryState = {
  releaseId: 'r1',
  revision: 'arn:td:2',
  startedAt: 0,
  phase: { kind: 'deploying' },
  failedChecks: 0,
  noDataStreak: 0,
};
const at = (phase: Phase, over: Partial<CanaryState> = {}): CanaryState => ({ ...base, ...over, phase });
const obs = (now: number, over: Partial<Observation> = {}): Observation => ({ now, paused: false, stableDesired: 4, ...over });
const pass = { status: 'pass' as const, checks: [] };
const fail = { status: 'fail' as const, checks: [] };
const progressing = (step: number, over: Partial<Extract<Phase, { kind: 'progressing' }>> = {}): Phase => ({
  kind: 'progressing',
  step,
  weightSet: true,
  stepStartedAt: 0,
  nextAnalysisAt: 2_000,
  promote: false,
  ...over,
});

test('one decision per phase', () => {
  const spec = testSpec();
  const cases: [string, CanaryState, Observation, string, string][] = [
    ['deploying → deploy the canary', at({ kind: 'deploying' }), obs(0), 'deploy-canary', 'starting'],
    ['starting, rolling → wait', at({ kind: 'starting', since: 0 }), obs(1_000, { canary: { kind: 'in-progress' } }), 'wait', 'starting'],
    [
      'starting, ready → first weights',
      at({ kind: 'starting', since: 0 }),
      obs(1_000, { canary: { kind: 'ready' } }),
      'set-weights',
      'progressing',
    ],
    [
      'starting, failed → rollback',
      at({ kind: 'starting', since: 0 }),
      obs(1_000, { canary: { kind: 'failed', reason: 'crash' } }),
      'set-weights',
      'rolling-back',
    ],
    [
      'starting, too slow → rollback',
      at({ kind: 'starting', since: 0 }),
      obs(60_001, { canary: { kind: 'in-progress' } }),
      'set-weights',
      'rolling-back',
    ],
    ['weights not yet written (resumed) → write them', at(progressing(1, { weightSet: false })), obs(5_000), 'set-weights', 'progressing'],
    ['analysis due → analyse', at(progressing(0)), obs(2_000), 'analyse', 'progressing'],
    ['paused → wait, no analysis', at(progressing(0)), obs(2_000, { paused: true }), 'wait', 'progressing'],
    [
      'last step passed, auto gate → promote',
      at(progressing(2, { nextAnalysisAt: 10_000 })),
      obs(10_000, { analysis: pass }),
      'deploy-stable',
      'promoting',
    ],
    [
      'resumed before the stable deploy → deploy stable',
      at({ kind: 'promoting', stage: 'deploy-stable', since: 0 }),
      obs(0),
      'deploy-stable',
      'promoting',
    ],
    [
      'stable rolling → wait',
      at({ kind: 'promoting', stage: 'wait-stable', since: 0 }),
      obs(1, { stable: { kind: 'in-progress' } }),
      'wait',
      'promoting',
    ],
    [
      'stable ready → 100% stable',
      at({ kind: 'promoting', stage: 'wait-stable', since: 0 }),
      obs(1, { stable: { kind: 'ready' } }),
      'set-weights',
      'promoting',
    ],
    [
      'stable failed → rollback',
      at({ kind: 'promoting', stage: 'wait-stable', since: 0 }),
      obs(1, { stable: { kind: 'failed', reason: 'x' } }),
      'set-weights',
      'rolling-back',
    ],
    ['scale-down → canary to 0, succeeded', at({ kind: 'promoting', stage: 'scale-down', since: 0 }), obs(1), 'scale-canary', 'succeeded'],
    [
      'resumed mid-rollback → weights again',
      at({ kind: 'rolling-back', stage: 'weights', outcome: 'failed', reason: 'r' }),
      obs(1),
      'set-weights',
      'rolling-back',
    ],
    [
      'rollback scale-down → failed',
      at({ kind: 'rolling-back', stage: 'scale-down', outcome: 'failed', reason: 'r' }),
      obs(1),
      'scale-canary',
      'failed',
    ],
    [
      'aborted rollback ends aborted',
      at({ kind: 'rolling-back', stage: 'scale-down', outcome: 'aborted', reason: 'r' }),
      obs(1),
      'scale-canary',
      'aborted',
    ],
    ['terminal → done', at({ kind: 'succeeded' }), obs(1), 'done', 'succeeded'],
  ];
  for (const [name, state, o, action, phase] of cases) {
    const d = nextStep(spec, state, o);
    assert.equal(d.action.kind, action, name);
    assert.equal(d.next.phase.kind, phase, name);
  }
});

test('a rollback writes 100/0 first and records the rolling-back phase alongside', () => {
  const d = nextStep(testSpec({ threshold: 1 }), at(progressing(1)), obs(2_000, { analysis: fail }));
  assert.deepEqual(d.action, { kind: 'set-weights', canary: 0 });
  assert.deepEqual(d.entry?.phase, { kind: 'rolling-back', stage: 'weights', outcome: 'failed', reason: d.why });
  assert.equal(d.next.phase.kind === 'rolling-back' && d.next.phase.stage, 'scale-down');
  assert.equal(d.next.failedChecks, 1);
  assert.equal(d.next.lastVerdict?.status, 'fail');
});

test('operator requests: abort anywhere before promoting, promote with and without analysis', () => {
  const spec = testSpec();
  for (const phase of [
    { kind: 'deploying' },
    { kind: 'starting', since: 0 },
    { kind: 'pre-rollout' },
    progressing(0),
    { kind: 'awaiting-promotion', since: 0, nextAnalysisAt: 1 },
  ] as Phase[]) {
    const d = nextStep(spec, at(phase), obs(1, { request: { kind: 'abort' } }));
    assert.equal(d.next.phase.kind, 'rolling-back', phase.kind);
    assert.ok(d.consumedRequest);
    assert.equal(d.next.phase.kind === 'rolling-back' && d.next.phase.outcome, 'aborted');
  }
  const fin = nextStep(
    spec,
    at({ kind: 'promoting', stage: 'wait-stable', since: 0 }),
    obs(1, { request: { kind: 'abort' }, stable: { kind: 'in-progress' } }),
  );
  assert.equal(fin.next.phase.kind, 'promoting', 'the stable service already gets the new revision: finish instead');
  const skip = nextStep(spec, at(progressing(0)), obs(1, { request: { kind: 'promote', skipAnalysis: true } }));
  assert.equal(skip.action.kind, 'deploy-stable');
  assert.equal(
    skip.entry?.phase.kind === 'promoting' && skip.entry.phase.stage,
    'deploy-stable',
    'a resumed controller deploys to stable again',
  );
  const later = nextStep(spec, at(progressing(0)), obs(1, { request: { kind: 'promote', skipAnalysis: false } }));
  assert.equal(later.next.phase.kind === 'progressing' && later.next.phase.promote, true);
  const then = nextStep(spec, later.next, obs(2_000, { analysis: pass }));
  assert.equal(then.next.phase.kind, 'promoting', 'promotes at the next passing analysis');
});

test('gates: manual waits for promote; a webhook is asked after the last step and again after each passing analysis', () => {
  const manual = testSpec({ gate: { kind: 'manual' } });
  const last = at(progressing(2, { nextAnalysisAt: 10_000 }));
  const d = nextStep(manual, last, obs(10_000, { analysis: pass }));
  assert.equal(d.next.phase.kind, 'awaiting-promotion');
  assert.equal(nextStep(manual, d.next, obs(10_100)).action.kind, 'wait');
  assert.equal(nextStep(manual, d.next, obs(10_100, { request: { kind: 'promote', skipAnalysis: false } })).next.phase.kind, 'promoting');
  assert.equal(nextStep(manual, d.next, obs(12_000)).action.kind, 'analyse', 'the canary keeps being analysed while it waits');
  assert.equal(nextStep({ ...manual, threshold: 1 }, d.next, obs(12_000, { analysis: fail })).next.phase.kind, 'rolling-back');
  const hook = testSpec({ gate: { kind: 'webhook', hook: { name: 'confirm-promotion', url: 'http://127.0.0.1:1/', timeoutMs: 100 } } });
  const h = nextStep(hook, last, obs(10_000, { analysis: pass }));
  assert.equal(h.action.kind, 'check-gate');
  assert.equal(nextStep(hook, h.next, obs(10_001, { gate: { open: false, reason: '503' } })).action.kind, 'wait');
  assert.equal(nextStep(hook, h.next, obs(10_001, { gate: { open: true, reason: '200' } })).next.phase.kind, 'promoting');
});

test('pre-rollout webhooks run before any traffic moves; a refusal rolls back', () => {
  const spec = testSpec({ preRollout: [{ name: 'smoke', url: 'http://127.0.0.1:1/', timeoutMs: 100 }] });
  const d = nextStep(spec, at({ kind: 'starting', since: 0 }), obs(1, { canary: { kind: 'ready' } }));
  assert.deepEqual(d.action, { kind: 'run-hooks', which: 'pre-rollout' });
  assert.equal(nextStep(spec, d.next, obs(2, { hooks: { ok: false, reason: '500' } })).next.phase.kind, 'rolling-back');
  const ok = nextStep(spec, d.next, obs(2, { hooks: { ok: true, reason: '200' } }));
  assert.deepEqual(ok.action, { kind: 'set-weights', canary: 10, tasks: 1 });
});

/** Drives a whole release with scripted analysis results; returns the actions taken. */
function drive(
  spec = testSpec(),
  verdicts: (step: number) => 'pass' | 'fail' | 'no-data' = () => 'pass',
): { actions: string[]; final: CanaryState } {
  let state = at({ kind: 'deploying' });
  let now = 0;
  let last: Partial<Observation> = {};
  const actions: string[] = [];
  for (let i = 0; i < 500 && !isTerminal(state.phase); i++) {
    const o = obs(now, {
      ...last,
      ...(state.phase.kind === 'starting' ? { canary: { kind: 'ready' } } : {}),
      ...(state.phase.kind === 'promoting' ? { stable: { kind: 'ready' } } : {}),
    });
    const d: Decision = nextStep(spec, state, o);
    last = {};
    const a = d.action;
    if (a.kind === 'wait') now = Math.max(now + 1, a.until);
    else actions.push(a.kind === 'set-weights' ? `weights ${a.canary}` : a.kind);
    if (a.kind === 'analyse')
      last = { analysis: { status: verdicts(state.phase.kind === 'progressing' ? state.phase.step : -1), checks: [] } };
    state = d.next;
  }
  return { actions, final: state };
}

test('a whole good release: every step analysed for its interval, then promotion in the stable-first order', () => {
  const { actions, final } = drive();
  assert.equal(final.phase.kind, 'succeeded');
  const shape = actions.filter((a, i) => a !== 'analyse' || actions[i - 1] !== 'analyse');
  assert.deepEqual(shape, [
    'deploy-canary',
    'weights 10',
    'analyse',
    'weights 50',
    'analyse',
    'weights 100',
    'analyse',
    'deploy-stable',
    'weights 0',
    'scale-canary',
  ]);
  assert.equal(actions.filter((a) => a === 'analyse').length, 15, '10 s interval / 2 s analyses × 3 steps');
});

test('a bad canary at step 2 rolls back after `threshold` failed analyses and never reaches step 3', () => {
  const { actions, final } = drive(testSpec(), (step) => (step === 1 ? 'fail' : 'pass'));
  assert.equal(final.phase.kind, 'failed');
  assert.equal(final.failedChecks, 2);
  assert.ok(!actions.includes('weights 100'));
  assert.deepEqual(actions.slice(-2), ['weights 0', 'scale-canary']);
});

test('no traffic never promotes: the release rolls back after noDataLimit analyses without data', () => {
  const { final } = drive(testSpec(), () => 'no-data');
  assert.equal(final.phase.kind, 'failed');
  assert.match(final.phase.kind === 'failed' ? final.phase.reason : '', /not enough data in 3 analyses/);
});
