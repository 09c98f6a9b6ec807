// Diff normalisation: AWS defaults filled on both sides, order-free lists sorted, so only real changes show — and exactly them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Service, TaskDefinition } from '@aws-sdk/client-ecs';
import type { ServiceDefinition, TaskDefinitionInput } from '../../src/config/definitions.js';
import { diffDefinitions } from '../../src/diff/definition-diff.js';
import { normalizeServiceDefinition, serviceAsDefinition } from '../../src/deploy/normalize-service-definition.js';
import { cpuUnits, memoryMiB, normalizeTaskDefinition, taskDefinitionAsInput } from '../../src/deploy/normalize-task-definition.js';

const local: TaskDefinitionInput = {
  family: 'web',
  networkMode: 'awsvpc',
  requiresCompatibilities: ['FARGATE'],
  cpu: '0.25 vCPU',
  memory: '0.5 GB',
  containerDefinitions: [
    { name: 'sidecar', image: 'envoy', essential: false },
    {
      name: 'app',
      image: 'app:1',
      portMappings: [{ containerPort: 8080 }],
      environment: [
        { name: 'B', value: '2' },
        { name: 'A', value: '1' },
      ],
      secrets: [
        { name: 'Z', valueFrom: 'z' },
        { name: 'Y', valueFrom: 'y' },
      ],
    },
  ],
  tags: [
    { key: 'team', value: 'x' },
    { key: 'deployer', value: 'ci' },
  ],
};

/** What DescribeTaskDefinition returns for the same registration: defaults filled, other orders, read-only fields. */
const described = {
  taskDefinitionArn: 'arn:aws:ecs:us-east-1:000000000000:task-definition/web:7',
  revision: 7,
  status: 'ACTIVE',
  compatibilities: ['EC2', 'FARGATE'],
  registeredAt: new Date(),
  requiresAttributes: [{ name: 'ecs.capability.task-eni' }],
  family: 'web',
  networkMode: 'awsvpc',
  requiresCompatibilities: ['FARGATE'],
  cpu: '256',
  memory: '512',
  volumes: [],
  placementConstraints: [],
  containerDefinitions: [
    {
      name: 'app',
      image: 'app:1',
      cpu: 0,
      essential: true,
      portMappings: [{ containerPort: 8080, hostPort: 8080, protocol: 'tcp' }],
      environment: [
        { name: 'A', value: '1' },
        { name: 'B', value: '2' },
      ],
      secrets: [
        { name: 'Y', valueFrom: 'y' },
        { name: 'Z', valueFrom: 'z' },
      ],
      mountPoints: [],
      volumesFrom: [],
      systemControls: [],
    },
    { name: 'sidecar', image: 'envoy', cpu: 0, essential: false, mountPoints: [], volumesFrom: [] },
  ],
} as unknown as TaskDefinition;

const remoteTags = [
  { key: 'deployer', value: 'ci' },
  { key: 'team', value: 'x' },
];

test('a task definition equals its own registration (defaults, order, units, read-only fields)', () => {
  const d = diffDefinitions(
    normalizeTaskDefinition(taskDefinitionAsInput(described, remoteTags)),
    normalizeTaskDefinition(local),
    'remote',
    'local',
  );
  assert.equal(d.changed, false, d.unified);
  assert.equal(d.unified, '');
});

test('an image change shows exactly that line', () => {
  const changed = {
    ...local,
    containerDefinitions: [local.containerDefinitions![0]!, { ...local.containerDefinitions![1]!, image: 'app:2' }],
  };
  const d = diffDefinitions(
    normalizeTaskDefinition(taskDefinitionAsInput(described, remoteTags)),
    normalizeTaskDefinition(changed),
    'arn',
    'ecs-task-def.json',
  );
  const body = d.unified.split('\n').filter((l) => /^[-+]/.test(l) && !/^(---|\+\+\+)/.test(l));
  assert.deepEqual(body, ['-      "image": "app:1",', '+      "image": "app:2",']);
  assert.deepEqual(d.changes, [{ path: 'containerDefinitions[0].image', from: 'app:1', to: 'app:2' }]);
  assert.match(d.unified, /^--- arn\n\+\+\+ ecs-task-def\.json\n@@/);
});

test('ignore.tags leaves those tags out of the comparison', () => {
  const d = diffDefinitions(
    normalizeTaskDefinition(taskDefinitionAsInput(described, [...remoteTags, { key: 'ecspresso', value: '1' }]), ['ecspresso']),
    normalizeTaskDefinition(local, ['ecspresso']),
    'a',
    'b',
  );
  assert.equal(d.changed, false);
});

test('cpu and memory units', () => {
  assert.equal(cpuUnits('1 vCPU'), '1024');
  assert.equal(cpuUnits('0.5 vcpu'), '512');
  assert.equal(cpuUnits('256'), '256');
  assert.equal(memoryMiB('2 GB'), '2048');
  assert.equal(memoryMiB('512'), '512');
});

const sdLocal: ServiceDefinition = {
  launchType: 'FARGATE',
  networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-b', 'subnet-a'], securityGroups: ['sg-1'] } },
  deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } },
  tags: [{ key: 'team', value: 'x' }],
};

const svc = {
  serviceArn: 'arn:svc',
  serviceName: 'web',
  status: 'ACTIVE',
  runningCount: 2,
  desiredCount: 2,
  launchType: 'FARGATE',
  platformVersion: 'LATEST',
  platformFamily: 'Linux',
  deploymentConfiguration: {
    deploymentCircuitBreaker: { enable: true, rollback: true },
    maximumPercent: 200,
    minimumHealthyPercent: 100,
    strategy: 'ROLLING',
  },
  networkConfiguration: {
    awsvpcConfiguration: { subnets: ['subnet-a', 'subnet-b'], securityGroups: ['sg-1'], assignPublicIp: 'DISABLED' },
  },
  schedulingStrategy: 'REPLICA',
  deploymentController: { type: 'ECS' },
  enableECSManagedTags: false,
  propagateTags: 'NONE',
  enableExecuteCommand: false,
  loadBalancers: [],
  serviceRegistries: [],
  placementConstraints: [],
  placementStrategy: [],
  tags: [{ key: 'team', value: 'x' }],
  availabilityZoneRebalancing: 'ENABLED',
  healthCheckGracePeriodSeconds: 0,
  events: [],
  deployments: [],
} as unknown as Service;

test('a service equals its definition when only AWS defaults differ (desiredCount unset locally is not compared)', () => {
  const d = diffDefinitions(
    normalizeServiceDefinition(serviceAsDefinition(svc), sdLocal),
    normalizeServiceDefinition(sdLocal, sdLocal),
    'a',
    'b',
  );
  assert.equal(d.changed, false, d.unified);
});

test('service changes are reported by path', () => {
  const changed: ServiceDefinition = { ...sdLocal, desiredCount: 3, enableExecuteCommand: true };
  const d = diffDefinitions(
    normalizeServiceDefinition(serviceAsDefinition(svc), changed),
    normalizeServiceDefinition(changed, changed),
    'a',
    'b',
  );
  assert.deepEqual(
    d.changes.map((c) => c.path),
    ['desiredCount', 'enableExecuteCommand'],
  );
});

test('a service that does not exist yet: everything is an addition', () => {
  const d = diffDefinitions(undefined, normalizeServiceDefinition(sdLocal, sdLocal), '(none)', 'sd.json');
  assert.equal(d.changed, true);
  assert.ok(d.unified.split('\n').filter((l) => l.startsWith('-') && !l.startsWith('---')).length === 0);
});

test("the circuit breaker's documented defaults (resetOnHealthyTask true, BOUNDED_PERCENT 50) equal leaving them out", () => {
  const local: ServiceDefinition = {
    ...sdLocal,
    deploymentConfiguration: {
      deploymentCircuitBreaker: {
        enable: true,
        rollback: true,
        resetOnHealthyTask: true,
        thresholdConfiguration: { type: 'BOUNDED_PERCENT', value: 50 },
      },
      earlySuccessCriteria: { enable: false },
    },
  };
  const same = diffDefinitions(
    normalizeServiceDefinition(serviceAsDefinition(svc), local),
    normalizeServiceDefinition(local, local),
    'a',
    'b',
  );
  assert.equal(same.changed, false, same.unified);
  const counted: ServiceDefinition = {
    ...sdLocal,
    deploymentConfiguration: {
      deploymentCircuitBreaker: { enable: true, rollback: true, thresholdConfiguration: { type: 'COUNT', value: 1 } },
    },
  };
  const d = diffDefinitions(
    normalizeServiceDefinition(serviceAsDefinition(svc), counted),
    normalizeServiceDefinition(counted, counted),
    'a',
    'b',
  );
  assert.deepEqual(
    d.changes.map((c) => c.path),
    ['deploymentConfiguration.deploymentCircuitBreaker.thresholdConfiguration'],
  );
});

test('monitoring is compared only when the local definition sets it', () => {
  const monitoring = { metricConfigurations: [{ metricNames: ['CPUUtilization'], resolutionSeconds: 20 }] };
  const remote = { ...serviceAsDefinition(svc), monitoring };
  const unset = diffDefinitions(normalizeServiceDefinition(remote, sdLocal), normalizeServiceDefinition(sdLocal, sdLocal), 'a', 'b');
  assert.equal(unset.changed, false, unset.unified);
  const local: ServiceDefinition = {
    ...sdLocal,
    monitoring: { metricConfigurations: [{ metricNames: ['CPUUtilization'], resolutionSeconds: 60 }] },
  };
  const d = diffDefinitions(normalizeServiceDefinition(remote, local), normalizeServiceDefinition(local, local), 'a', 'b');
  assert.equal(d.changed, true);
  assert.ok(
    d.changes.every((c) => c.path.startsWith('monitoring')),
    d.unified,
  );
});
