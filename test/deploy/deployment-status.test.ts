// Pure wait decisions: what a service deployment's status means, stability, when DescribeServiceDeployments is worth a call, progress lines.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Deployment, Service } from '@aws-sdk/client-ecs';
import {
  deploymentOutcome,
  earlySuccess,
  needsDeploymentCheck,
  newEvents,
  progressLine,
  serviceStable,
} from '../../src/deploy/deployment-status.js';
import { failureRank, formatStoppedTasks } from '../../src/deploy/failure-report.js';

test('deployment outcomes for every ServiceDeploymentStatus', () => {
  const table: readonly [string, string][] = [
    ['PENDING', 'in-progress'],
    ['IN_PROGRESS', 'in-progress'],
    ['STOP_REQUESTED', 'in-progress'],
    ['SUCCESSFUL', 'succeeded'],
    ['ROLLBACK_REQUESTED', 'rolling-back'],
    ['ROLLBACK_IN_PROGRESS', 'rolling-back'],
    ['ROLLBACK_SUCCESSFUL', 'failed'],
    ['ROLLBACK_FAILED', 'failed'],
    ['STOPPED', 'failed'],
  ];
  for (const [status, kind] of table) assert.equal(deploymentOutcome({ status: status as never }).kind, kind, status);
  assert.deepEqual(
    deploymentOutcome({
      status: 'ROLLBACK_SUCCESSFUL',
      statusReason: 'x',
      rollback: { reason: 'ECS deployment circuit breaker: task failed to start.' },
    }),
    { kind: 'failed', reason: 'ECS deployment circuit breaker: task failed to start.', rolledBack: true },
  );
  assert.deepEqual(deploymentOutcome({ status: 'STOPPED', statusReason: 'circuit breaker' }), {
    kind: 'failed',
    reason: 'circuit breaker',
    rolledBack: false,
  });
});

const dep = (d: Partial<Deployment>): Deployment => ({
  id: 'ecs-svc/1',
  status: 'PRIMARY',
  rolloutState: 'IN_PROGRESS',
  taskDefinition: 'arn:aws:ecs:r:1:task-definition/web:2',
  desiredCount: 2,
  runningCount: 1,
  pendingCount: 1,
  ...d,
});

test('stable: one deployment, running equals desired', () => {
  assert.equal(serviceStable({ deployments: [dep({})], runningCount: 2, desiredCount: 2 }), true);
  assert.equal(
    serviceStable({ deployments: [dep({}), dep({ id: 'ecs-svc/0', status: 'ACTIVE' })], runningCount: 2, desiredCount: 2 }),
    false,
  );
  assert.equal(serviceStable({ deployments: [dep({})], runningCount: 1, desiredCount: 2 }), false);
});

test('DescribeServiceDeployments only when DescribeServices says our deployment changed', () => {
  assert.equal(needsDeploymentCheck({ deployments: [dep({})] }, 'ecs-svc/1'), false);
  assert.equal(needsDeploymentCheck({ deployments: [dep({ rolloutState: 'COMPLETED' })] }, 'ecs-svc/1'), true);
  assert.equal(needsDeploymentCheck({ deployments: [dep({ rolloutState: 'FAILED' })] }, 'ecs-svc/1'), true);
  assert.equal(needsDeploymentCheck({ deployments: [dep({ id: 'ecs-svc/9' }), dep({ status: 'ACTIVE' })] }, 'ecs-svc/1'), true);
  assert.equal(needsDeploymentCheck({ deployments: [dep({ id: 'ecs-svc/9' })] }, 'ecs-svc/1'), true);
  assert.equal(needsDeploymentCheck({ deployments: [dep({})] }, undefined), true);
});

test('one progress line: PRIMARY first, counts, failures, rollout state', () => {
  const svc: Pick<Service, 'deployments' | 'runningCount' | 'desiredCount'> = {
    runningCount: 3,
    desiredCount: 2,
    deployments: [
      dep({
        id: 'ecs-svc/0',
        status: 'ACTIVE',
        rolloutState: 'COMPLETED',
        taskDefinition: 'arn:x:task-definition/web:1',
        runningCount: 2,
        pendingCount: 0,
      }),
      dep({ failedTasks: 1 }),
    ],
  };
  assert.equal(
    progressLine(svc),
    '3/2 tasks running | PRIMARY web:2 1/2 running, 1 pending, 1 failed IN_PROGRESS | ACTIVE web:1 2/2 running COMPLETED',
  );
});

test('new events: unseen, not older than the start, oldest first', () => {
  const t = (s: number) => new Date(1_000_000 + s * 1000);
  const events = [
    { id: 'c', createdAt: t(3), message: 'c' },
    { id: 'b', createdAt: t(2), message: 'b' },
    { id: 'a', createdAt: t(-5), message: 'old' },
  ];
  assert.deepEqual(
    newEvents(events, new Set(['c']), t(0)).map((e) => e.id),
    ['b'],
  );
  assert.deepEqual(
    newEvents(events, new Set(), t(0)).map((e) => e.id),
    ['b', 'c'],
  );
});

test('failure report: tasks that failed on their own first; text names reason, exit code and log lines', () => {
  assert.equal(failureRank({ stopCode: 'EssentialContainerExited' }), 0);
  assert.equal(failureRank({ stopCode: 'ServiceSchedulerInitiated', containers: [{ exitCode: 3 }] }), 0);
  assert.equal(failureRank({ stopCode: 'ServiceSchedulerInitiated', containers: [{}] }), 1);
  assert.equal(
    formatStoppedTasks([
      {
        taskId: 't1',
        stoppedReason: 'Essential container in task exited',
        stopCode: 'EssentialContainerExited',
        containers: [{ name: 'app', exitCode: 3, lastLogLines: ['boom'] }],
      },
    ]),
    'stopped task t1: Essential container in task exited (EssentialContainerExited)\n  container app: exit code 3\n    | boom',
  );
  assert.equal(formatStoppedTasks([]), 'no stopped task found for the deployment');
});

test("a tripped circuit breaker's failure count and threshold are part of the failure reason", () => {
  assert.deepEqual(
    deploymentOutcome({
      status: 'STOPPED',
      statusReason: 'ECS deployment circuit breaker: task failed to start.',
      deploymentCircuitBreaker: { status: 'TRIGGERED', failureCount: 1, threshold: 1 },
    }),
    {
      kind: 'failed',
      reason: 'ECS deployment circuit breaker: task failed to start. (circuit breaker: 1 failed task, threshold 1)',
      rolledBack: false,
    },
  );
  const rolled = deploymentOutcome({
    status: 'ROLLBACK_SUCCESSFUL',
    rollback: { reason: 'r' },
    deploymentCircuitBreaker: { status: 'TRIGGERED', failureCount: 4, threshold: 3 },
  });
  assert.equal(rolled.kind === 'failed' && rolled.reason, 'r (circuit breaker: 4 failed tasks, threshold 3)');
  const monitoring = deploymentOutcome({
    status: 'STOPPED',
    statusReason: 's',
    deploymentCircuitBreaker: { status: 'MONITORING', threshold: 3 },
  });
  assert.equal(monitoring.kind === 'failed' && monitoring.reason, 's');
});

test('early success is reported only with the criteria enabled and the service not yet stable', () => {
  const criteria = { earlySuccessCriteria: { enable: true, healthyPercent: 50, sourceServiceRevisionCleanup: 'DEFERRED' as const } };
  const rolling: Pick<Service, 'deployments' | 'runningCount' | 'desiredCount'> = {
    desiredCount: 4,
    runningCount: 4,
    deployments: [
      { status: 'PRIMARY', runningCount: 2, desiredCount: 4 },
      { status: 'ACTIVE', runningCount: 2, desiredCount: 2 },
    ],
  };
  assert.equal(
    earlySuccess({ deploymentConfiguration: criteria }, rolling),
    'early success criteria met (50% healthy, DEFERRED cleanup) with 2/4 new tasks running and 1 previous deployment still draining; ECS finishes the rollout in the background',
  );
  assert.equal(earlySuccess({ deploymentConfiguration: {} }, rolling), undefined);
  const stable = { desiredCount: 4, runningCount: 4, deployments: [{ status: 'PRIMARY', runningCount: 4, desiredCount: 4 }] };
  assert.equal(earlySuccess({ deploymentConfiguration: criteria }, stable), undefined);
});
