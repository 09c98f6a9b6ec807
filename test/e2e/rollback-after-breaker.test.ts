// E2E: after the circuit breaker rolled a revision back and a later one was deployed, `cortado rollback` returns to the
// last revision that completed a deployment (ECS's history), never to the one that failed.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { DescribeServicesCommand } from '@aws-sdk/client-ecs';
import { type E2E, freePortGuess, existingService, startE2E } from './e2e-harness.js';

let e: E2E;
let dir: string;
const port = freePortGuess();
const FAST = ['--poll-interval', '150ms', '--timeout', '2m'];

const taskDefinition = (env: Record<string, string>) => ({
  family: 'api',
  networkMode: 'awsvpc' as const,
  requiresCompatibilities: ['FARGATE' as const],
  cpu: '256',
  memory: '512',
  containerDefinitions: [
    {
      name: 'app',
      image: 'cortado/demo-app:v1',
      essential: true,
      portMappings: [{ containerPort: port }],
      environment: Object.entries(env).map(([name, value]) => ({ name, value })),
    },
  ],
});

const writeTaskDef = (env: Record<string, string>) =>
  writeFileSync(join(dir, 'ecs-task-def.json'), JSON.stringify(taskDefinition(env), null, 2));
const cortado = (args: string[]) => e.cli(args, { cwd: dir });
const running = async () => (await e.ecs.send(new DescribeServicesCommand({ cluster: 'shop', services: ['api'] }))).services?.[0];

before(async () => {
  e = await startE2E();
  dir = mkdtempSync(join(tmpdir(), 'cortado-e2e-rollback-'));
  writeFileSync(join(dir, 'cortado.yml'), `region: ${e.sandbox.region}\ncluster: shop\nservice: api\ntask_definition: ecs-task-def.json\n`);
  await existingService(e, { cluster: 'shop', service: 'api', taskDefinition: taskDefinition({ VERSION: 'one' }) });
});

after(async () => {
  await e?.close();
});

test('rollback after a circuit-breaker rollback and a later deploy goes to the last revision that succeeded', async () => {
  writeTaskDef({ VERSION: 'two', EXIT_CODE: '3' });
  const failed = await cortado(['deploy', ...FAST]);
  assert.equal(failed.code, 1, `${failed.stdout}\n${failed.stderr}`);
  assert.equal((await running())?.taskDefinition?.replace(/^.*\//, ''), 'api:1', 'the circuit breaker rolled api:2 back');

  writeTaskDef({ VERSION: 'three' });
  const deployed = await cortado(['deploy', ...FAST]);
  assert.equal(deployed.code, 0, deployed.stderr);
  assert.equal((await running())?.taskDefinition?.replace(/^.*\//, ''), 'api:3');

  const r = await cortado(['rollback', ...FAST]);
  assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
  assert.match(r.stdout, /rolled back from api:3 to api:1/);
  assert.equal((await running())?.taskDefinition?.replace(/^.*\//, ''), 'api:1');
  const { checked } = await e.assertIamCoverage();
  assert.ok(checked >= 3, `only ${checked} runs checked against iam-policy`);
});
