import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { circuitBreakerOf, circuitBreakerThreshold, failuresAfterHealthyTask } from '../../../src/local/services/ecs/circuit-breaker.js';
import { earlySuccessOf } from '../../../src/local/services/ecs/early-success.js';
import {
  decide,
  type EarlySuccess,
  type SchedDeployment,
  type SchedService,
  type SchedTask,
} from '../../../src/local/services/ecs/scheduler-decision.js';
import type { SchedulerHealth } from '../../../src/local/services/ecs/task-health.js';

const H: SchedulerHealth = { kind: 'healthy' };
const W: SchedulerHealth = { kind: 'waiting' };
let seq = 0;
const tasks = (n: number, deploymentId: string, health: SchedulerHealth): SchedTask[] =>
  Array.from({ length: n }, () => ({ id: `${deploymentId}-t${++seq}`, deploymentId, health, createdAt: seq }));
const dep = (id: string, status: 'PRIMARY' | 'ACTIVE', over: Partial<SchedDeployment> = {}): SchedDeployment => ({
  id,
  status,
  rolloutState: status === 'PRIMARY' ? 'IN_PROGRESS' : 'COMPLETED',
  failedTasks: 0,
  stopping: 0,
  ...over,
});
const service = (desiredCount: number, over: Partial<SchedService> = {}): SchedService => ({
  status: 'ACTIVE',
  desiredCount,
  minimumHealthyPercent: 50,
  maximumPercent: 100,
  circuitBreaker: { enable: true, rollback: true },
  ...over,
});

describe('circuit breaker threshold configuration', () => {
  const table: Array<[string, number, 'COUNT' | 'BOUNDED_PERCENT' | 'UNBOUNDED_PERCENT', number, number]> = [
    ['COUNT is the value itself', 10, 'COUNT', 1, 1],
    ['COUNT ignores the desired count', 1, 'COUNT', 7, 7],
    ['BOUNDED_PERCENT 50 is the old rule, at least 3', 1, 'BOUNDED_PERCENT', 50, 3],
    ['BOUNDED_PERCENT rounds up', 7, 'BOUNDED_PERCENT', 50, 4],
    ['BOUNDED_PERCENT at most 200', 1000, 'BOUNDED_PERCENT', 50, 200],
    ['UNBOUNDED_PERCENT has no floor of 3', 1, 'UNBOUNDED_PERCENT', 50, 1],
    ['UNBOUNDED_PERCENT has no ceiling of 200', 1000, 'UNBOUNDED_PERCENT', 50, 500],
    ['UNBOUNDED_PERCENT may exceed 100%', 4, 'UNBOUNDED_PERCENT', 150, 6],
  ];
  for (const [what, desired, type, value, threshold] of table) {
    it(`${what}: desired ${desired}, ${type} ${value} → ${threshold}`, () =>
      assert.equal(circuitBreakerThreshold(desired, { type, value }), threshold));
  }
  it("reads AWS's defaults: BOUNDED_PERCENT 50, resetOnHealthyTask true", () => {
    assert.deepEqual(circuitBreakerOf({ deploymentCircuitBreaker: { enable: true, rollback: false } }), {
      enable: true,
      rollback: false,
      resetOnHealthyTask: true,
      threshold: { type: 'BOUNDED_PERCENT', value: 50 },
    });
    const cb = circuitBreakerOf({
      deploymentCircuitBreaker: {
        enable: true,
        rollback: true,
        resetOnHealthyTask: false,
        thresholdConfiguration: { type: 'COUNT', value: 1 },
      },
    });
    assert.equal(cb.resetOnHealthyTask, false);
    assert.deepEqual(cb.threshold, { type: 'COUNT', value: 1 });
  });
  it('a healthy task resets the failure count unless resetOnHealthyTask is false', () => {
    assert.equal(failuresAfterHealthyTask(2, circuitBreakerOf({ deploymentCircuitBreaker: { enable: true, rollback: true } })), 0);
    const keep = circuitBreakerOf({ deploymentCircuitBreaker: { enable: true, rollback: true, resetOnHealthyTask: false } });
    assert.equal(failuresAfterHealthyTask(2, keep), 2);
  });
  it('fails the deployment at the configured threshold, not the default one', () => {
    const input = {
      deployments: [dep('new', 'PRIMARY', { failedTasks: 1 }), dep('old', 'ACTIVE')],
      tasks: tasks(2, 'old', H),
    };
    const counted = decide({
      ...input,
      service: service(2, { circuitBreaker: { enable: true, rollback: true, threshold: { type: 'COUNT', value: 1 } } }),
    });
    assert.deepEqual(counted.actions, [{ kind: 'fail-deployment', deploymentId: 'new', rollback: true }]);
    const byDefault = decide({ ...input, service: service(2) });
    assert.equal(
      byDefault.actions.some((a) => a.kind === 'fail-deployment'),
      false,
    );
  });
});

describe('early success criteria', () => {
  const early = (healthyPercent: number, cleanup: EarlySuccess['cleanup']): EarlySuccess => ({ healthyPercent, cleanup });
  const complete = (d: ReturnType<typeof decide>) => d.actions.find((a) => a.kind === 'complete-deployment');

  it('reads the criteria only when enabled', () => {
    assert.equal(earlySuccessOf({ earlySuccessCriteria: { enable: false, healthyPercent: 50 } }), undefined);
    assert.deepEqual(
      earlySuccessOf({ earlySuccessCriteria: { enable: true, healthyPercent: 50, sourceServiceRevisionCleanup: 'DEFERRED' } }),
      {
        healthyPercent: 50,
        cleanup: 'DEFERRED',
      },
    );
  });
  it('DEFERRED: completes once healthyPercent of desiredCount (rounded up) is healthy, old tasks still running', () => {
    // 50% of 3 is 2 tasks, as the developer guide's example says.
    const input = (healthy: number) => ({
      service: service(3, { earlySuccess: early(50, 'DEFERRED') }),
      deployments: [dep('new', 'PRIMARY'), dep('old', 'ACTIVE')],
      tasks: [...tasks(healthy, 'new', H), ...tasks(3 - healthy, 'new', W), ...tasks(2, 'old', H)],
    });
    assert.equal(complete(decide(input(1))), undefined);
    assert.deepEqual(complete(decide(input(2))), { kind: 'complete-deployment', deploymentId: 'new', early: true });
  });
  it('BLOCKING: waits for the source revision to be gone as well', () => {
    const withOld = decide({
      service: service(4, { earlySuccess: early(50, 'BLOCKING') }),
      deployments: [dep('new', 'PRIMARY'), dep('old', 'ACTIVE')],
      tasks: [...tasks(2, 'new', H), ...tasks(2, 'new', W), ...tasks(2, 'old', H)],
    });
    assert.equal(complete(withOld), undefined);
    const oldGone = decide({
      service: service(4, { earlySuccess: early(50, 'BLOCKING') }),
      deployments: [dep('new', 'PRIMARY'), dep('old', 'ACTIVE')],
      tasks: [...tasks(2, 'new', H), ...tasks(2, 'new', W)],
    });
    assert.deepEqual(complete(oldGone), { kind: 'complete-deployment', deploymentId: 'new', early: true });
  });
  it('without criteria, the same state does not complete', () => {
    const d = decide({
      service: service(4),
      deployments: [dep('new', 'PRIMARY'), dep('old', 'ACTIVE')],
      tasks: [...tasks(2, 'new', H), ...tasks(2, 'new', W)],
    });
    assert.equal(complete(d), undefined);
  });
  it('a settled deployment completes as usual, not early', () => {
    const d = decide({
      service: service(2, { earlySuccess: early(50, 'DEFERRED') }),
      deployments: [dep('new', 'PRIMARY')],
      tasks: tasks(2, 'new', H),
    });
    assert.deepEqual(complete(d), { kind: 'complete-deployment', deploymentId: 'new' });
  });
  it('keeps starting the remaining tasks after an early completion', () => {
    const d = decide({
      service: service(4, { earlySuccess: early(50, 'DEFERRED') }),
      deployments: [dep('new', 'PRIMARY', { rolloutState: 'COMPLETED' })],
      tasks: tasks(2, 'new', H),
    });
    assert.ok(d.actions.some((a) => a.kind === 'start-tasks' && a.count === 2));
  });
});
