// The midway waits: which values --wait-until takes, and when a reading of a service deployment has reached them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CortadoError } from '../../src/core/errors.js';
import { midwayReached, parseWaitUntil } from '../../src/deploy/wait-until.js';

test('parseWaitUntil: the plain values and every lifecycle stage; a typo is bad input with a did-you-mean', () => {
  for (const v of ['deployed', 'stable', 'paused', 'ecs:RECONCILE_SERVICE', 'ecs:BAKE_TIME', 'ecs:CLEAN_UP'])
    assert.equal(parseWaitUntil(v), v);
  const cases: [string, RegExp][] = [
    ['ecs:BAKE_TIM', /did you mean ecs:BAKE_TIME\?/],
    ['stabel', /did you mean stable\?/],
    ['ecs:', /expects deployed, stable, paused, ecs:<LIFECYCLE_STAGE> or \(CodeDeploy services\) codedeploy:<EVENT>, got "ecs:"/],
    ['codedeploy', /got "codedeploy"/],
  ];
  for (const [raw, re] of cases) {
    assert.throws(
      () => parseWaitUntil(raw),
      (e: unknown) => e instanceof CortadoError && e.source === 'user' && re.test(e.message) && /BAKE_TIME, CLEAN_UP/.test(e.hint ?? ''),
      raw,
    );
  }
});

test('midwayReached: a later stage counts (stages pass between readings); none for a rolling deployment; paused needs a PAUSE hook awaiting', () => {
  const pause = { targetType: 'PAUSE' as const, status: 'AWAITING_ACTION' as const, hookId: 'ecs-pause-1' };
  const rows: [Parameters<typeof parseWaitUntil>[0], Parameters<typeof midwayReached>[1], string | undefined][] = [
    ['ecs:SCALE_UP', { lifecycleStage: 'SCALE_UP' }, 'at lifecycle stage SCALE_UP'],
    ['ecs:SCALE_UP', { lifecycleStage: 'PRODUCTION_TRAFFIC_SHIFT' }, 'at lifecycle stage PRODUCTION_TRAFFIC_SHIFT'],
    ['ecs:BAKE_TIME', { lifecycleStage: 'PRODUCTION_TRAFFIC_SHIFT' }, undefined],
    ['ecs:BAKE_TIME', {}, undefined],
    [
      'paused',
      { lifecycleStage: 'PRODUCTION_TRAFFIC_SHIFT', lifecycleHookDetails: [pause] },
      'paused at PRODUCTION_TRAFFIC_SHIFT (hook ecs-pause-1)',
    ],
    ['paused', { lifecycleHookDetails: [{ ...pause, status: 'SUCCEEDED' }] }, undefined],
    ['paused', { lifecycleHookDetails: [{ ...pause, targetType: 'AWS_LAMBDA' }] }, undefined],
    ['deployed', { lifecycleStage: 'CLEAN_UP', lifecycleHookDetails: [pause] }, undefined],
  ];
  for (const [u, sd, want] of rows) assert.equal(midwayReached(parseWaitUntil(u), sd), want, `${u} ${JSON.stringify(sd)}`);
});
