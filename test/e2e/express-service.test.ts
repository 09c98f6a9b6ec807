// E2E (ecspresso parity): an Express Mode service from a config with express_definition and no task definition:
// deploy creates it, diff is empty, a new image is deployed as a new revision, status shows its endpoint, bad input
// exits 2 before any call, delete removes it; every call is covered by `cortado iam-policy`.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { DescribeServicesCommand } from '@aws-sdk/client-ecs';
import { diffBody, type E2E, freePortGuess, startE2E } from './e2e-harness.js';

let e: E2E;
let dir: string;
const port = freePortGuess();
const FAST = ['--poll-interval', '150ms', '--timeout', '3m'];

const definition = (extra: Record<string, unknown> = {}) => ({
  infrastructureRoleArn: 'arn:aws:iam::000000000000:role/ecsInfrastructureRoleForExpressServices',
  executionRoleArn: 'arn:aws:iam::000000000000:role/ecsTaskExecutionRole',
  healthCheckPath: '/',
  primaryContainer: {
    image: 'cortado/demo-app:{{ must_env `IMAGE_TAG` }}',
    containerPort: port,
    environment: [
      { name: 'MODE', value: 'express' },
      { name: 'COLOR', value: 'blue' },
    ],
  },
  scalingTarget: { minTaskCount: 1, maxTaskCount: 3 },
  tags: [{ key: 'team', value: 'shop' }],
  ...extra,
});
const writeDef = (extra: Record<string, unknown> = {}) =>
  writeFileSync(join(dir, 'ecs-express-def.json'), JSON.stringify(definition(extra), null, 2));
const cortado = (args: string[], tag = 'v1') => e.cli(args, { cwd: dir, env: { IMAGE_TAG: tag } });
const described = async () => (await e.ecs.send(new DescribeServicesCommand({ services: ['web'] }))).services?.[0];

before(async () => {
  e = await startE2E();
  dir = mkdtempSync(join(tmpdir(), 'cortado-e2e-express-'));
  writeFileSync(
    join(dir, 'ecspresso.yml'),
    `region: ${e.sandbox.region}\ncluster: default\nservice: web\nexpress_definition: ecs-express-def.json\n`,
  );
  writeDef();
});

after(async () => {
  await e?.close();
});

test('render expressdef and diff before the service exists', async () => {
  const r = await cortado(['render', 'expressdef']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).primaryContainer.image, 'cortado/demo-app:v1');
  const d = await cortado(['diff']);
  assert.equal(d.code, 0, d.stderr);
  assert.match(d.stdout, /service web does not exist/);
});

test('deploy creates the Express service and waits for it; diff is empty; status shows the endpoint', async () => {
  const r = await cortado(['deploy', ...FAST]);
  assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
  assert.ok(r.calls.some((c) => c.operation === 'CreateExpressGatewayService'));
  assert.ok(!r.calls.some((c) => c.operation === 'RegisterTaskDefinition' && c.service === 'ecs' && c.status !== 200));
  assert.match(r.stderr, /Express service web is stable on web:1 at https:\/\/web-[0-9a-f]+\.ecs\./);
  const svc = await described();
  assert.equal(svc?.resourceManagementType, 'ECS');
  assert.equal(svc?.runningCount, 1);
  const d = await cortado(['diff']);
  assert.equal(d.code, 0, d.stderr);
  assert.deepEqual(diffBody(d.stdout), [], d.stdout);
  assert.match(d.stdout, /no difference/);
  const s = await cortado(['status']);
  assert.equal(s.code, 0, s.stderr);
  assert.match(s.stdout, /Express service: ACTIVE, https:\/\/web-/);
});

test('a new image: diff shows it, deploy rolls out a new revision, diff is empty again', async () => {
  const before = await cortado(['diff'], 'v2');
  assert.deepEqual(diffBody(before.stdout), ['-    "image": "cortado/demo-app:v1"', '+    "image": "cortado/demo-app:v2"'], before.stdout);
  const r = await cortado(['deploy', ...FAST], 'v2');
  assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
  assert.ok(r.calls.some((c) => c.operation === 'UpdateExpressGatewayService'));
  assert.match((await described())?.taskDefinition ?? '', /task-definition\/web:2$/);
  const after = await cortado(['diff'], 'v2');
  assert.deepEqual(diffBody(after.stdout), [], after.stdout);
});

test('bad input exits 2 before any change: a wrong type in the file, an option that does not apply', async () => {
  writeDef({ scalingTarget: { minTaskCount: '1' } });
  const bad = await cortado(['deploy', ...FAST], 'v2');
  assert.equal(bad.code, 2, bad.stderr);
  assert.match(bad.stderr, /ecs-express-def\.json: invalid Express service definition: scalingTarget\.minTaskCount: expected an integer/);
  assert.ok(!bad.calls.some((c) => c.mutating), 'nothing changed');
  writeDef();
  const tasks = await cortado(['deploy', '--tasks', '2'], 'v2');
  assert.equal(tasks.code, 2);
  assert.match(tasks.stderr, /--tasks does not apply to an Express service/);
  assert.equal(tasks.calls.length, 0);
});

test('delete removes the Express service', async () => {
  const r = await cortado(['delete', '--force'], 'v2');
  assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
  assert.ok(r.calls.some((c) => c.operation === 'DeleteExpressGatewayService'));
  assert.notEqual((await described())?.status, 'ACTIVE');
  const { checked } = await e.assertIamCoverage();
  assert.ok(checked >= 8);
});
