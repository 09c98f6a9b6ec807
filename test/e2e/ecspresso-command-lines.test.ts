// E2E (ecspresso parity): command lines and files as ecspresso's README and tests write them work with `cortado` in place of
// `ecspresso` — global flags before the subcommand, ECSPRESSO_* variables, required_version ">= 2.0.0, < 3" in a file not
// named ecspresso.*, an empty-string enum (appProtocol: "").
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { CreateClusterCommand, DescribeServicesCommand, DescribeTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import { diffBody, type E2E, freePortGuess, startE2E } from './e2e-harness.js';

let e: E2E;
let dir: string;
const port = freePortGuess();
const FAST = ['--poll-interval', '150ms', '--timeout', '2m'];

const taskDefinition = (image: string) => ({
  family: 'front',
  networkMode: 'awsvpc',
  requiresCompatibilities: ['FARGATE'],
  cpu: '256',
  memory: '512',
  containerDefinitions: [
    {
      name: 'app',
      image,
      essential: true,
      portMappings: [{ containerPort: port, hostPort: port, protocol: 'tcp', appProtocol: '' }],
    },
  ],
});

const cortado = (args: string[], env: Record<string, string> = {}) => e.cli(args, { cwd: dir, env });
const described = async () => (await e.ecs.send(new DescribeServicesCommand({ cluster: 'ci', services: ['front'] }))).services?.[0];
const writeTaskDef = (image: string) => writeFileSync(join(dir, 'ecs-task-def.json'), JSON.stringify(taskDefinition(image), null, 2));

before(async () => {
  e = await startE2E();
  dir = mkdtempSync(join(tmpdir(), 'cortado-e2e-cmdlines-'));
  writeFileSync(
    join(dir, 'config.yaml'),
    [
      `region: ${e.sandbox.region}`,
      'cluster: ci',
      'service: front',
      'service_definition: ecs-service-def.json',
      'task_definition: ecs-task-def.json',
      'timeout: 5m',
      'required_version: ">= 2.0.0, < 3"',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'ecs-service-def.json'),
    JSON.stringify({
      desiredCount: 1,
      launchType: 'FARGATE',
      networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-0a'], securityGroups: ['sg-0a'] } },
    }),
  );
  writeTaskDef('cortado/demo-app:v1');
  await e.ecs.send(new CreateClusterCommand({ clusterName: 'ci' }));
});

after(async () => {
  await e?.close();
});

test('`cortado --config config.yaml deploy` (a global flag before the subcommand, required_version ">= 2.0.0, < 3")', async () => {
  const r = await cortado(['--config', 'config.yaml', 'deploy', ...FAST]);
  assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
  assert.match(r.stderr, /required_version ">= 2\.0\.0, < 3" names an ecspresso version/);
  assert.equal((await described())?.status, 'ACTIVE');
  const td = (await e.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'front:1' }))).taskDefinition!;
  assert.equal(td.containerDefinitions?.[0]?.portMappings?.[0]?.appProtocol, undefined, 'appProtocol "" is left out, as ecspresso does');
});

test('ECSPRESSO_CONFIG names the config (no ./ecspresso.yml here): diff is empty after the deploy', async () => {
  const r = await cortado(['diff', '--exit-code'], { ECSPRESSO_CONFIG: 'config.yaml' });
  assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
  assert.deepEqual(diffBody(r.stdout), []);
  const none = await cortado(['diff']);
  assert.notEqual(none.code, 0, 'without ECSPRESSO_CONFIG there is no config to find');
});

test('`render servicedef taskdef` prints both, in order', async () => {
  const r = await cortado(['--config', 'config.yaml', 'render', 'servicedef', 'taskdef']);
  assert.equal(r.code, 0, r.stderr);
  const at = (s: string) => r.stdout.indexOf(s);
  assert.ok(at('"launchType": "FARGATE"') >= 0 && at('"family": "front"') > at('"launchType": "FARGATE"'), r.stdout);
  const json = await cortado(['--config', 'config.yaml', 'render', 'servicedef', 'taskdef', '--output', 'json']);
  assert.deepEqual(Object.keys(json.json()), ['servicedef', 'taskdef']);
});

test('`render config` prints ecspresso’s shape as YAML (its keys, in its order, the timeout as a Go duration); the long target names work', async () => {
  const r = await cortado(['--config', 'config.yaml', 'render', 'config']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(
    r.stdout.trim(),
    [
      'required_version: ">= 2.0.0, < 3"',
      `region: ${e.sandbox.region}`,
      'cluster: ci',
      'service: front',
      'service_definition: ecs-service-def.json',
      'task_definition: ecs-task-def.json',
      'timeout: 5m0s',
    ].join('\n'),
  );
  const long = await cortado(['--config', 'config.yaml', 'render', 'task-definition', 'service-definition', '--output', 'json']);
  assert.equal(long.code, 0, long.stderr);
  assert.deepEqual(Object.keys(long.json()), ['taskdef', 'servicedef']);
});
