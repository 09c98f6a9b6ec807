import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isFargateSize, normaliseCpu, normaliseMemory } from '../../../src/local/services/ecs/fargate-sizes.js';
import { checkArgv } from '../../../src/local/services/ecs/health-checker.js';
import { clusterNameOf, serviceRefOf, taskDefinitionRefOf, taskRefOf } from '../../../src/local/services/ecs/ecs-names.js';
import { messages, rolloutReasons } from '../../../src/local/services/ecs/service-events.js';
import {
  INITIAL_CHECK,
  judgeHealth,
  nextCheckState,
  taskHealthStatus,
  type HealthJudgement,
} from '../../../src/local/services/ecs/task-health.js';
import { normaliseTaskDefinition } from '../../../src/local/services/ecs/task-definition-rules.js';
import { utilisation } from '../../../src/local/services/ecs/usage-metrics.js';

describe('Fargate task sizes', () => {
  const ok: Array<[number, number]> = [
    [256, 512],
    [256, 2048],
    [512, 4096],
    [1024, 8192],
    [2048, 16384],
    [4096, 30720],
    [8192, 20480],
    [16384, 122880],
  ];
  const bad: Array<[number, number]> = [
    [256, 4096],
    [256, 3072],
    [512, 512],
    [1024, 1024],
    [4096, 31744],
    [8192, 18432],
    [16384, 36864],
    [128, 512],
  ];
  for (const [cpu, mem] of ok) it(`${cpu}/${mem} is valid`, () => assert.equal(isFargateSize(cpu, mem), true));
  for (const [cpu, mem] of bad) it(`${cpu}/${mem} is not`, () => assert.equal(isFargateSize(cpu, mem), false));
  it('normalises the string forms', () => {
    assert.deepEqual(['1024', '1 vCPU', '0.25 vcpu', '2vCPU', 'lots'].map(normaliseCpu), [1024, 1024, 256, 2048, undefined]);
    assert.deepEqual(['512', '1GB', '0.5 gb', '3 GB', 'x'].map(normaliseMemory), [512, 1024, 512, 3072, undefined]);
  });
});

describe('container health check state machine', () => {
  it('ignores failures in the start period but takes a success', () => {
    assert.deepEqual(nextCheckState(INITIAL_CHECK, false, true, 3), INITIAL_CHECK);
    assert.deepEqual(nextCheckState(INITIAL_CHECK, true, true, 3), { status: 'HEALTHY', consecutiveFailures: 0 });
  });
  it('turns UNHEALTHY after `retries` consecutive failures, HEALTHY again on a success', () => {
    let s = nextCheckState(INITIAL_CHECK, true, false, 3);
    s = nextCheckState(s, false, false, 3);
    s = nextCheckState(s, false, false, 3);
    assert.equal(s.status, 'HEALTHY');
    s = nextCheckState(s, false, false, 3);
    assert.deepEqual(s, { status: 'UNHEALTHY', consecutiveFailures: 3 });
    assert.equal(nextCheckState(s, true, false, 3).status, 'HEALTHY');
  });
  it('derives the task health from essential containers with checks only', () => {
    const c = (essential: boolean, hasCheck: boolean, status: 'HEALTHY' | 'UNHEALTHY' | 'UNKNOWN') => ({ essential, hasCheck, status });
    assert.equal(taskHealthStatus([c(true, true, 'HEALTHY'), c(false, true, 'UNHEALTHY')]), 'HEALTHY');
    assert.equal(taskHealthStatus([c(true, true, 'HEALTHY'), c(true, true, 'UNKNOWN')]), 'UNKNOWN');
    assert.equal(taskHealthStatus([c(true, true, 'UNKNOWN'), c(true, true, 'UNHEALTHY')]), 'UNHEALTHY');
    assert.equal(taskHealthStatus([c(true, false, 'UNKNOWN')]), 'UNKNOWN');
  });
  it('runs CMD-SHELL through sh and CMD directly, with localhost meaning the task address', () => {
    assert.deepEqual(checkArgv(['CMD-SHELL', 'curl -f http://localhost:8080/ || exit 1'], '127.9.9.9'), [
      '/bin/sh',
      '-c',
      'curl -f http://127.9.9.9:8080/ || exit 1',
    ]);
    assert.deepEqual(checkArgv(['CMD', 'wget', 'http://127.0.0.1/'], '127.9.9.9'), ['wget', 'http://127.9.9.9/']);
    assert.equal(checkArgv(['NONE'], '127.9.9.9'), undefined);
  });
});

describe('when the scheduler counts a task healthy (minimumHealthyPercent table)', () => {
  const base: HealthJudgement = {
    running: true,
    sinceRunningMs: 0,
    sinceRunningRealMs: 0,
    hasContainerCheck: false,
    taskHealth: 'UNKNOWN',
    targets: [],
    graceMs: 0,
  };
  const tg = (state: 'healthy' | 'unhealthy' | 'initial') => [{ targetGroupArn: 'tg', port: 80, state }];
  const table: Array<[string, Partial<HealthJudgement>, string]> = [
    ['not RUNNING yet', { running: false }, 'waiting'],
    ['no LB, no check, 39 s after RUNNING', { sinceRunningMs: 39_000 }, 'waiting'],
    ['no LB, no check, 40 s after RUNNING (5 s real)', { sinceRunningMs: 40_000, sinceRunningRealMs: 5_000 }, 'healthy'],
    // At --speed 30, 40 simulated seconds are 1.3 real ones: a process must also have stayed up 5 real seconds.
    ['no LB, no check, 40 s simulated but 1.3 s real', { sinceRunningMs: 40_000, sinceRunningRealMs: 1_333 }, 'waiting'],
    ['no LB, no check, 39 s simulated, 39 s real', { sinceRunningMs: 39_000, sinceRunningRealMs: 39_000 }, 'waiting'],
    ['no LB, check HEALTHY', { hasContainerCheck: true, taskHealth: 'HEALTHY' }, 'healthy'],
    ['no LB, check UNKNOWN', { hasContainerCheck: true, taskHealth: 'UNKNOWN', sinceRunningMs: 90_000 }, 'waiting'],
    ['no LB, check UNHEALTHY', { hasContainerCheck: true, taskHealth: 'UNHEALTHY' }, 'unhealthy'],
    [
      'no LB, check UNHEALTHY inside the grace period',
      { hasContainerCheck: true, taskHealth: 'UNHEALTHY', graceMs: 60_000, sinceRunningMs: 10_000 },
      'waiting',
    ],
    ['LB healthy, no check', { targets: tg('healthy') }, 'healthy'],
    ['LB initial, no check', { targets: tg('initial'), sinceRunningMs: 90_000 }, 'waiting'],
    ['LB unhealthy after the grace period', { targets: tg('unhealthy'), graceMs: 60_000, sinceRunningMs: 61_000 }, 'unhealthy'],
    ['LB unhealthy inside the grace period', { targets: tg('unhealthy'), graceMs: 60_000, sinceRunningMs: 59_000 }, 'waiting'],
    ['LB healthy, check UNKNOWN', { targets: tg('healthy'), hasContainerCheck: true, taskHealth: 'UNKNOWN' }, 'waiting'],
    ['LB healthy, check HEALTHY', { targets: tg('healthy'), hasContainerCheck: true, taskHealth: 'HEALTHY' }, 'healthy'],
  ];
  for (const [name, over, kind] of table) it(`${name} → ${kind}`, () => assert.equal(judgeHealth({ ...base, ...over }).kind, kind));
});

describe('RegisterTaskDefinition rules', () => {
  const container = { name: 'app', image: 'cortado/demo-app', portMappings: [{ containerPort: 8080 }] };
  const reg = (over: Record<string, unknown>) =>
    normaliseTaskDefinition({ family: 'f', containerDefinitions: [container], networkMode: 'awsvpc', cpu: '256', memory: '512', ...over });
  it('requires awslogs on Fargate to come with an execution role', () => {
    const logs = { ...container, logConfiguration: { logDriver: 'awslogs', options: {} } };
    assert.throws(
      () => reg({ requiresCompatibilities: ['FARGATE'], containerDefinitions: [logs] }),
      /execution role ARN to support log driver awslogs/,
    );
    assert.doesNotThrow(() =>
      reg({ requiresCompatibilities: ['FARGATE'], containerDefinitions: [logs], executionRoleArn: 'arn:aws:iam::1:role/x' }),
    );
  });
  it('asks EC2 containers for memory when the task has none', () => {
    assert.throws(
      () => normaliseTaskDefinition({ family: 'f', containerDefinitions: [container] }),
      /At least one of 'memory' or 'memoryReservation' must be specified/,
    );
  });
  it('rejects a container memory above the task memory, and awsvpc port mismatches', () => {
    assert.throws(
      () => reg({ containerDefinitions: [{ ...container, memory: 1024 }] }),
      /The 'memory' setting for container 'app' is greater than for the task\./,
    );
    assert.throws(
      () => reg({ containerDefinitions: [{ ...container, portMappings: [{ containerPort: 80, hostPort: 81 }] }] }),
      /host ports and container ports in port mappings must match/,
    );
  });
  it('defaults essential to true and fills protocol', () => {
    const { body } = reg({});
    const [c] = body.containerDefinitions as Array<Record<string, unknown>>;
    assert.equal(c!.essential, true);
    assert.deepEqual(c!.portMappings, [{ containerPort: 8080, protocol: 'tcp', hostPort: 8080 }]);
  });
});

describe('names, messages and utilisation', () => {
  it('parses name-or-ARN references', () => {
    assert.equal(clusterNameOf(undefined), 'default');
    assert.equal(clusterNameOf('arn:aws:ecs:us-east-1:1:cluster/prod'), 'prod');
    assert.deepEqual(serviceRefOf('arn:aws:ecs:us-east-1:1:service/prod/web'), { cluster: 'prod', name: 'web' });
    assert.deepEqual(taskRefOf('arn:aws:ecs:us-east-1:1:task/prod/0123'), { cluster: 'prod', id: '0123' });
    assert.deepEqual(taskDefinitionRefOf('arn:aws:ecs:us-east-1:1:task-definition/web:7'), { family: 'web', revision: 7 });
    assert.deepEqual(taskDefinitionRefOf('web'), { family: 'web' });
  });
  it('words events and rollout reasons as AWS does', () => {
    assert.equal(messages.started('s', ['a', 'b'], 0), '(service s) has started 2 tasks: (task a) (task b).');
    assert.equal(
      messages.started('s', ['a'], 1),
      '(service s) has started 1 tasks: (task a). Amazon ECS replaced 1 tasks due to an unhealthy status.',
    );
    assert.equal(messages.rollingBack('s', 'ecs-svc/1'), '(service s) rolling back to deployment ecs-svc/1.');
    assert.equal(rolloutReasons.rollingBack('ecs-svc/1'), 'ECS deployment circuit breaker: rolling back to deploymentId ecs-svc/1.');
  });
  it('computes CPU as a share of the task cpu units over the interval, memory as a share of task memory', () => {
    const v = utilisation({ cpu: '512', memory: '1024' }, { cpuSeconds: 10, at: 0 }, { cpuSeconds: 10.5, at: 2000 }, 256 * 1024 * 1024);
    assert.equal(v.cpu, 50);
    assert.equal(v.memory, 25);
    assert.equal(utilisation({}, undefined, { cpuSeconds: 1, at: 0 }, 0).cpu, undefined);
  });
});
