// deploy --wait-until paused|ecs:<STAGE> and `cortado continue` end to end, on an ECS native CANARY service with a PAUSE hook.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { CreateClusterCommand, DescribeServicesCommand } from '@aws-sdk/client-ecs';
import { registerDemo } from '../local/ecs/ecs-fixtures.js';
import { createAlb, createNativeService } from '../local/ecs/ecs-native-fixtures.js';
import { eventually } from '../helpers/sandbox.js';
import { type E2E, startE2E } from './e2e-harness.js';

const CLUSTER = 'paused';
const SERVICE = 'web';
let e: E2E;
let dir: string;

/** CANARY 20 %: ECS pauses before each production traffic step until the hook is answered. */
const CANARY = {
  strategy: 'CANARY',
  bakeTimeInMinutes: 1,
  canaryConfiguration: { canaryPercent: 20, canaryBakeTimeInMinutes: 1 },
  lifecycleHooks: [
    {
      targetType: 'PAUSE',
      lifecycleStages: ['PRE_PRODUCTION_TRAFFIC_SHIFT'],
      timeoutConfiguration: { timeoutInMinutes: 600, action: 'ROLLBACK' },
    },
  ],
};

before(async () => {
  e = await startE2E();
  await e.ecs.send(new CreateClusterCommand({ clusterName: CLUSTER }));
  const alb = await createAlb(e.sandbox, 'pause');
  const v1 = await registerDemo(e.sandbox, { family: 'paused-web', tag: 'v1' });
  await createNativeService(e.sandbox, { cluster: CLUSTER, name: SERVICE, taskDefinition: v1, alb, deploymentConfiguration: CANARY });
  dir = mkdtempSync(join(tmpdir(), 'cortado-e2e-pause-'));
  writeFileSync(join(dir, 'cortado.yml'), `region: us-east-1\ncluster: ${CLUSTER}\nservice: ${SERVICE}\ntask_definition: task.yml\n`);
  writeFileSync(
    join(dir, 'task.yml'),
    `family: paused-web
networkMode: awsvpc
requiresCompatibilities: [FARGATE]
cpu: "256"
memory: "512"
containerDefinitions:
  - name: app
    image: cortado/demo-app:{{ env "TAG" "v1" }}
    essential: true
    portMappings: [{ containerPort: 8080, protocol: tcp }]
`,
  );
});

after(async () => {
  await e?.close();
});

const FAST = ['--poll-interval', '200ms', '--timeout', '5m'];

test('a stage that does not exist is bad input with a did-you-mean, before any AWS call', async () => {
  const r = await e.cli(['deploy', '--wait-until', 'ecs:BAKE_TIM'], { cwd: dir });
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /did you mean ecs:BAKE_TIME\?/);
  assert.deepEqual(r.calls, []);
});

test('deploy stops at the pause; continue goes to the next pause, then to a stage; continue with nothing paused exits 2', async () => {
  const d = await e.cli(['deploy', ...FAST, '--wait-until', 'paused', '--output', 'json'], { cwd: dir, env: { TAG: 'v2' } });
  assert.equal(d.code, 0, d.stderr);
  const dj = d.json<{ status: string; reached: string }>();
  assert.equal(dj.status, 'reached');
  assert.match(dj.reached, /^paused at PRODUCTION_TRAFFIC_SHIFT \(hook ecs-pause-/);

  const c1 = await e.cli(['continue', ...FAST, '--wait-until', 'paused', '--output', 'json'], { cwd: dir });
  assert.equal(c1.code, 0, c1.stderr);
  const c1j = c1.json<{ status: string; hookId: string; reached: string }>();
  assert.equal(c1j.status, 'reached');
  assert.ok(!c1j.reached.includes(c1j.hookId), 'the next pause is another hook run');
  assert.ok(c1.calls.some((c) => c.operation === 'ContinueServiceDeployment'));

  const c2 = await e.cli(['continue', ...FAST, '--wait-until', 'ecs:BAKE_TIME', '--output', 'json'], { cwd: dir });
  assert.equal(c2.code, 0, c2.stderr);
  const c2j = c2.json<{ status: string; reached?: string }>();
  assert.ok(c2j.status === 'deployed' || /at lifecycle stage (BAKE_TIME|CLEAN_UP)/.test(c2j.reached ?? ''), JSON.stringify(c2j));

  await eventually(
    async () => {
      const s = (await e.ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: [SERVICE] }))).services?.[0];
      return s?.deployments?.length === 1 && s.taskDefinition?.endsWith(':2') ? true : undefined;
    },
    120_000,
    250,
    'the deployment of :2 done',
  );
  const none = await e.cli(['continue'], { cwd: dir });
  assert.equal(none.code, 2, none.stderr);
  assert.match(none.stderr, /has no deployment in progress|waits at no PAUSE lifecycle hook/);
  assert.ok(!none.calls.some((c) => c.operation === 'ContinueServiceDeployment'));

  const { actions } = await e.assertIamCoverage();
  assert.ok(actions.has('ecs:ContinueServiceDeployment'));
});
