// Table tests of the other pure decisions: deregister --keeps, tag plans, service inputs, option conflicts, verify parsing, rollback target.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UsageError } from '../../src/core/errors.js';
import { checkDeployOptions } from '../../src/deploy/deploy.js';
import { findOnPath, portForwardRequest } from '../../src/deploy/exec.js';
import { selectForDeregister } from '../../src/deploy/keeps-selection.js';
import { previousRevision } from '../../src/deploy/rollback.js';
import { createServiceInput, updateServiceInput } from '../../src/deploy/service-input.js';
import { planTags } from '../../src/deploy/tag-plan.js';
import { loadBalancerMismatches, parseEcrImage, secretRef } from '../../src/deploy/verify-checks.js';
import { logLocation } from '../../src/deploy/task-logs.js';

test('deregister --keeps N: in-use revisions are never removed and do not count toward N', () => {
  const table: readonly [number[], number[], number, number[], number[]][] = [
    [[1, 2, 3, 4, 5], [5], 2, [4, 3], [2, 1]],
    [[1, 2, 3, 4, 5], [], 2, [5, 4], [3, 2, 1]],
    [[1, 2, 3, 4, 5], [2, 5], 1, [4], [3, 1]],
    [[1, 2], [2], 5, [1], []],
    [[3, 1, 2], [], 0, [], [3, 2, 1]],
  ];
  for (const [active, inUse, keeps, keep, dereg] of table) {
    const plan = selectForDeregister(active, new Set(inUse), keeps);
    assert.deepEqual([plan.keep, plan.deregister], [keep, dereg], `${active} in use ${inUse} keeps ${keeps}`);
  }
});

test('rollback goes to the newest ACTIVE revision older than the current one', () => {
  assert.equal(previousRevision([7, 5, 4], 7), 5);
  assert.equal(previousRevision([7, 5, 4], 6), 5);
  assert.equal(previousRevision([7], 7), undefined);
});

test('tags: add and change what differs, remove what the definition dropped, leave ignored ones', () => {
  const plan = planTags(
    [
      { key: 'a', value: '1' },
      { key: 'b', value: '2' },
      { key: 'ecspresso', value: 'x' },
    ],
    [
      { key: 'a', value: '1' },
      { key: 'c', value: '3' },
      { key: 'b', value: '9' },
    ],
    ['ecspresso'],
  );
  assert.deepEqual(plan, {
    tag: [
      { key: 'c', value: '3' },
      { key: 'b', value: '9' },
    ],
    untag: [],
  });
  assert.deepEqual(planTags([{ key: 'old', value: '1' }], [], []), { tag: [], untag: ['old'] });
  assert.deepEqual(planTags([{ key: 'old', value: '1' }], undefined, []), { tag: [], untag: [] });
});

test('UpdateService takes only updatable fields; desiredCount only with --tasks', () => {
  const sd = { launchType: 'FARGATE' as const, desiredCount: 5, enableExecuteCommand: true, schedulingStrategy: 'REPLICA' as const };
  assert.deepEqual(updateServiceInput('c', 's', sd, { taskDefinitionArn: 'td:2', forceNewDeployment: false }), {
    cluster: 'c',
    service: 's',
    taskDefinition: 'td:2',
    forceNewDeployment: false,
    enableExecuteCommand: true,
  });
  assert.equal(updateServiceInput('c', 's', sd, { taskDefinitionArn: 'td:2', forceNewDeployment: true, desiredCount: 0 }).desiredCount, 0);
  assert.deepEqual(createServiceInput('c', 's', { ...sd, serviceName: 'other' }, 'td:1', undefined), {
    launchType: 'FARGATE',
    desiredCount: 5,
    enableExecuteCommand: true,
    schedulingStrategy: 'REPLICA',
    cluster: 'c',
    serviceName: 's',
    taskDefinition: 'td:1',
  });
});

test('deploy options that pick the task definition exclude each other', () => {
  assert.throws(
    () => checkDeployOptions({ latestTaskDefinition: true, revision: 3 }),
    (e: unknown) => e instanceof UsageError && /--revision and --latest-task-definition cannot be used together/.test(e.message),
  );
  assert.throws(() => checkDeployOptions({ skipTaskDefinition: true, latestTaskDefinition: true }), /cannot be used together/);
  assert.doesNotThrow(
    () => checkDeployOptions({ skipTaskDefinition: true, revision: 3 }),
    'ecspresso: --skip-task-definition --revision N',
  );
  assert.throws(() => checkDeployOptions({ autoScalingMin: 5, autoScalingMax: 2 }), /--auto-scaling-min 5 is above --auto-scaling-max 2/);
  assert.throws(() => checkDeployOptions({ noWait: true, waitUntil: 'stable' }), /--no-wait and --wait-until/);
  assert.doesNotThrow(() => checkDeployOptions({ latestTaskDefinition: true, tasks: 2 }));
});

test('verify: ECR image references, secret references, load balancer container/port', () => {
  assert.deepEqual(parseEcrImage('123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/shop/api:abc'), {
    registryId: '123456789012',
    region: 'ap-northeast-1',
    repository: 'shop/api',
    tag: 'abc',
  });
  assert.deepEqual(parseEcrImage('123456789012.dkr.ecr.us-east-1.amazonaws.com/api@sha256:ab12'), {
    registryId: '123456789012',
    region: 'us-east-1',
    repository: 'api',
    digest: 'sha256:ab12',
  });
  assert.equal(parseEcrImage('nginx:1.27')?.repository, undefined);
  assert.deepEqual(secretRef('arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf:password::'), {
    kind: 'secretsmanager',
    secretId: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf',
    from: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf:password::',
  });
  assert.equal(secretRef('/app/db/password').kind, 'ssm');
  const td = { family: 'f', containerDefinitions: [{ name: 'app', image: 'i', portMappings: [{ containerPort: 80 }] }] };
  assert.deepEqual(loadBalancerMismatches(td, [{ containerName: 'app', containerPort: 80 }]), []);
  assert.deepEqual(
    loadBalancerMismatches(td, [
      { containerName: 'app', containerPort: 8080 },
      { containerName: 'web', containerPort: 80 },
    ]),
    ['container app has no port mapping for 8080', 'load balancer container web is not in the task definition'],
  );
});

test('awslogs stream names and the session manager plugin lookup', () => {
  assert.deepEqual(
    logLocation(
      { name: 'app', logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/web', 'awslogs-stream-prefix': 'web' } } },
      'abc',
    ),
    { group: '/ecs/web', stream: 'web/app/abc' },
  );
  assert.equal(logLocation({ name: 'app', logConfiguration: { logDriver: 'json-file' } }, 'abc'), undefined);
  assert.equal(
    findOnPath('session-manager-plugin', '/a:/b', (p) => p === '/b/session-manager-plugin'),
    '/b/session-manager-plugin',
  );
  assert.equal(
    findOnPath('session-manager-plugin', '', () => true),
    undefined,
  );
});

test('exec --port-forward: the SSM document and parameters the Session Manager plugin takes', () => {
  assert.deepEqual(portForwardRequest('ecs:c_t_r', { localPort: 18080, port: 8080 }), {
    Target: 'ecs:c_t_r',
    DocumentName: 'AWS-StartPortForwardingSession',
    Parameters: { portNumber: ['8080'], localPortNumber: ['18080'] },
  });
  assert.deepEqual(portForwardRequest('ecs:c_t_r', { localPort: 0, port: 5432, host: 'db.internal' }), {
    Target: 'ecs:c_t_r',
    DocumentName: 'AWS-StartPortForwardingSessionToRemoteHost',
    Parameters: { portNumber: ['5432'], localPortNumber: ['0'], host: ['db.internal'] },
  });
});

test("deploy's desired count: --tasks, else the service definition's (ecspresso), never with --no-update-service or DAEMON", async () => {
  const { desiredCountFor } = await import('../../src/deploy/deploy.js');
  const table: readonly [Parameters<typeof desiredCountFor>[0], Parameters<typeof desiredCountFor>[1], number | undefined][] = [
    [{}, { desiredCount: 3 }, 3],
    [{ tasks: 5 }, { desiredCount: 3 }, 5],
    [{}, {}, undefined],
    [{}, undefined, undefined],
    [{ updateService: false }, { desiredCount: 3 }, undefined],
    [{ updateService: false, tasks: 0 }, { desiredCount: 3 }, 0],
    [{ tasks: 2 }, { schedulingStrategy: 'DAEMON', desiredCount: 3 }, undefined],
  ];
  for (const [o, sd, want] of table) assert.equal(desiredCountFor(o, sd), want, JSON.stringify([o, sd]));
});

test('a described service reads Service Connect, volume and VPC Lattice configurations from its PRIMARY deployment', async () => {
  const { serviceAsDefinition, normalizeServiceDefinition } = await import('../../src/deploy/normalize-service-definition.js');
  const sc = { enabled: true, namespace: 'ns', services: [{ portName: 'http', discoveryName: 'http' }] };
  const svc = {
    desiredCount: 1,
    deployments: [
      { status: 'ACTIVE', serviceConnectConfiguration: { enabled: true, namespace: 'old' } },
      { status: 'PRIMARY', serviceConnectConfiguration: sc, volumeConfigurations: [{ name: 'data' }] },
    ],
  };
  const remote = serviceAsDefinition(svc);
  assert.deepEqual(remote.serviceConnectConfiguration, sc);
  assert.deepEqual(remote.volumeConfigurations, [{ name: 'data' }]);
  const local = { desiredCount: 1, serviceConnectConfiguration: { enabled: true, namespace: 'ns', services: [{ portName: 'http' }] } };
  assert.deepEqual(normalizeServiceDefinition({ ...remote, volumeConfigurations: [] }, local), normalizeServiceDefinition(local, local));
  assert.deepEqual(
    normalizeServiceDefinition({ serviceConnectConfiguration: { enabled: false } }, {}),
    normalizeServiceDefinition({}, {}),
    '{enabled: false} is no Service Connect',
  );
});
