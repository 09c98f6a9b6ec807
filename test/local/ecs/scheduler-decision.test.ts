import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { circuitBreakerThreshold } from '../../../src/local/services/ecs/circuit-breaker.js';
import {
  decide,
  deploymentBounds,
  isStuckConfiguration,
  type SchedDeployment,
  type SchedService,
  type SchedTask,
  type SchedulerAction,
} from '../../../src/local/services/ecs/scheduler-decision.js';
import type { SchedulerHealth } from '../../../src/local/services/ecs/task-health.js';

const svc = (desiredCount: number, minimumHealthyPercent = 100, maximumPercent = 200, enable = false, rollback = false): SchedService => ({
  status: 'ACTIVE',
  desiredCount,
  minimumHealthyPercent,
  maximumPercent,
  circuitBreaker: { enable, rollback },
});
const dep = (id: string, status: 'PRIMARY' | 'ACTIVE', over: Partial<SchedDeployment> = {}): SchedDeployment => ({
  id,
  status,
  rolloutState: status === 'PRIMARY' ? 'IN_PROGRESS' : 'COMPLETED',
  failedTasks: 0,
  stopping: 0,
  ...over,
});
const H: SchedulerHealth = { kind: 'healthy' };
const W: SchedulerHealth = { kind: 'waiting' };
let seq = 0;
const tasks = (n: number, deploymentId: string, health: SchedulerHealth): SchedTask[] =>
  Array.from({ length: n }, () => ({ id: `${deploymentId}-t${++seq}`, deploymentId, health, createdAt: seq }));

const starts = (a: readonly SchedulerAction[]) =>
  a.filter((x) => x.kind === 'start-tasks').reduce((n, x) => n + (x.kind === 'start-tasks' ? x.count : 0), 0);
const stops = (a: readonly SchedulerAction[]) => a.flatMap((x) => (x.kind === 'stop-tasks' ? x.tasks : []));
const has = (a: readonly SchedulerAction[], kind: SchedulerAction['kind']) => a.some((x) => x.kind === kind);

describe('deployment bounds', () => {
  const table: Array<[number, number, number, number, number]> = [
    [4, 100, 200, 4, 8],
    [4, 50, 100, 2, 4],
    [3, 100, 125, 3, 3],
    [2, 75, 100, 2, 2],
    [5, 50, 150, 3, 7],
    [0, 100, 200, 0, 0],
  ];
  for (const [desired, min, max, lower, upper] of table) {
    it(`desired ${desired}, min ${min}%, max ${max}% → lower ${lower}, upper ${upper}`, () => {
      assert.deepEqual(deploymentBounds(desired, min, max), { lower, upper });
    });
  }
  it('flags the configurations that can neither start nor stop a task', () => {
    assert.equal(isStuckConfiguration(2, 75, 100), true);
    assert.equal(isStuckConfiguration(3, 100, 125), true);
    assert.equal(isStuckConfiguration(4, 100, 200), false);
    assert.equal(isStuckConfiguration(4, 50, 100), false);
    assert.equal(isStuckConfiguration(2, 75, 200), false);
  });
});

describe('worked example A: desired 4, min 100, max 200', () => {
  const service = svc(4);
  it('starts 4 new tasks at once and stops none while only the old ones are healthy', () => {
    const d = decide({ service, deployments: [dep('new', 'PRIMARY'), dep('old', 'ACTIVE')], tasks: tasks(4, 'old', H) });
    assert.equal(starts(d.actions), 4);
    assert.equal(stops(d.actions).length, 0);
    assert.equal(d.condition, 'busy');
  });
  it('waits (not stuck) while the new tasks are not yet healthy', () => {
    const d = decide({
      service,
      deployments: [dep('new', 'PRIMARY'), dep('old', 'ACTIVE')],
      tasks: [...tasks(4, 'old', H), ...tasks(4, 'new', W)],
    });
    assert.deepEqual(d.actions, []);
    assert.equal(d.condition, 'busy');
  });
  it('stops one old task for each new healthy task', () => {
    const d = decide({
      service,
      deployments: [dep('new', 'PRIMARY'), dep('old', 'ACTIVE')],
      tasks: [...tasks(4, 'old', H), ...tasks(1, 'new', H), ...tasks(3, 'new', W)],
    });
    const s = stops(d.actions);
    assert.equal(s.length, 1);
    assert.deepEqual(s[0]!.why, { kind: 'scale', deploymentId: 'old' });
    assert.equal(starts(d.actions), 0);
  });
  it('retires the old deployment and completes the new one when it has 4 healthy tasks', () => {
    const d = decide({ service, deployments: [dep('new', 'PRIMARY'), dep('old', 'ACTIVE')], tasks: tasks(4, 'new', H) });
    assert.ok(d.actions.some((a) => a.kind === 'retire-deployment' && a.deploymentId === 'old'));
    assert.ok(d.actions.some((a) => a.kind === 'complete-deployment' && a.deploymentId === 'new'));
    assert.equal(d.condition, 'steady');
  });
  it('keeps an old deployment whose tasks are still stopping', () => {
    const d = decide({ service, deployments: [dep('new', 'PRIMARY'), dep('old', 'ACTIVE', { stopping: 1 })], tasks: tasks(4, 'new', H) });
    assert.equal(has(d.actions, 'retire-deployment'), false);
    assert.equal(has(d.actions, 'complete-deployment'), false);
  });
});

describe('worked example B: desired 4, min 50, max 100', () => {
  const service = svc(4, 50, 100);
  it('first stops 2 old tasks, which makes room to start 2 new ones', () => {
    const d = decide({ service, deployments: [dep('new', 'PRIMARY'), dep('old', 'ACTIVE')], tasks: tasks(4, 'old', H) });
    assert.equal(stops(d.actions).length, 2);
    assert.equal(starts(d.actions), 2);
  });
  it('does nothing while the 2 new tasks become healthy (2 healthy old tasks keep the lower bound)', () => {
    const d = decide({
      service,
      deployments: [dep('new', 'PRIMARY'), dep('old', 'ACTIVE')],
      tasks: [...tasks(2, 'old', H), ...tasks(2, 'new', W)],
    });
    assert.deepEqual(d.actions, []);
  });
  it('with 4 healthy tasks, stops the last 2 old tasks and starts the last 2 new ones', () => {
    const d = decide({
      service,
      deployments: [dep('new', 'PRIMARY'), dep('old', 'ACTIVE')],
      tasks: [...tasks(2, 'old', H), ...tasks(2, 'new', H)],
    });
    assert.deepEqual(
      stops(d.actions).map((s) => s.why),
      [
        { kind: 'scale', deploymentId: 'old' },
        { kind: 'scale', deploymentId: 'old' },
      ],
    );
    assert.equal(starts(d.actions), 2);
  });
});

describe('stuck configurations', () => {
  it('min 75% with desired 2 (max 100%): nothing can be stopped or started', () => {
    const d = decide({ service: svc(2, 75, 100), deployments: [dep('new', 'PRIMARY'), dep('old', 'ACTIVE')], tasks: tasks(2, 'old', H) });
    assert.deepEqual(d.actions, []);
    assert.equal(d.condition, 'stuck');
  });
  it('max 125% with desired 3 (min 100%): nothing can be started', () => {
    const d = decide({ service: svc(3, 100, 125), deployments: [dep('new', 'PRIMARY'), dep('old', 'ACTIVE')], tasks: tasks(3, 'old', H) });
    assert.deepEqual(d.actions, []);
    assert.equal(d.condition, 'stuck');
  });
  it('is not stuck when the same service has no deployment to carry out', () => {
    const d = decide({
      service: svc(2, 75, 100),
      deployments: [dep('only', 'PRIMARY', { rolloutState: 'COMPLETED' })],
      tasks: tasks(2, 'only', H),
    });
    assert.equal(d.condition, 'steady');
  });
});

describe('circuit breaker threshold', () => {
  const table: Array<[number, number]> = [
    [0, 3],
    [1, 3],
    [4, 3],
    [6, 3],
    [7, 4],
    [25, 13],
    [399, 200],
    [400, 200],
    [800, 200],
  ];
  for (const [desired, threshold] of table) {
    it(`desired ${desired} → threshold ${threshold}`, () => assert.equal(circuitBreakerThreshold(desired), threshold));
  }
  it('fails the deployment (with the rollback flag) once failedTasks reaches the threshold', () => {
    const d = decide({
      service: svc(1, 100, 200, true, true),
      deployments: [dep('new', 'PRIMARY', { failedTasks: 3 }), dep('old', 'ACTIVE')],
      tasks: tasks(1, 'old', H),
    });
    assert.deepEqual(d.actions, [{ kind: 'fail-deployment', deploymentId: 'new', rollback: true }]);
  });
  it('keeps trying below the threshold', () => {
    const d = decide({
      service: svc(1, 100, 200, true, true),
      deployments: [dep('new', 'PRIMARY', { failedTasks: 2 }), dep('old', 'ACTIVE')],
      tasks: tasks(1, 'old', H),
    });
    assert.equal(starts(d.actions), 1);
  });
  it('ignores failures when the breaker is off', () => {
    const d = decide({ service: svc(1), deployments: [dep('new', 'PRIMARY', { failedTasks: 50 })], tasks: [] });
    assert.equal(has(d.actions, 'fail-deployment'), false);
    assert.equal(starts(d.actions), 1);
  });
  it('launches nothing for a FAILED primary', () => {
    const d = decide({
      service: svc(2, 100, 200, true, false),
      deployments: [dep('new', 'PRIMARY', { rolloutState: 'FAILED', failedTasks: 3 }), dep('old', 'ACTIVE')],
      tasks: tasks(2, 'old', H),
    });
    assert.equal(starts(d.actions), 0);
    assert.notEqual(d.condition, 'stuck');
  });
});

describe('replacement and scaling', () => {
  it('stops an unhealthy task and starts its replacement, counting it as an unhealthy replacement', () => {
    const bad: SchedTask = {
      id: 'bad',
      deploymentId: 'p',
      health: { kind: 'unhealthy', cause: 'elb', targetGroupArn: 'tg', port: 80 },
      createdAt: 0,
    };
    const d = decide({
      service: svc(2),
      deployments: [dep('p', 'PRIMARY', { rolloutState: 'COMPLETED' })],
      tasks: [...tasks(1, 'p', H), bad],
    });
    assert.deepEqual(stops(d.actions), [{ id: 'bad', why: { kind: 'unhealthy-elb', targetGroupArn: 'tg', port: 80 } }]);
    assert.ok(d.actions.some((a) => a.kind === 'start-tasks' && a.count === 1 && a.replacedUnhealthy === 1));
  });
  it('scales in by stopping the newest tasks first', () => {
    const ts = tasks(3, 'p', H);
    const d = decide({ service: svc(1), deployments: [dep('p', 'PRIMARY', { rolloutState: 'COMPLETED' })], tasks: ts });
    assert.deepEqual(
      stops(d.actions).map((s) => s.id),
      [ts[2]!.id, ts[1]!.id],
    );
  });
  it('stops every task of a DRAINING service', () => {
    const d = decide({ service: { ...svc(0), status: 'DRAINING' }, deployments: [dep('p', 'PRIMARY')], tasks: tasks(3, 'p', H) });
    assert.equal(stops(d.actions).length, 3);
  });
});
