// The deployment watcher against a scripted ECS: one DescribeServices per tick, DescribeServiceDeployments only when it can say more,
// bounded by the timeout, cancellable.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Deployment, Service } from '@aws-sdk/client-ecs';
import { TimeoutError } from '../../src/core/errors.js';
import { watchDeployment } from '../../src/deploy/watch-deployment.js';
import { fakeClock, fakeContext, fakeEcs } from './fakes.js';

const ARN = 'arn:aws:ecs:us-east-1:0:service-deployment/c/web/abc';
const dep = (d: Partial<Deployment>): Deployment => ({
  id: 'ecs-svc/2',
  status: 'PRIMARY',
  rolloutState: 'IN_PROGRESS',
  taskDefinition: 'arn:x:task-definition/web:2',
  desiredCount: 2,
  runningCount: 0,
  ...d,
});
const svc = (deployments: Deployment[], running: number, events: Service['events'] = []): Service => ({
  serviceName: 'web',
  desiredCount: 2,
  runningCount: running,
  deployments,
  events,
});

/** A rollout seen by DescribeServices over ticks. */
function rollout(): Service[] {
  const old = dep({
    id: 'ecs-svc/1',
    status: 'ACTIVE',
    rolloutState: 'COMPLETED',
    taskDefinition: 'arn:x:task-definition/web:1',
    runningCount: 2,
  });
  return [
    svc([dep({ pendingCount: 2 }), old], 2, [
      { id: 'e1', createdAt: new Date(Date.UTC(2026, 10, 22, 0, 0, 1)), message: '(service web) has started 2 tasks' },
    ]),
    svc([dep({ runningCount: 1, pendingCount: 1 }), old], 3),
    svc([dep({ runningCount: 2 }), old], 4),
    svc([dep({ runningCount: 2, rolloutState: 'COMPLETED' })], 2),
  ];
}

test('a successful rollout: DescribeServices each tick, DescribeServiceDeployments once at the end', async () => {
  const frames = rollout();
  let i = 0;
  const ecs = fakeEcs({
    describeServices: () => ({ services: [frames[Math.min(i++, frames.length - 1)]] }),
    describeServiceDeployments: () => ({ serviceDeployments: [{ serviceDeploymentArn: ARN, status: 'SUCCESSFUL' }] }),
  });
  const { ctx, host } = fakeContext(ecs);
  const r = await watchDeployment(ctx, {
    service: 'web',
    serviceDeploymentArn: ARN,
    deploymentId: 'ecs-svc/2',
    startedAt: new Date(Date.UTC(2026, 10, 22)),
    until: 'stable',
  });
  assert.equal(r.outcome.kind, 'succeeded');
  assert.deepEqual(ecs.calls, [
    'describeServices',
    'describeServices',
    'describeServices',
    'describeServices',
    'describeServiceDeployments',
  ]);
  const codes = host.messages.map((m) => m.code);
  assert.equal(codes.filter((c) => c === 'SERVICE_EVENT').length, 1);
  assert.equal(codes.filter((c) => c === 'DEPLOY_PROGRESS').length, 4);
});

test('a circuit-breaker rollback ends as failed + rolledBack once the rollback finished', async () => {
  const failed = dep({ status: 'ACTIVE', rolloutState: 'FAILED', failedTasks: 3 });
  const back = dep({ id: 'ecs-svc/3', taskDefinition: 'arn:x:task-definition/web:1', runningCount: 2 });
  const frames = [
    svc([dep({ pendingCount: 2, failedTasks: 1 })], 2),
    svc([back, failed], 2),
    svc([{ ...back, rolloutState: 'COMPLETED' }], 2),
  ];
  const statuses = ['ROLLBACK_IN_PROGRESS', 'ROLLBACK_SUCCESSFUL'];
  let i = 0;
  let j = 0;
  const ecs = fakeEcs({
    describeServices: () => ({ services: [frames[Math.min(i++, frames.length - 1)]] }),
    describeServiceDeployments: () => ({
      serviceDeployments: [
        { status: statuses[Math.min(j++, 1)], rollback: { reason: 'ECS deployment circuit breaker: task failed to start.' } },
      ],
    }),
  });
  const { ctx, host } = fakeContext(ecs);
  const r = await watchDeployment(ctx, {
    service: 'web',
    serviceDeploymentArn: ARN,
    deploymentId: 'ecs-svc/2',
    startedAt: new Date(0),
    until: 'stable',
  });
  assert.deepEqual(r.outcome, { kind: 'failed', reason: 'ECS deployment circuit breaker: task failed to start.', rolledBack: true });
  assert.deepEqual(ecs.calls, [
    'describeServices',
    'describeServices',
    'describeServiceDeployments',
    'describeServices',
    'describeServiceDeployments',
  ]);
  assert.ok(host.messages.some((m) => m.code === 'DEPLOY_ROLLING_BACK'));
});

test('the timeout bounds the wait, measured on the injected clock', async () => {
  const clock = fakeClock();
  const ecs = fakeEcs({ describeServices: () => ({ services: [svc([dep({})], 0)] }) });
  const { ctx } = fakeContext(ecs, { clock, timeoutMs: 12_000, pollIntervalMs: 5_000 });
  await assert.rejects(
    watchDeployment(ctx, { service: 'web', serviceDeploymentArn: ARN, deploymentId: 'ecs-svc/2', startedAt: new Date(0), until: 'stable' }),
    (e: unknown) => e instanceof TimeoutError && /within 12 s/.test(e.message),
  );
  assert.deepEqual(clock.sleeps, [5000, 5000, 2000]);
  assert.equal(ecs.calls.length, 3);
});

test("an abort stops the wait with the signal's reason, without another call", async () => {
  const ac = new AbortController();
  const ecs = fakeEcs({
    describeServices: () => {
      ac.abort(new Error('cancelled by SIGINT'));
      return { services: [svc([dep({})], 0)] };
    },
  });
  const { ctx } = fakeContext(ecs, { signal: ac.signal });
  await assert.rejects(
    watchDeployment(ctx, { service: 'web', serviceDeploymentArn: ARN, deploymentId: 'ecs-svc/2', startedAt: new Date(0), until: 'stable' }),
    /cancelled by SIGINT/,
  );
  assert.deepEqual(ecs.calls, ['describeServices']);
});

test('without the service deployment ARN it is found once with ListServiceDeployments', async () => {
  const frames = rollout();
  let i = 0;
  const ecs = fakeEcs({
    describeServices: () => ({ services: [frames[Math.min(i++, frames.length - 1)]] }),
    listServiceDeployments: () => ({
      serviceDeployments: [
        { serviceDeploymentArn: 'old', createdAt: new Date(1) },
        { serviceDeploymentArn: ARN, createdAt: new Date(2) },
      ],
    }),
    describeServiceDeployments: (input: { serviceDeploymentArns: string[] }) => ({
      serviceDeployments: [{ serviceDeploymentArn: input.serviceDeploymentArns[0], status: 'SUCCESSFUL' }],
    }),
  });
  const { ctx } = fakeContext(ecs);
  const r = await watchDeployment(ctx, { service: 'web', deploymentId: 'ecs-svc/2', startedAt: new Date(0), until: 'deployed' });
  assert.equal(r.serviceDeployment?.serviceDeploymentArn, ARN);
  assert.equal(ecs.calls.filter((c) => c === 'listServiceDeployments').length, 1);
});
