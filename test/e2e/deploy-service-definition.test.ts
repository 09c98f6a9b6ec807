// E2E (ecspresso parity): deploy applies the service definition's desiredCount when --tasks is not given, so diff is empty
// after a deploy, also for a service with Service Connect and EBS volume configurations (which DescribeServices reports
// under the service's deployments); --no-update-service leaves the service definition unapplied.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { CreateClusterCommand, DescribeServicesCommand } from '@aws-sdk/client-ecs';
import { diffBody, type E2E, freePortGuess, startE2E } from './e2e-harness.js';

let e: E2E;
let dir: string;
const port = freePortGuess();
const FAST = ['--poll-interval', '150ms', '--timeout', '2m'];

const taskDefinition = {
  family: 'orders',
  networkMode: 'awsvpc',
  requiresCompatibilities: ['FARGATE'],
  cpu: '256',
  memory: '512',
  containerDefinitions: [
    {
      name: 'app',
      image: 'cortado/demo-app:v1',
      essential: true,
      portMappings: [{ name: 'http', containerPort: port, protocol: 'tcp', appProtocol: 'http' }],
      mountPoints: [{ sourceVolume: 'data', containerPath: '/data' }],
    },
  ],
  volumes: [{ name: 'data', configuredAtLaunch: true }],
};

const serviceDefinition = (desiredCount: number) => ({
  desiredCount,
  launchType: 'FARGATE',
  networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-0a'], securityGroups: ['sg-0a'], assignPublicIp: 'DISABLED' } },
  serviceConnectConfiguration: {
    enabled: true,
    namespace: 'shop.local',
    services: [{ portName: 'http', clientAliases: [{ port: 80, dnsName: 'orders' }] }],
  },
  volumeConfigurations: [
    {
      name: 'data',
      managedEBSVolume: {
        roleArn: 'arn:aws:iam::000000000000:role/ecs-infrastructure',
        sizeInGiB: 20,
        volumeType: 'gp3',
        filesystemType: 'xfs',
      },
    },
  ],
});

const writeServiceDef = (n: number) => writeFileSync(join(dir, 'ecs-service-def.json'), JSON.stringify(serviceDefinition(n), null, 2));
const cortado = (args: string[]) => e.cli(args, { cwd: dir });
const described = async () => (await e.ecs.send(new DescribeServicesCommand({ cluster: 'shop', services: ['orders'] }))).services![0]!;

before(async () => {
  e = await startE2E();
  dir = mkdtempSync(join(tmpdir(), 'cortado-e2e-svcdef-'));
  writeFileSync(
    join(dir, 'ecspresso.yml'),
    `region: ${e.sandbox.region}\ncluster: shop\nservice: orders\nservice_definition: ecs-service-def.json\ntask_definition: ecs-task-def.json\n`,
  );
  writeFileSync(join(dir, 'ecs-task-def.json'), JSON.stringify(taskDefinition, null, 2));
  writeServiceDef(1);
  await e.ecs.send(new CreateClusterCommand({ clusterName: 'shop' }));
});

after(async () => {
  await e?.close();
});

test('deploy creates the service; diff is empty with Service Connect and EBS volume configurations', async () => {
  const created = await cortado(['deploy', ...FAST]);
  assert.equal(created.code, 0, `${created.stdout}\n${created.stderr}`);
  const svc = await described();
  assert.equal(svc.desiredCount, 1);
  const primary = svc.deployments?.find((d) => d.status === 'PRIMARY');
  assert.equal(primary?.serviceConnectConfiguration?.namespace, 'shop.local', 'AWS reports Service Connect under the deployment');
  const d = await cortado(['diff']);
  assert.equal(d.code, 0, d.stderr);
  assert.deepEqual(diffBody(d.stdout), [], d.stdout);
  assert.match(d.stdout, /no difference/);
});

test("deploy without --tasks applies the service definition's desiredCount, and diff is empty afterwards", async () => {
  writeServiceDef(2);
  const before = await cortado(['diff']);
  assert.deepEqual(diffBody(before.stdout), ['-  "desiredCount": 1,', '+  "desiredCount": 2,'], before.stdout);
  const r = await cortado(['deploy', ...FAST]);
  assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
  assert.equal((await described()).desiredCount, 2);
  const after = await cortado(['diff', '--exit-code']);
  assert.equal(after.code, 0, after.stdout);
  assert.deepEqual(diffBody(after.stdout), []);
});

test('deploy --no-update-service changes only the task definition; --tasks still sets the count', async () => {
  writeServiceDef(3);
  const kept = await cortado(['deploy', '--no-update-service', '--force-new-deployment', ...FAST]);
  assert.equal(kept.code, 0, `${kept.stdout}\n${kept.stderr}`);
  assert.equal((await described()).desiredCount, 2, '--no-update-service leaves desiredCount alone');
  const update = kept.calls.find((c) => c.operation === 'UpdateService');
  assert.ok(update, 'deploy --no-update-service still updates the task definition');
  const d = await cortado(['diff']);
  assert.deepEqual(diffBody(d.stdout), ['-  "desiredCount": 2,', '+  "desiredCount": 3,'], d.stdout);
  const tasks = await cortado(['deploy', '--no-update-service', '--tasks', '1', ...FAST]);
  assert.equal(tasks.code, 0, tasks.stderr);
  assert.equal((await described()).desiredCount, 1);
  const { checked } = await e.assertIamCoverage();
  assert.ok(checked >= 4);
});
