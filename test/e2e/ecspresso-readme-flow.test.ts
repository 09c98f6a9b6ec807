// E2E (ecspresso parity, acceptance 4): an ecspresso v2 project as its README starts one — `init` from a running service
// in the default cluster, then deploy, diff (empty), verify, rollback and deregister — with the README's command lines and
// only `ecspresso` replaced by `cortado`; every call is covered by `cortado iam-policy`.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  RegisterTaskDefinitionCommand,
} from '@aws-sdk/client-ecs';
import { eventually } from '../helpers/sandbox.js';
import { diffBody, type E2E, freePortGuess, startE2E } from './e2e-harness.js';

let e: E2E;
let dir: string;
const port = freePortGuess();
// The README's lines, then what keeps a loaded test machine's waits short (shared flags after the command).
const FAST = ['--poll-interval', '150ms', '--timeout', '3m'];
const cortado = (args: string[]) => e.cli(args, { cwd: dir });
const running = async () => (await e.ecs.send(new DescribeServicesCommand({ cluster: 'default', services: ['myservice'] }))).services?.[0];
const tdStatus = async (ref: string) =>
  (await e.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: ref }))).taskDefinition?.status;

before(async () => {
  e = await startE2E();
  dir = mkdtempSync(join(tmpdir(), 'cortado-e2e-readme-'));
  await e.createTaskRole('myservice-execution');
  await e.ecs.send(new CreateClusterCommand({ clusterName: 'default' }));
  // The service as the console or Terraform left it: three revisions registered, the service on the newest.
  let arn = '';
  for (const v of ['v1', 'v2', 'v3']) {
    const td = await e.ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'myservice',
        networkMode: 'awsvpc',
        requiresCompatibilities: ['FARGATE'],
        cpu: '256',
        memory: '512',
        executionRoleArn: 'arn:aws:iam::000000000000:role/myservice-execution',
        containerDefinitions: [{ name: 'app', image: `cortado/demo-app:${v}`, essential: true, portMappings: [{ containerPort: port }] }],
      }),
    );
    arn = td.taskDefinition!.taskDefinitionArn!;
  }
  await e.ecs.send(
    new CreateServiceCommand({
      cluster: 'default',
      serviceName: 'myservice',
      taskDefinition: arn,
      desiredCount: 1,
      launchType: 'FARGATE',
      networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-0a'], securityGroups: ['sg-0a'], assignPublicIp: 'ENABLED' } },
    }),
  );
  await eventually(
    async () => ((await running())?.deployments?.[0]?.rolloutState === 'COMPLETED' ? true : undefined),
    30_000,
    200,
    'myservice to be stable',
  );
});

after(async () => {
  await e?.close();
});

test('cortado init --region R --cluster default --service myservice --config ecspresso.yml', async () => {
  const r = await cortado([
    'init',
    '--region',
    e.sandbox.region,
    '--cluster',
    'default',
    '--service',
    'myservice',
    '--config',
    'ecspresso.yml',
  ]);
  assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
  for (const f of ['ecspresso.yml', 'ecs-service-def.json', 'ecs-task-def.json']) assert.ok(existsSync(join(dir, f)), f);
  const config = readFileSync(join(dir, 'ecspresso.yml'), 'utf8');
  assert.match(config, /^service: myservice$/m);
  assert.match(config, /^task_definition: ecs-task-def\.json$/m);
});

test('cortado deploy --config ecspresso.yml registers myservice:4 and waits for it', async () => {
  const r = await cortado(['deploy', '--config', 'ecspresso.yml', ...FAST]);
  assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
  assert.match((await running())?.taskDefinition ?? '', /task-definition\/myservice:4$/);
});

test('cortado --config ecspresso.yml diff is empty after the deploy', async () => {
  const r = await cortado(['--config', 'ecspresso.yml', 'diff']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(diffBody(r.stdout), [], r.stdout);
});

test('cortado --config ecspresso.yml verify', async () => {
  const r = await cortado(['--config', 'ecspresso.yml', 'verify']);
  assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
  assert.match(r.stdout, /^OK {3}cluster default: ACTIVE$/m);
  assert.match(r.stdout, /^OK {3}executionRoleArn \S+\/myservice-execution: exists; trusted by ecs-tasks\.amazonaws\.com$/m);
});

test('cortado rollback --config ecspresso.yml goes back to myservice:3 and deregisters myservice:4', async () => {
  const r = await cortado(['rollback', '--config', 'ecspresso.yml', ...FAST]);
  assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
  assert.match(r.stdout, /myservice: rolled back from myservice:4 to myservice:3/);
  assert.match((await running())?.taskDefinition ?? '', /task-definition\/myservice:3$/);
  assert.equal(await tdStatus('myservice:4'), 'INACTIVE');
});

test('cortado deregister --config ecspresso.yml --keeps 1 --force keeps the newest unused revision and the one in use', async () => {
  const r = await cortado(['deregister', '--config', 'ecspresso.yml', '--keeps', '1', '--force']);
  assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
  assert.equal(await tdStatus('myservice:1'), 'INACTIVE');
  assert.equal(await tdStatus('myservice:2'), 'ACTIVE');
  assert.equal(await tdStatus('myservice:3'), 'ACTIVE');
});

test('every call of the flow is in cortado iam-policy', async () => {
  const { checked } = await e.assertIamCoverage();
  assert.ok(checked >= 6, `checked ${checked}`);
});
