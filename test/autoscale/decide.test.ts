// Table tests: the pure decision — proportional count, panic scale-out, stabilised scale-in, bounds, steps, holds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decide, initialDecisionState, type DecisionSpec, type DecisionState, type Observation } from '../../src/autoscale/decide.js';

const SPEC: DecisionSpec = {
  target: 100,
  utilization: 1,
  spareTasks: 0,
  min: 2,
  max: 20,
  scaleOut: { panicThreshold: 2, panicPolls: 1, panicWindowMs: 6_000, stableWindowMs: 60_000, tolerance: 0.1 },
  scaleIn: { stabilizationMs: 300_000 },
};

const obs = (o: Partial<Observation> & { now: number }): Observation => ({
  load: 0,
  missing: 0,
  desired: 2,
  canaryDesired: 0,
  deploying: false,
  ...o,
});

/** Feeds one observation per second from `from` (ms), applying every scale decision to the desired count; returns the changes. */
function run(
  spec: DecisionSpec,
  loads: readonly (number | undefined)[],
  start = 2,
  state0?: DecisionState,
  extra: Partial<Observation> = {},
) {
  let state = state0 ?? initialDecisionState(0);
  let desired = start;
  const changes: { at: number; from: number; to: number; why: string }[] = [];
  loads.forEach((load, i) => {
    const now = (i + 1) * 1000;
    const { decision, next } = decide(spec, state, obs({ now, load, desired, ...extra }));
    state = next;
    if (decision.kind === 'scale') {
      changes.push({ at: now, from: decision.from, to: decision.to, why: decision.why });
      desired = decision.to;
    }
  });
  return { changes, desired, state };
}

const repeat = (n: number, v: number | undefined) => Array.from({ length: n }, () => v);

test('a step from 50 to 600 (target 100 per task) scales to 6 at the first poll that sees it: panic, sized for the load', () => {
  const { changes } = run(SPEC, [...repeat(30, 50), 600, 600, 600]);
  assert.equal(changes.length, 1);
  assert.deepEqual({ at: changes[0]!.at, from: changes[0]!.from, to: changes[0]!.to }, { at: 31_000, from: 2, to: 6 });
  assert.match(changes[0]!.why, /^panic: load 600 is 3× what 2 task\(s\) are sized for needs 6$/);
});

test('panic_polls 2: one poll over the threshold is a blip; two in a row scale out', () => {
  const spec = { ...SPEC, scaleOut: { ...SPEC.scaleOut, panicPolls: 2 } };
  assert.equal(run(spec, [...repeat(30, 50), 900, 50, 50]).changes.length, 0);
  const { changes } = run(spec, [...repeat(30, 50), 600, 600]);
  assert.deepEqual(
    changes.map((c) => [c.at, c.to]),
    [[32_000, 6]],
  );
});

test('outside panic the mean over the stable window sizes the service; within the tolerance nothing changes', () => {
  // 300 → 350 is below the panic threshold (2× of 300): the 60 s mean climbs past 330 (+10%) and scales to 4.
  const { changes } = run(SPEC, [...repeat(60, 300), ...repeat(60, 350)], 3);
  assert.ok(changes.length >= 1, 'scaled out');
  assert.equal(changes.at(-1)!.to, 4);
  assert.ok(changes.every((c) => c.to > c.from && !/panic/.test(c.why)));
  assert.equal(run(SPEC, repeat(200, 320), 3).changes.length, 0, '320 on 3 tasks of 100 is within 10%');
});

test('scale-in waits for the stabilisation window and goes to the highest count recommended over it, never below the need', () => {
  const loads = [...repeat(300, 600), ...repeat(400, 250)];
  const { changes, desired } = run(SPEC, loads, 6);
  assert.ok(changes.length >= 1, 'scaled in');
  assert.ok(
    changes.every((c) => c.to < c.from && /highest over 300 s/.test(c.why)),
    JSON.stringify(changes),
  );
  // The last recommendation of 6 is at about 317 s (the 60 s mean still above 550): nothing goes before 300 s after it.
  assert.ok(changes[0]!.at >= 600_000, `not before the window passed: ${changes[0]!.at}`);
  assert.equal(desired, 3, '250 needs 3 tasks of 100');
});

test('a fresh controller does not scale in before it has a stabilisation window of history', () => {
  const { changes } = run(SPEC, repeat(299, 100), 8);
  assert.equal(changes.length, 0);
  const later = run(SPEC, repeat(301, 100), 8);
  assert.deepEqual(
    later.changes.map((c) => c.to),
    [2],
  );
});

test('holds: all tasks down, some down (no scale-in), a deployment in progress (no scale-in), but scale-out goes on', () => {
  const aged = { ...initialDecisionState(-1_000_000) };
  const down = decide(SPEC, aged, obs({ now: 1000, load: undefined, missing: 4, desired: 4 }));
  assert.equal(down.decision.kind, 'hold');
  assert.match(down.decision.why, /no task answered \(4 down\): holding at 4/);
  const some = decide(SPEC, aged, obs({ now: 1000, load: 50, missing: 1, desired: 4 }));
  assert.equal(some.decision.kind, 'hold');
  assert.match(some.decision.why, /1 task\(s\) did not answer: no scale-in/);
  const deploying = decide(SPEC, aged, obs({ now: 1000, load: 50, desired: 4, deploying: true }));
  assert.equal(deploying.decision.kind, 'hold');
  assert.match(deploying.decision.why, /no scale-in during a deployment/);
  const out = decide(SPEC, aged, obs({ now: 1000, load: 1000, desired: 4, deploying: true, missing: 1 }));
  assert.deepEqual([out.decision.kind, out.decision.kind === 'scale' && out.decision.to], ['scale', 10]);
});

test('bounds: config min/max, narrowed by the scalable target; a count outside them is brought back at once', () => {
  const cases: [Partial<Observation>, number][] = [
    [{ load: 5000 }, 20],
    [{ load: 5000, bounds: { min: 1, max: 8 } }, 8],
    [{ load: 50, desired: 1 }, 2],
    [{ load: 50, desired: 2, bounds: { min: 5, max: 30 } }, 5],
    [{ load: 50, desired: 25 }, 20],
  ];
  for (const [o, to] of cases) {
    const r = decide(SPEC, initialDecisionState(0), obs({ now: 1000, ...o }));
    assert.equal(r.decision.kind === 'scale' ? r.decision.to : r.decision.count, to, JSON.stringify(o));
  }
});

test('max steps limit one decision; headroom as spare tasks or a utilization below 100%', () => {
  const stepOut = { ...SPEC, scaleOut: { ...SPEC.scaleOut, maxStep: 3 } };
  assert.deepEqual(
    run(stepOut, repeat(3, 1000)).changes.map((c) => c.to),
    [5, 8, 10],
  );
  const spare = { ...SPEC, spareTasks: 1 };
  assert.deepEqual(
    run(spare, repeat(2, 600), 3).changes.map((c) => c.to),
    [7],
  );
  const util = { ...SPEC, utilization: 0.8 };
  assert.deepEqual(
    run(util, repeat(2, 600)).changes.map((c) => c.to),
    [8],
  );
  const stepIn = { ...SPEC, scaleIn: { stabilizationMs: 10_000, maxStep: 2 } };
  const { changes } = run(stepIn, repeat(40, 100), 10, initialDecisionState(-100_000));
  assert.deepEqual(
    changes.map((c) => c.to),
    [8, 6, 4, 2],
  );
});

test('a canary service: its tasks count as capacity; the scaled service gets the rest', () => {
  const r = decide(SPEC, initialDecisionState(-100_000), obs({ now: 1000, load: 1000, desired: 4, canaryDesired: 2 }));
  assert.equal(r.decision.kind, 'scale');
  assert.equal(r.decision.kind === 'scale' && r.decision.to, 8, '10 in all, 2 of them canary');
});

test('a fresh controller: stable mode waits for a full stable window of history; panic does not', () => {
  // Two readings of a service sized for its load, the second one late (the counter's rate read as 1.8×): a mean over two
  // polls is not a mean over the stable window.
  let state = initialDecisionState(0);
  for (const [now, load] of [
    [1_000, 609],
    [2_000, 1_091],
  ] as const) {
    const r = decide(SPEC, state, obs({ now, load, desired: 6 }));
    assert.equal(r.decision.kind, 'hold', `${now}: ${JSON.stringify(r.decision)}`);
    if (load > 660) assert.match(r.decision.why, /needs 9; stable mode waits until 60 s of history/);
    state = r.next;
  }
  // Once the window is full, the same mean scales out.
  const aged = decide(SPEC, { ...state, since: -60_000 }, obs({ now: 3_000, load: 1_000, desired: 6 }));
  assert.equal(aged.decision.kind === 'scale' && aged.decision.to, 9, JSON.stringify(aged.decision));
  // A surge (over the panic threshold) scales out from the first poll.
  const surge = decide(SPEC, initialDecisionState(0), obs({ now: 1_000, load: 1_500, desired: 6 }));
  assert.equal(surge.decision.kind === 'scale' && surge.decision.to, 15, JSON.stringify(surge.decision));
});

test('constant noisy load (±20%) for 10 minutes: at most one change after the first', () => {
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (const base of [600, 550, 649, 1234]) {
    const loads = Array.from({ length: 600 }, () => base * (0.8 + 0.4 * random()));
    const { changes } = run(SPEC, loads, 2);
    assert.ok(changes.length >= 1 && changes.length <= 2, `${base}: ${JSON.stringify(changes)}`);
  }
});
