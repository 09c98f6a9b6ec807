// E2E (ecspresso parity): the flags ecspresso users put in CI — rollback's dry run naming its target and reason, default
// deregistration, --revision; revisions --revision current|latest; run --task-def, --overrides-file (a
// template), --wait-until running, --client-token; deploy --skip-task-definition --revision N, --auto-scaling-min/max;
// diff --external and --no-unified; verify --no-*; deregister --force; delete --terminate; --envfile a,b.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  type RegisterTaskDefinitionCommandInput,
} from '@aws-sdk/client-ecs';
import {
  ApplicationAutoScalingClient,
  DescribeScalableTargetsCommand,
  RegisterScalableTargetCommand,
} from '@aws-sdk/client-application-auto-scaling';
import { type E2E, freePortGuess, existingService, startE2E } from './e2e-harness.js';

let e: E2E;
let dir: string;
const port = freePortGuess();
const FAST = ['--poll-interval', '150ms', '--timeout', '2m'];

const taskDefinition = (env: Record<string, string>) => ({
  family: 'web',
  networkMode: 'awsvpc',
  requiresCompatibilities: ['FARGATE'],
  cpu: '256',
  memory: '512',
  containerDefinitions: [
    {
      name: 'app',
      image: 'cortado/demo-app:{{ env `IMAGE_TAG` `v1` }}',
      essential: true,
      portMappings: [{ containerPort: port }],
      environment: Object.entries(env).map(([name, value]) => ({ name, value })),
    },
  ],
});

const writeTaskDef = (env: Record<string, string>, file = 'ecs-task-def.json') =>
  writeFileSync(join(dir, file), JSON.stringify(taskDefinition(env), null, 2));
const cortado = (args: string[], env: Record<string, string> = {}) => e.cli(args, { cwd: dir, env });
const running = async () => (await e.ecs.send(new DescribeServicesCommand({ cluster: 'flags', services: ['web'] }))).services?.[0];
const tdStatus = async (ref: string) =>
  (await e.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: ref }))).taskDefinition?.status;
const short = (arn: string | undefined) => arn?.replace(/^.*\//, '');

before(async () => {
  e = await startE2E();
  dir = mkdtempSync(join(tmpdir(), 'cortado-e2e-flags-'));
  // The service exists already (made by Terraform, say): the config names it without a service definition.
  writeFileSync(
    join(dir, 'cortado.yml'),
    `region: ${e.sandbox.region}\ncluster: flags\nservice: web\ntask_definition: ecs-task-def.json\n`,
  );
  writeTaskDef({ VERSION: 'one' });
  await existingService(e, {
    cluster: 'flags',
    service: 'web',
    taskDefinition: {
      ...taskDefinition({ VERSION: 'one' }),
      containerDefinitions: [{ ...taskDefinition({}).containerDefinitions[0]!, image: 'cortado/demo-app:v1' }],
    } as RegisterTaskDefinitionCommandInput,
  });
});

after(async () => {
  await e?.close();
});

test('rollback: --dry-run names the revision and why first; it deregisters what it rolled back from (ecspresso default)', async () => {
  writeTaskDef({ VERSION: 'two' });
  assert.equal((await cortado(['deploy', ...FAST])).code, 0);
  writeTaskDef({ VERSION: 'three' });
  assert.equal((await cortado(['deploy', ...FAST])).code, 0);
  assert.equal(short((await running())?.taskDefinition), 'web:3');

  const dry = await cortado(['rollback', '--dry-run', ...FAST]);
  assert.equal(dry.code, 0, `${dry.stdout}\n${dry.stderr}`);
  assert.match(
    dry.stderr,
    /dry run: would roll service web back from web:3 to web:2: the newest older revision that completed a deployment; then deregister web:3/,
  );
  assert.ok(!dry.calls.some((c) => c.mutating), 'a dry run changes nothing');

  const missing = await cortado(['rollback', '--revision', '9', ...FAST]);
  assert.equal(missing.code, 2, missing.stderr);
  assert.match(missing.stderr, /web:9 is not an ACTIVE revision \(active: 3, 2, 1\)/);

  const r = await cortado(['rollback', ...FAST]);
  assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
  assert.match(r.stdout, /web: rolled back from web:3 to web:2 \(.*\); deregistered web:3/);
  assert.equal(short((await running())?.taskDefinition), 'web:2');
  assert.equal(await tdStatus('web:3'), 'INACTIVE', 'rollback deregisters what it rolled back from, as ecspresso does');
});

test('revisions --revision current|latest', async () => {
  const current = await cortado(['revisions', '--revision', 'current', '--output', 'json']);
  assert.equal(current.code, 0, current.stderr);
  assert.equal(short(current.json<{ taskDefinitionArn: string }>().taskDefinitionArn), 'web:2');
  const latest = await cortado(['revisions', '--revision', 'latest', '--output', 'json']);
  assert.equal(short(latest.json<{ taskDefinitionArn: string }>().taskDefinitionArn), 'web:2', 'web:3 was deregistered');
  await cortado(['rollback', '--revision', '1', '--no-deregister-task-definition', '--no-wait']);
});

test('run --task-def, --overrides-file rendered as a template, --wait-until running, --client-token', async () => {
  writeTaskDef({ VERSION: 'batch' }, 'batch-task-def.json');
  writeFileSync(
    join(dir, 'overrides.json'),
    '{"containerOverrides":[{"name":"app","environment":[{"name":"JOB","value":"{{ must_env `JOB_NAME` }}"}]}]}',
  );
  const r = await cortado(
    [
      'run',
      '--task-def',
      'batch-task-def.json',
      '--overrides-file',
      'overrides.json',
      '--wait-until',
      'running',
      '--client-token',
      'ci-42',
      '--output',
      'json',
      ...FAST,
    ],
    { JOB_NAME: 'nightly' },
  );
  assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
  const out = r.json<{ status: string; taskArns: string[]; taskDefinitionArn: string }>();
  assert.equal(out.status, 'running');
  assert.equal(short(out.taskDefinitionArn), 'web:4');
  const task = (await e.ecs.send(new DescribeTasksCommand({ cluster: 'flags', tasks: out.taskArns }))).tasks![0]!;
  assert.equal(task.lastStatus, 'RUNNING');
  assert.deepEqual(task.overrides?.containerOverrides?.[0]?.environment, [{ name: 'JOB', value: 'nightly' }]);
});

test('deploy --skip-task-definition --revision N (documented together) and --auto-scaling-min/max', async () => {
  const aas = new ApplicationAutoScalingClient({
    endpoint: e.sandbox.endpoint,
    region: e.sandbox.region,
    credentials: { accessKeyId: e.env.AWS_ACCESS_KEY_ID!, secretAccessKey: e.env.AWS_SECRET_ACCESS_KEY! },
  });
  try {
    await aas.send(
      new RegisterScalableTargetCommand({
        ServiceNamespace: 'ecs',
        ResourceId: 'service/flags/web',
        ScalableDimension: 'ecs:service:DesiredCount',
        MinCapacity: 1,
        MaxCapacity: 2,
      }),
    );
    const r = await cortado([
      'deploy',
      '--skip-task-definition',
      '--revision',
      '2',
      '--auto-scaling-min',
      '1',
      '--auto-scaling-max',
      '4',
      '--no-wait',
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(short((await running())?.taskDefinition), 'web:2');
    const t = (await aas.send(new DescribeScalableTargetsCommand({ ServiceNamespace: 'ecs', ResourceIds: ['service/flags/web'] })))
      .ScalableTargets![0]!;
    assert.deepEqual([t.MinCapacity, t.MaxCapacity], [1, 4]);
  } finally {
    aas.destroy();
  }
});

test('diff --external CMD and --no-unified; verify --no-*; deregister --force; delete --terminate; --envfile a,b', async () => {
  writeTaskDef({ VERSION: 'five' });
  const ext = await cortado(['diff', '--external', 'echo compare']);
  assert.equal(ext.code, 0, ext.stderr);
  assert.match(ext.stdout, /^compare remote\/taskdef\.json local\/taskdef\.json$/m);
  const full = await cortado(['diff', '--no-unified']);
  assert.match(full.stdout, /^ {3}"family": "web",$/m, 'the whole definition, unchanged lines too');
  assert.match(full.stdout, /^\+ +"value": "five"$/m);

  const v = await cortado(['verify', '--no-get-secrets', '--no-put-logs', '--no-cache']);
  assert.equal(v.code, 0, `${v.stdout}${v.stderr}`);
  assert.equal((await cortado(['deregister', '--keeps', '1', '--force', '--dry-run'])).code, 0);

  writeFileSync(join(dir, 'a.env'), 'IMAGE_TAG=from-a\n');
  writeFileSync(join(dir, 'b.env'), 'OTHER=b\n');
  const rendered = await cortado(['render', 'taskdef', '--envfile', 'a.env,b.env', '--output', 'json']);
  assert.equal(rendered.code, 0, rendered.stderr);
  assert.equal(rendered.json<{ containerDefinitions: { image: string }[] }>().containerDefinitions[0]!.image, 'cortado/demo-app:from-a');

  const del = await cortado(['delete', '--force', '--terminate']);
  assert.equal(del.code, 0, del.stderr);
  assert.doesNotMatch(del.stderr, /ecspresso would need --terminate/);
  assert.equal((await running())?.status === 'ACTIVE', false);
  const { checked } = await e.assertIamCoverage();
  assert.ok(checked >= 8, `only ${checked} runs checked`);
});
