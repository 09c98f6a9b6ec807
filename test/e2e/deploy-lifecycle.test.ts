// Acceptance 1, end to end: init from a running service → diff empty; an image change is exactly one diff line; deploy → status
// shows the new revision; a crashing image fails the deploy with its stopped reason and exit code and leaves the service on the
// old revision; rollback; scale; deregister --keeps 2 — and every API call these runs made is in `cortado iam-policy`.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  ApplicationAutoScalingClient,
  DescribeScalableTargetsCommand,
  RegisterScalableTargetCommand,
} from '@aws-sdk/client-application-auto-scaling';
import { diffBody, type E2E, freePortGuess, existingService, startE2E } from './e2e-harness.js';

let e: E2E;
let dir: string;
const port = freePortGuess();
const FAST = ['--poll-interval', '150ms', '--timeout', '2m'];

const taskDefinition = (image: string) => ({
  family: 'api',
  networkMode: 'awsvpc' as const,
  requiresCompatibilities: ['FARGATE' as const],
  cpu: '256',
  memory: '512',
  executionRoleArn: 'arn:aws:iam::000000000000:role/api-execution',
  containerDefinitions: [
    {
      name: 'app',
      image,
      essential: true,
      portMappings: [{ containerPort: port }],
      environment: [{ name: 'GREETING', value: 'hello' }],
      logConfiguration: {
        logDriver: 'awslogs' as const,
        options: { 'awslogs-group': '/ecs/api', 'awslogs-region': 'us-east-1', 'awslogs-stream-prefix': 'api' },
      },
    },
  ],
});

const cortado = (args: string[]) => e.cli(args, { cwd: dir });
const status = async () =>
  (await cortado(['status', '--output', 'json'])).json<{
    taskDefinition: string;
    runningCount: number;
    desiredCount: number;
    deployments: unknown[];
  }>();
const editTaskDef = (f: (td: ReturnType<typeof taskDefinition>) => void) => {
  const path = join(dir, 'ecs-task-def.json');
  const td = JSON.parse(readFileSync(path, 'utf8')) as ReturnType<typeof taskDefinition>;
  f(td);
  writeFileSync(path, JSON.stringify(td, null, 2));
};

before(async () => {
  e = await startE2E();
  dir = mkdtempSync(join(tmpdir(), 'cortado-e2e-life-'));
  await e.logs.send(new CreateLogGroupCommand({ logGroupName: '/ecs/api' }));
  await existingService(e, {
    cluster: 'shop',
    service: 'api',
    taskDefinition: taskDefinition('cortado/demo-app:v1'),
    desiredCount: 2,
    subnets: ['subnet-0a', 'subnet-0b'],
    tags: [{ key: 'team', value: 'shop' }],
  });
});

after(async () => {
  await e?.close();
});

test('init from the running service, then diff shows nothing', async () => {
  const init = await cortado(['init', '--cluster', 'shop', '--service', 'api']);
  assert.equal(init.code, 0, init.stderr);
  assert.match(readFileSync(join(dir, 'cortado.yml'), 'utf8'), /cluster: shop\nservice: api\n/);
  const td = JSON.parse(readFileSync(join(dir, 'ecs-task-def.json'), 'utf8')) as Record<string, unknown>;
  for (const readOnly of ['taskDefinitionArn', 'revision', 'status', 'registeredAt', 'requiresAttributes', 'compatibilities'])
    assert.equal(td[readOnly], undefined, readOnly);
  const d = await cortado(['diff']);
  assert.equal(d.code, 0, d.stderr);
  assert.equal(d.stdout.trim(), 'no difference');
  assert.equal((await cortado(['diff', '--output', 'json'])).json<{ changed: boolean }>().changed, false);
});

test('init --format yaml writes YAML definitions that diff as equal too', async () => {
  const ydir = mkdtempSync(join(tmpdir(), 'cortado-e2e-yaml-'));
  const init = await e.cli(['init', '--cluster', 'shop', '--service', 'api', '--format', 'yaml'], { cwd: ydir });
  assert.equal(init.code, 0, init.stderr);
  assert.match(readFileSync(join(ydir, 'ecs-task-def.yml'), 'utf8'), /^family: api$/m);
  const d = await e.cli(['diff'], { cwd: ydir });
  assert.equal(d.stdout.trim(), 'no difference', d.stdout + d.stderr);
});

test('an image change shows exactly that line', async () => {
  editTaskDef((td) => {
    td.containerDefinitions[0]!.image = 'cortado/demo-app:v2';
  });
  const d = await cortado(['diff']);
  assert.equal(d.code, 0, d.stderr);
  assert.deepEqual(diffBody(d.stdout), ['-      "image": "cortado/demo-app:v1",', '+      "image": "cortado/demo-app:v2",']);
  const j = (await cortado(['diff', '--output', 'json'])).json<{ taskDefinition: { changes: unknown[] }; service: { changed: boolean } }>();
  assert.deepEqual(j.taskDefinition.changes, [
    { path: 'containerDefinitions[0].image', from: 'cortado/demo-app:v1', to: 'cortado/demo-app:v2' },
  ]);
  assert.equal(j.service.changed, false);
  assert.equal((await cortado(['diff', '--exit-code'])).code, 1);
});

test('deploy --dry-run changes nothing', async () => {
  const before = await e.lastSeq();
  const r = await cortado(['deploy', '--dry-run']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /dry run: nothing was changed/);
  assert.deepEqual(
    (await e.calls(before)).filter((c) => c.mutating),
    [],
  );
});

test('deploy completes, streaming events and progress, and status shows the new revision', async () => {
  const r = await cortado(['deploy', ...FAST]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /registered task definition api:2/);
  assert.match(r.stderr, /has started 2 tasks/);
  assert.match(r.stderr, /tasks running \| PRIMARY api:2/);
  assert.match(r.stdout, /api: deployed api:2/);
  const s = await status();
  assert.equal(s.taskDefinition, 'api:2');
  assert.equal(s.runningCount, 2);
  assert.equal((await cortado(['diff'])).stdout.trim(), 'no difference');
});

test('a crashing image fails the deploy with the stopped reason and exit code; the service is back on the old revision', async () => {
  editTaskDef((td) => {
    td.containerDefinitions[0]!.environment.push({ name: 'EXIT_CODE', value: '3' });
  });
  const r = await cortado(['deploy', ...FAST]);
  assert.equal(r.code, 1, `${r.stdout}\n${r.stderr}`);
  assert.match(r.stderr, /stopped task [0-9a-f]{32}: Essential container in task exited \(EssentialContainerExited\)/);
  assert.match(r.stderr, /container app: exit code 3/);
  assert.match(r.stderr, /\| demo-app: exiting with EXIT_CODE=3/);
  assert.match(
    r.stderr,
    /deployment of api:3 to service api failed: ECS deployment circuit breaker: task failed to start\. \(circuit breaker: \d+ failed tasks, threshold 3\); the service rolled back to api:2/,
  );
  const s = await status();
  assert.equal(s.taskDefinition, 'api:2');
  assert.equal(s.runningCount, 2);
});

test('rollback returns to the previous revision', async () => {
  editTaskDef((td) => {
    td.containerDefinitions[0]!.environment = td.containerDefinitions[0]!.environment.filter((x) => x.name !== 'EXIT_CODE');
  });
  const r = await cortado(['rollback', '--no-deregister-task-definition', ...FAST]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /api: rolled back from api:2 to api:1/);
  assert.equal((await status()).taskDefinition, 'api:1');
});

test('rollback stops an in-flight deployment with ROLLBACK', async () => {
  // A health check that never passes, with a long start period: the deployment stays in flight (10 s at speed 30).
  editTaskDef((td) => {
    Object.assign(td.containerDefinitions[0]!, {
      healthCheck: { command: ['CMD-SHELL', 'exit 1'], interval: 300, startPeriod: 300, retries: 10 },
    });
  });
  const started = await cortado(['deploy', '--no-wait']);
  assert.equal(started.code, 0, started.stderr);
  const r = await cortado(['rollback', '--no-deregister-task-definition', ...FAST]);
  assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
  assert.match(r.stderr, /stopped deployment \S+ of api:4 with ROLLBACK/);
  assert.ok(r.calls.some((c) => c.operation === 'StopServiceDeployment'));
  assert.equal((await status()).taskDefinition, 'api:1');
  editTaskDef((td) => {
    delete (td.containerDefinitions[0] as { healthCheck?: unknown }).healthCheck;
  });
});

test('scale, wait and refresh', async () => {
  const r = await cortado(['scale', '--tasks', '3', ...FAST]);
  assert.equal(r.code, 0, r.stderr);
  let s = await status();
  assert.equal(s.desiredCount, 3);
  assert.equal(s.runningCount, 3);
  assert.equal((await cortado(['wait', ...FAST])).code, 0);
  const refresh = await cortado(['refresh', ...FAST]);
  assert.equal(refresh.code, 0, refresh.stderr);
  s = await status();
  assert.equal(s.taskDefinition, 'api:1');
  assert.equal(s.runningCount, 3);
});

test('--suspend-auto-scaling and --resume-auto-scaling flip the scalable target around a deploy', async () => {
  const aas = new ApplicationAutoScalingClient({
    endpoint: e.sandbox.endpoint,
    region: e.sandbox.region,
    credentials: { accessKeyId: e.env.AWS_ACCESS_KEY_ID!, secretAccessKey: e.env.AWS_SECRET_ACCESS_KEY! },
  });
  const target = {
    ServiceNamespace: 'ecs' as const,
    ResourceId: 'service/shop/api',
    ScalableDimension: 'ecs:service:DesiredCount' as const,
  };
  const suspended = async () =>
    (await aas.send(new DescribeScalableTargetsCommand({ ServiceNamespace: 'ecs', ResourceIds: [target.ResourceId] }))).ScalableTargets?.[0]
      ?.SuspendedState;
  try {
    await aas.send(new RegisterScalableTargetCommand({ ...target, MinCapacity: 1, MaxCapacity: 6 }));
    const s = await cortado(['deploy', '--skip-task-definition', '--suspend-auto-scaling', '--no-wait']);
    assert.equal(s.code, 0, s.stderr);
    assert.match(s.stderr, /auto scaling of api suspended/);
    assert.deepEqual(await suspended(), {
      DynamicScalingInSuspended: true,
      DynamicScalingOutSuspended: true,
      ScheduledScalingSuspended: true,
    });
    const r = await cortado(['deploy', '--skip-task-definition', '--resume-auto-scaling', ...FAST]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(await suspended(), {
      DynamicScalingInSuspended: false,
      DynamicScalingOutSuspended: false,
      ScheduledScalingSuspended: false,
    });
  } finally {
    aas.destroy();
  }
});

test("logs shows the containers' output", async () => {
  const r = await cortado(['logs', '--since', '10m']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /demo-app \S+ listening on/);
});

test('deregister --keeps 2 keeps the two newest unused revisions and every revision in use', async () => {
  for (let i = 0; i < 2; i++) assert.equal((await cortado(['register'])).code, 0);
  const before = (await cortado(['revisions', '--output', 'json'])).json<{ revisions: { revision: number; current: boolean }[] }>();
  assert.deepEqual(
    before.revisions.map((r) => r.revision),
    [6, 5, 4, 3, 2, 1],
  );
  assert.equal(before.revisions.find((r) => r.current)?.revision, 1);
  const r = await cortado(['deregister', '--keeps', '2', '--output', 'json']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.json(), { family: 'api', deregistered: [4, 3, 2], kept: [6, 5], inUse: [1], dryRun: false });
  const afterRevs = (await cortado(['revisions', '--output', 'json'])).json<{ revisions: { revision: number }[] }>();
  assert.deepEqual(
    afterRevs.revisions.map((x) => x.revision),
    [6, 5, 1],
  );
});

test('verify, render and delete', async () => {
  await e.createTaskRole('api-execution');
  const v = await cortado(['verify']);
  assert.equal(v.code, 0, `${v.stdout}${v.stderr}`);
  assert.match(v.stdout, /OK {3}cluster shop/);
  assert.match(v.stdout, /OK {3}log group \/ecs\/api: exists/);
  const rendered = (await cortado(['render', 'taskdef', '--output', 'json'])).json<{ family: string }>();
  assert.equal(rendered.family, 'api');
  assert.equal((await cortado(['delete'])).code, 2);
  const del = await cortado(['delete', '--force']);
  assert.equal(del.code, 0, del.stderr);
  assert.equal((await cortado(['status'])).code, 2);
});

test('acceptance 4: every API call of these runs is allowed by `cortado iam-policy` for its command', async () => {
  const { checked, actions } = await e.assertIamCoverage();
  assert.ok(checked >= 20, `only ${checked} runs checked`);
  for (const a of [
    'ecs:UpdateService',
    'ecs:RegisterTaskDefinition',
    'ecs:DescribeServiceDeployments',
    'ecs:StopServiceDeployment',
    'logs:GetLogEvents',
    'ecs:DeregisterTaskDefinition',
  ])
    assert.ok(actions.has(a), a);
});
