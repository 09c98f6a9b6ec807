import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decideNative, type NativeTaskInput } from '../../../src/local/services/ecs/native-decision.js';
import { type HookDef, type NativeProgress, type Point, stageOf, taskPlanOf } from '../../../src/local/services/ecs/native-progress.js';
import {
  advanceStages,
  initialProgress,
  judgeRuns,
  type StageEffect,
  type StageObservation,
  startRollback,
  stopDeployment,
} from '../../../src/local/services/ecs/native-stages.js';
import { linearSteps, ruleWeights, trafficPlan, type NativeStrategy } from '../../../src/local/services/ecs/native-strategy.js';
import type { SchedDeployment, SchedTask } from '../../../src/local/services/ecs/scheduler-decision.js';

const MIN = 60_000;

describe('native traffic plans', () => {
  const cases: Array<[NativeStrategy, Record<string, unknown>, number[], number, number]> = [
    ['BLUE_GREEN', { bakeTimeInMinutes: 15 }, [100], 0, 15],
    ['CANARY', {}, [5, 100], 10, 0],
    ['CANARY', { canaryConfiguration: { canaryPercent: 20, canaryBakeTimeInMinutes: 3 }, bakeTimeInMinutes: 2 }, [20, 100], 3, 2],
    ['CANARY', { canaryConfiguration: { canaryPercent: 100 } }, [100], 10, 0],
    ['CANARY', { canaryConfiguration: { canaryPercent: 0.1 } }, [0.1, 100], 10, 0],
    ['LINEAR', {}, [10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 6, 0],
    ['LINEAR', { linearConfiguration: { stepPercent: 30, stepBakeTimeInMinutes: 0 } }, [30, 60, 90, 100], 0, 0],
    ['LINEAR', { linearConfiguration: { stepPercent: 33.3 } }, [33.3, 66.6, 99.9, 100], 6, 0],
    ['LINEAR', { linearConfiguration: { stepPercent: 50 } }, [50, 100], 6, 0],
    ['LINEAR', { linearConfiguration: { stepPercent: 100 } }, [100], 6, 0],
  ];
  for (const [strategy, dc, steps, stepBake, bake] of cases) {
    it(`${strategy} ${JSON.stringify(dc)} → ${steps.join(', ')}; step bake ${stepBake}, bake ${bake}`, () => {
      assert.deepEqual(trafficPlan(strategy, dc), { steps, stepBakeMinutes: stepBake, bakeMinutes: bake });
    });
  }
  it('LINEAR with 11 % takes 9 steps before 100 (as CloudFormation counts them)', () => {
    assert.equal(linearSteps(11).length - 1, 9);
  });
});

describe('listener rule weights for a share of traffic', () => {
  const cases: Array<[number, number, number]> = [
    [0, 0, 100],
    [5, 5, 95],
    [20, 20, 80],
    [100, 100, 0],
    [2.5, 25, 975],
    [0.1, 1, 999],
    [99.9, 999, 1],
  ];
  for (const [percent, green, blue] of cases) {
    it(`${percent} % → green ${green}, blue ${blue}`, () => {
      const w = ruleWeights(percent);
      assert.deepEqual(w, { green, blue });
      assert.ok(w.green <= 999 && w.blue <= 999, 'ELB weights are 0–999');
      assert.ok(Math.abs((100 * w.green) / (w.green + w.blue) - percent) < 1e-9, 'the ratio is the percentage');
    });
  }
});

const pause = (stages: HookDef['stages'], timeoutMinutes = 60, timeoutAction: HookDef['timeoutAction'] = 'ROLLBACK'): HookDef => ({
  targetType: 'PAUSE',
  stages,
  timeoutMinutes,
  timeoutAction,
});
const lambda = (stages: HookDef['stages']): HookDef => ({
  targetType: 'AWS_LAMBDA',
  targetArn: 'arn:aws:lambda:us-east-1:000000000000:function:check',
  stages,
  timeoutMinutes: 60,
  timeoutAction: 'ROLLBACK',
});

function progress(
  strategy: NativeStrategy,
  dc: Record<string, unknown>,
  hooks: HookDef[] = [],
  opts: { blue?: boolean; reconcile?: boolean } = {},
): NativeProgress {
  return initialProgress(
    { strategy, plan: trafficPlan(strategy, dc), hooks, ...(opts.blue === false ? {} : { blueDeploymentId: 'blue' }) },
    opts.reconcile ?? false,
  );
}

interface Trace {
  readonly stages: string[];
  readonly weights: string[];
  readonly pauses: string[];
  readonly finished?: string;
  readonly rollbacks: string[];
  readonly final: NativeProgress;
}

/**
 * Runs the lifecycle in a world where tasks are ready at once, time jumps to each wait's end, and every PAUSE hook is
 * answered by `answer` (undefined: left waiting until its timeout).
 */
function drive(p0: NativeProgress, answer: (stage: string) => 'CONTINUE' | 'ROLLBACK' | undefined = () => 'CONTINUE'): Trace {
  let p = p0;
  let now = 0;
  let ids = 0;
  const stages: string[] = [];
  const weights: string[] = [];
  const pauses: string[] = [];
  const rollbacks: string[] = [];
  let finished: string | undefined;
  const obs = (): StageObservation => ({ now, real: (ms) => ms, primaryReady: true, othersGone: true, newHookId: (t) => `${t}-${++ids}` });
  const record = (effects: readonly StageEffect[], entered: readonly Point[]) => {
    for (const pt of entered) {
      const stage = stageOf(pt);
      if (stage && stages.at(-1) !== stage) stages.push(stage);
    }
    for (const e of effects) {
      if (e.kind === 'weights') weights.push(`${e.production}/${e.test}`);
      else if (e.kind === 'rollback') rollbacks.push(e.reason);
      else finished = e.outcome;
    }
  };
  for (let i = 0; i < 500 && finished === undefined; i++) {
    const r = advanceStages(p, obs());
    record(r.effects, r.entered);
    p = r.next;
    const stage = stageOf(p.point);
    const waiting = p.awaitingHooks ? p.runs.find((h) => h.status === 'AWAITING_ACTION') : undefined;
    if (waiting) {
      const label = `${stage}@${p.production}`;
      if (!pauses.includes(`${label}#${waiting.hookId}`)) pauses.push(`${label}#${waiting.hookId}`);
      const a = answer(label);
      if (a === 'CONTINUE') p = { ...p, runs: p.runs.map((h) => (h.hookId === waiting.hookId ? { ...h, status: 'SUCCEEDED' } : h)) };
      else if (a === 'ROLLBACK') {
        const rb = startRollback(p, obs(), 'answered ROLLBACK');
        record(rb.effects, rb.entered);
        p = rb.next;
      } else now = waiting.expiresAt;
    } else if (p.point.kind === 'step-bake' || p.point.kind === 'bake') now = p.point.until;
  }
  return { stages, weights, pauses: pauses.map((s) => s.split('#')[0]!), ...(finished ? { finished } : {}), rollbacks, final: p };
}

const FORWARD = [
  'PRE_SCALE_UP',
  'SCALE_UP',
  'POST_SCALE_UP',
  'TEST_TRAFFIC_SHIFT',
  'POST_TEST_TRAFFIC_SHIFT',
  'PRODUCTION_TRAFFIC_SHIFT',
  'POST_PRODUCTION_TRAFFIC_SHIFT',
  'BAKE_TIME',
  'CLEAN_UP',
];

describe('the native lifecycle, stage by stage', () => {
  const cases: Array<[string, NativeProgress, string[], string[]]> = [
    [
      'BLUE_GREEN: test traffic to green, then all production at once',
      progress('BLUE_GREEN', { bakeTimeInMinutes: 5 }),
      ['0/100', '100/100'],
      [],
    ],
    [
      'CANARY 20 %: a PAUSE before every production step',
      progress('CANARY', { canaryConfiguration: { canaryPercent: 20 } }, [pause(['PRE_PRODUCTION_TRAFFIC_SHIFT'])]),
      ['0/100', '20/100', '100/100'],
      ['PRODUCTION_TRAFFIC_SHIFT@0', 'PRODUCTION_TRAFFIC_SHIFT@20'],
    ],
    [
      'LINEAR 30 %: four steps, the last to 100',
      progress('LINEAR', { linearConfiguration: { stepPercent: 30 } }, [pause(['POST_PRODUCTION_TRAFFIC_SHIFT'])]),
      ['0/100', '30/100', '60/100', '90/100', '100/100'],
      ['POST_PRODUCTION_TRAFFIC_SHIFT@100'],
    ],
    [
      'every hookable stage paused once (Lambda hooks pass at once)',
      progress('BLUE_GREEN', { bakeTimeInMinutes: 1 }, [
        pause(['PRE_SCALE_UP', 'POST_SCALE_UP', 'POST_TEST_TRAFFIC_SHIFT']),
        lambda(['TEST_TRAFFIC_SHIFT', 'PRODUCTION_TRAFFIC_SHIFT']),
      ]),
      ['0/100', '100/100'],
      ['PRE_SCALE_UP@0', 'POST_SCALE_UP@0', 'POST_TEST_TRAFFIC_SHIFT@0'],
    ],
  ];
  for (const [name, p, weights, pauses] of cases) {
    it(name, () => {
      const t = drive(p);
      assert.equal(t.finished, 'SUCCESSFUL');
      assert.deepEqual(t.stages, FORWARD);
      assert.deepEqual(t.weights, weights);
      assert.deepEqual(t.pauses, pauses);
      assert.deepEqual(t.rollbacks, []);
    });
  }

  it('a first deployment (nothing to shift from) scales up, takes all traffic and skips the hooks', () => {
    const t = drive(progress('CANARY', {}, [pause(['PRE_SCALE_UP'])], { blue: false }));
    assert.deepEqual(t.stages, ['SCALE_UP', 'CLEAN_UP']);
    assert.deepEqual(t.weights, ['100/100']);
    assert.deepEqual(t.pauses, []);
    assert.equal(t.finished, 'SUCCESSFUL');
  });

  it('reconciles first when other revisions are still ACTIVE, returning traffic to blue', () => {
    const t = drive(progress('BLUE_GREEN', { bakeTimeInMinutes: 0 }, [pause(['RECONCILE_SERVICE'])], { reconcile: true }));
    assert.deepEqual(t.stages, ['RECONCILE_SERVICE', ...FORWARD]);
    assert.deepEqual(t.weights, ['0/0', '0/100', '100/100']);
    assert.deepEqual(t.pauses, ['RECONCILE_SERVICE@0']);
  });

  it('waits the canary bake time between the steps, not after the last', () => {
    let p = progress('CANARY', { canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 3 }, bakeTimeInMinutes: 2 });
    const at = (now: number) => {
      const r = advanceStages(p, { now, real: (ms) => ms, primaryReady: true, othersGone: true, newHookId: () => 'h' });
      p = r.next;
      return `${stageOf(p.point)} ${p.point.kind} ${p.production}`;
    };
    assert.equal(at(0), 'PRODUCTION_TRAFFIC_SHIFT step-bake 10');
    assert.equal(at(3 * MIN - 1), 'PRODUCTION_TRAFFIC_SHIFT step-bake 10');
    assert.equal(at(3 * MIN), 'BAKE_TIME bake 100');
    assert.equal(at(5 * MIN - 1), 'BAKE_TIME bake 100');
    assert.equal(at(5 * MIN), 'CLEAN_UP done 100');
  });

  it('divides simulated waits by the speed factor', () => {
    const p = progress('LINEAR', { linearConfiguration: { stepPercent: 50, stepBakeTimeInMinutes: 10 } });
    const r = advanceStages(p, { now: 1000, real: (ms) => ms / 60, primaryReady: true, othersGone: true, newHookId: () => 'h' });
    assert.deepEqual(r.next.point, { kind: 'step-bake', step: 0, until: 1000 + (10 * MIN) / 60 });
  });

  it('holds SCALE_UP until green is ready, and CLEAN_UP until blue is gone', () => {
    const p = progress('BLUE_GREEN', { bakeTimeInMinutes: 0 });
    const obs = (primaryReady: boolean, othersGone: boolean): StageObservation => ({
      now: 0,
      real: (ms) => ms,
      primaryReady,
      othersGone,
      newHookId: () => 'h',
    });
    const scaling = advanceStages(p, obs(false, true)).next;
    assert.equal(stageOf(scaling.point), 'SCALE_UP');
    assert.deepEqual(taskPlanOf(scaling), { primary: 'green', launch: true, keepBlue: true });
    const cleaning = advanceStages(scaling, obs(true, false)).next;
    assert.equal(stageOf(cleaning.point), 'CLEAN_UP');
    assert.deepEqual(taskPlanOf(cleaning), { primary: 'green', launch: true, keepBlue: false });
    assert.equal(advanceStages(cleaning, obs(true, true)).next.point.kind, 'done');
  });

  it("reads readiness only from an observation made under the point's own task plan", () => {
    const p = progress('BLUE_GREEN', { bakeTimeInMinutes: 0 });
    const base = { now: 0, real: (ms: number) => ms, newHookId: () => 'h' };
    // Observed while blue was kept: "others gone" says nothing about blue, so CLEAN_UP must wait for the next pass.
    const kept = advanceStages(p, { ...base, primaryReady: true, othersGone: true, plan: taskPlanOf(p) }).next;
    assert.equal(stageOf(kept.point), 'SCALE_UP', 'the plan changed when SCALE_UP started');
    const cleaning = advanceStages(kept, { ...base, primaryReady: true, othersGone: true, plan: taskPlanOf(kept) }).next;
    assert.equal(cleaning.point.kind, 'clean-up');
    const done = advanceStages(cleaning, { ...base, primaryReady: true, othersGone: true, plan: taskPlanOf(cleaning) }).next;
    assert.equal(done.point.kind, 'done');
  });

  it('rolls back on ROLLBACK: traffic to blue at once, then green scaled in, ROLLBACK_SUCCESSFUL', () => {
    const t = drive(
      progress('CANARY', { canaryConfiguration: { canaryPercent: 20 } }, [
        pause(['PRE_PRODUCTION_TRAFFIC_SHIFT']),
        lambda(['PRODUCTION_TRAFFIC_SHIFT']),
      ]),
      (stage) => (stage.endsWith('@20') ? 'ROLLBACK' : 'CONTINUE'),
    );
    assert.deepEqual(t.weights, ['0/100', '20/100', '0/0']);
    assert.deepEqual(t.rollbacks, ['answered ROLLBACK']);
    assert.equal(t.finished, 'ROLLBACK_SUCCESSFUL');
    assert.deepEqual(t.stages.slice(-3), ['PRODUCTION_TRAFFIC_SHIFT', 'TEST_TRAFFIC_SHIFT', 'CLEAN_UP']);
    assert.deepEqual(taskPlanOf(t.final), { primary: 'blue', launch: true, keepBlue: false });
  });

  it('a circuit breaker without rollback stops the deployment where it is: green launches nothing more, blue keeps serving', () => {
    const scaling = advanceStages(progress('CANARY', {}), {
      now: 0,
      real: (ms) => ms,
      primaryReady: false,
      othersGone: true,
      newHookId: () => 'h',
    }).next;
    const r = stopDeployment(scaling);
    assert.deepEqual(r.effects, [{ kind: 'finished', outcome: 'STOPPED' }]);
    assert.deepEqual(r.next.point, { kind: 'done', outcome: 'STOPPED', stage: 'SCALE_UP' });
    assert.deepEqual(taskPlanOf(r.next), { primary: 'green', launch: false, keepBlue: true });
    assert.equal(r.next.production, 0);
  });

  it('a PAUSE hook that times out applies its action: CONTINUE goes on, ROLLBACK rolls back', () => {
    const goOn = drive(progress('BLUE_GREEN', { bakeTimeInMinutes: 0 }, [pause(['POST_SCALE_UP'], 5, 'CONTINUE')]), () => undefined);
    assert.equal(goOn.finished, 'SUCCESSFUL');
    assert.deepEqual(goOn.rollbacks, []);
    const back = drive(
      progress('BLUE_GREEN', { bakeTimeInMinutes: 0 }, [pause(['POST_TEST_TRAFFIC_SHIFT'], 5, 'ROLLBACK')]),
      () => undefined,
    );
    assert.equal(back.finished, 'ROLLBACK_SUCCESSFUL');
    assert.equal(back.rollbacks.length, 1);
    assert.match(back.rollbacks[0]!, /^Lifecycle hook PAUSE-\d+ timed out\.$/);
  });
});

describe('hook gates', () => {
  const run = (
    status: 'AWAITING_ACTION' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT',
    expiresAt = 100,
    timeoutAction: 'CONTINUE' | 'ROLLBACK' = 'ROLLBACK',
  ) => ({ hookId: `h-${status}`, targetType: 'PAUSE' as const, status, expiresAt, timeoutAction });
  const cases: Array<[string, ReturnType<typeof run>[], number, string]> = [
    ['all SUCCEEDED passes', [run('SUCCEEDED'), run('SUCCEEDED')], 0, 'pass'],
    ['one still AWAITING_ACTION waits', [run('SUCCEEDED'), run('AWAITING_ACTION')], 99, 'wait'],
    ['an expired CONTINUE hook passes', [run('AWAITING_ACTION', 100, 'CONTINUE')], 100, 'pass'],
    ['an expired ROLLBACK hook rolls back', [run('AWAITING_ACTION', 100, 'ROLLBACK')], 100, 'rollback'],
    ['a FAILED hook rolls back', [run('FAILED'), run('AWAITING_ACTION')], 0, 'rollback'],
    ['no hooks pass', [], 0, 'pass'],
  ];
  for (const [name, runs, now, gate] of cases) it(name, () => assert.equal(judgeRuns(runs, now).gate.kind, gate));
});

describe('the native scheduler decision', () => {
  const healthy = { kind: 'healthy' } as const;
  const task = (id: string, deploymentId: string, health: SchedTask['health'] = healthy, createdAt = 0): SchedTask => ({
    id,
    deploymentId,
    health,
    createdAt,
  });
  const dep = (id: string, over: Partial<SchedDeployment> = {}): SchedDeployment => ({
    id,
    status: 'ACTIVE',
    rolloutState: 'COMPLETED',
    failedTasks: 0,
    stopping: 0,
    ...over,
  });
  const base = (over: Partial<NativeTaskInput>): NativeTaskInput => ({
    service: {
      status: 'ACTIVE',
      desiredCount: 2,
      minimumHealthyPercent: 100,
      maximumPercent: 200,
      circuitBreaker: { enable: true, rollback: true },
    },
    primaryId: 'green',
    launch: true,
    keepId: 'blue',
    deployments: [dep('green', { status: 'PRIMARY', rolloutState: 'IN_PROGRESS' }), dep('blue')],
    tasks: [task('b1', 'blue'), task('b2', 'blue')],
    ...over,
  });
  const kinds = (d: ReturnType<typeof decideNative>) =>
    d.actions.map((a) =>
      a.kind === 'start-tasks'
        ? `start ${a.deploymentId} ${a.count}`
        : a.kind === 'stop-tasks'
          ? `stop ${a.tasks.map((t) => t.id).join(',')}`
          : `${a.kind} ${a.deploymentId}`,
    );

  it('starts every green task at once (no maximumPercent batches) and keeps blue', () => {
    const d = decideNative(base({ service: { ...base({}).service, maximumPercent: 100 } }));
    assert.deepEqual(kinds(d), ['start green 2']);
    assert.equal(d.primaryReady, false);
  });
  it('launches nothing before SCALE_UP', () => assert.deepEqual(kinds(decideNative(base({ launch: false }))), []));
  it('is ready when green runs desired healthy tasks, blue still kept', () => {
    const d = decideNative(base({ tasks: [task('b1', 'blue'), task('b2', 'blue'), task('g1', 'green'), task('g2', 'green')] }));
    assert.deepEqual(kinds(d), []);
    assert.equal(d.primaryReady, true);
    assert.equal(d.othersGone, true);
    assert.equal(d.condition, 'busy', 'not steady while blue is kept');
  });
  it('CLEAN_UP stops blue, then retires it', () => {
    const green = [task('g1', 'green'), task('g2', 'green')];
    const d = decideNative(base({ keepId: undefined, tasks: [task('b1', 'blue'), task('b2', 'blue'), ...green] }));
    assert.deepEqual(kinds(d), ['stop b1,b2']);
    assert.equal(d.othersGone, false);
    const gone = decideNative(base({ keepId: undefined, tasks: green }));
    assert.deepEqual(kinds(gone), ['retire-deployment blue']);
    assert.equal(gone.condition, 'steady');
  });
  it('replaces an unhealthy blue task while blue serves', () => {
    const d = decideNative(
      base({ launch: false, tasks: [task('b1', 'blue', { kind: 'unhealthy', cause: 'container' }), task('b2', 'blue')] }),
    );
    assert.deepEqual(kinds(d), ['stop b1', 'start blue 1']);
  });
  it('trips the circuit breaker on green failures', () => {
    const d = decideNative(
      base({ deployments: [dep('green', { status: 'PRIMARY', rolloutState: 'IN_PROGRESS', failedTasks: 3 }), dep('blue')] }),
    );
    assert.deepEqual(kinds(d), ['fail-deployment green']);
  });
  it('a rollback fills blue and drains green', () => {
    const d = decideNative(
      base({ primaryId: 'blue', keepId: undefined, tasks: [task('b1', 'blue'), task('g1', 'green'), task('g2', 'green')] }),
    );
    assert.deepEqual(kinds(d), ['stop g1,g2', 'start blue 1']);
  });
});
