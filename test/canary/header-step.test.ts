// Table tests of the header-route step in the pure ALB rollout: route first, no analysis, weights after its duration.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CanaryState, Phase } from '../../src/canary/canary-state.js';
import { nextStep, type Observation } from '../../src/canary/next-step.js';
import { testSpec } from './spec-fixture.js';

const spec = testSpec({
  steps: [0, 10, 100],
  headerRoute: { header: 'X-Canary', values: ['always'], durationMs: 5_000, describe: 'header X-Canary: always' },
});
const state = (phase: Phase): CanaryState => ({ releaseId: 'r1', revision: 'td:2', startedAt: 0, phase, failedChecks: 0, noDataStreak: 0 });
const obs = (now: number, over: Partial<Observation> = {}): Observation => ({ now, paused: false, stableDesired: 4, ...over });
const step0 = (over: Partial<Extract<Phase, { kind: 'progressing' }>> = {}): Phase => ({
  kind: 'progressing',
  step: 0,
  weightSet: true,
  stepStartedAt: 1_000,
  nextAnalysisAt: 6_000,
  promote: false,
  ...over,
});

test('the header step: the rule first (weights untouched), no analysis, the first weight after its duration', () => {
  const cases: [Phase, Partial<Observation> & { now: number }, string, RegExp][] = [
    [
      { kind: 'starting', since: 0 },
      { now: 1_000, canary: { kind: 'ready' } },
      'route-header',
      /only requests with header X-Canary: always/,
    ],
    [step0({ weightSet: false }), { now: 1_000 }, 'route-header', /step 1\/3/],
    [step0(), { now: 3_000 }, 'wait', /header-route step/],
    [step0(), { now: 3_000, paused: true }, 'wait', /paused/],
    [step0(), { now: 6_000 }, 'set-weights', /step 2\/3: canary weight 10%/],
    [step0(), { now: 3_000, request: { kind: 'promote', skipAnalysis: false } }, 'deploy-stable', /promotion requested/],
    [step0(), { now: 3_000, request: { kind: 'abort' } }, 'set-weights', /aborted by an operator/],
  ];
  for (const [phase, o, action, why] of cases) {
    const d = nextStep(spec, state(phase), obs(o.now, o));
    assert.equal(d.action.kind, action, `${phase.kind} at ${o.now}: ${d.why}`);
    assert.match(d.why, why);
    assert.notEqual(d.action.kind, 'analyse');
  }
  const routed = nextStep(spec, state(step0({ weightSet: false })), obs(1_000));
  assert.deepEqual(routed.action, { kind: 'route-header', tasks: 1 });
  assert.deepEqual(routed.next.phase, step0({ stepStartedAt: 1_000, nextAnalysisAt: 6_000 }));
  const abort = nextStep(spec, state(step0()), obs(3_000, { request: { kind: 'abort' } }));
  assert.deepEqual(abort.action, { kind: 'set-weights', canary: 0 }, 'an abort sends everything to stable (the rule goes with it)');
});
