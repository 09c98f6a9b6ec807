// `cortado run` end to end: a one-off task from the definitions returns its container's exit code and prints its output.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { CreateClusterCommand, DescribeTasksCommand } from '@aws-sdk/client-ecs';
import { CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { type E2E, freePortGuess, startE2E } from './e2e-harness.js';
import { setFaults } from '../helpers/sandbox.js';

let e: E2E;
let dir: string;
const FAST = ['--poll-interval', '150ms', '--timeout', '1m'];

before(async () => {
  e = await startE2E();
  dir = mkdtempSync(join(tmpdir(), 'cortado-e2e-run-'));
  await e.ecs.send(new CreateClusterCommand({ clusterName: 'batch' }));
  await e.logs.send(new CreateLogGroupCommand({ logGroupName: '/ecs/jobs' }));
  writeFileSync(
    join(dir, 'cortado.yml'),
    'region: us-east-1\ncluster: batch\ntask_definition: task.yml\nservice_definition: service.yml\n',
  );
  writeFileSync(join(dir, 'service.yml'), 'launchType: FARGATE\nnetworkConfiguration:\n  awsvpcConfiguration:\n    subnets: [subnet-1]\n');
  writeFileSync(
    join(dir, 'task.yml'),
    `family: jobs
networkMode: awsvpc
requiresCompatibilities: [FARGATE]
cpu: 256
memory: 512
executionRoleArn: arn:aws:iam::000000000000:role/jobs-execution
containerDefinitions:
  - name: job
    image: cortado/demo-app:{{ env "JOB_VERSION" "v1" }}
    portMappings: [{ containerPort: ${freePortGuess()} }]
    logConfiguration:
      logDriver: awslogs
      options: { awslogs-group: /ecs/jobs, awslogs-region: us-east-1, awslogs-stream-prefix: jobs }
`,
  );
});

after(async () => {
  await e?.close();
});

const overrides = (envs: Record<string, string>) =>
  JSON.stringify({ containerOverrides: [{ name: 'job', environment: Object.entries(envs).map(([name, value]) => ({ name, value })) }] });

test("run exits with the container's exit code and prints its output on stdout", async () => {
  const r = await e.cli(['run', ...FAST, '--overrides', overrides({ EXIT_CODE: '7' })], { cwd: dir });
  assert.equal(r.code, 7, r.stderr);
  assert.match(r.stdout, /demo-app: exiting with EXIT_CODE=7/);
  assert.match(r.stderr, /registered task definition jobs:1/);
  assert.match(r.stderr, /container job exited with code 7/);
});

test('a task that runs, logs and then crashes: its output and exit code 1', async () => {
  const r = await e.cli(['run', ...FAST, '--overrides', overrides({ CRASH_AFTER_S: '1' }), '--output', 'json'], {
    cwd: dir,
    env: { JOB_VERSION: 'v5' },
  });
  assert.equal(r.code, 1, r.stderr);
  const j = r.json<{ exitCode: number; container: string; status: string; taskArns: string[] }>();
  assert.equal(j.exitCode, 1, `${r.stdout}\n${r.stderr}`);
  assert.equal(j.container, 'job');
  assert.match(r.stderr, /demo-app v5 listening on/);
});

test('--latest-task-definition reuses the newest revision; --no-wait returns at once; --dry-run calls nothing mutating', async () => {
  const r = await e.cli(
    ['run', '--latest-task-definition', '--no-wait', '--overrides', overrides({ EXIT_CODE: '0' }), '--output', 'json'],
    { cwd: dir },
  );
  assert.equal(r.code, 0, r.stderr);
  const j = r.json<{ status: string; taskArns: string[]; taskDefinitionArn: string }>();
  assert.equal(j.status, 'started');
  assert.match(j.taskDefinitionArn, /task-definition\/jobs:2$/);
  assert.ok(!r.calls.some((c) => c.operation === 'RegisterTaskDefinition'));
  const t = await e.ecs.send(new DescribeTasksCommand({ cluster: 'batch', tasks: j.taskArns }));
  assert.equal(t.tasks?.[0]?.startedBy, 'cortado-run');
  const dry = await e.cli(['run', '--dry-run'], { cwd: dir });
  assert.equal(dry.code, 0, dry.stderr);
  assert.deepEqual(
    dry.calls.filter((c) => c.mutating),
    [],
  );
});

test('throttling is retried with backoff: the run still ends with its exit code', async () => {
  await setFaults(e.sandbox.endpoint, { throttle: [{ service: 'ecs', operation: 'DescribeTasks', rate: 1, burst: 1 }] });
  try {
    const r = await e.cli(
      ['run', '--latest-task-definition', '--poll-interval', '100ms', '--overrides', overrides({ CRASH_AFTER_S: '1', EXIT_CODE: '' })],
      { cwd: dir },
    );
    assert.equal(r.code, 1, r.stderr);
    assert.ok(
      r.calls.some((c) => c.operation === 'DescribeTasks' && c.errorCode === 'ThrottlingException'),
      'some DescribeTasks calls were throttled',
    );
  } finally {
    await setFaults(e.sandbox.endpoint, { throttle: [] });
  }
});

test("cross-account: assume_role_arn makes every call with the assumed role's credentials", async () => {
  writeFileSync(
    join(dir, 'cross.yml'),
    'region: us-east-1\ncluster: batch\ntask_definition: task.yml\nassume_role_arn: arn:aws:iam::000000000000:role/deployer\n',
  );
  const r = await e.cli(['revisions', '--config', 'cross.yml', '--output', 'json'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(
    r.calls.map((c) => `${c.service}:${c.operation}`),
    ['sts:AssumeRole', 'ecs:ListTaskDefinitions'],
  );
  assert.deepEqual(
    r.json<{ revisions: { revision: number }[] }>().revisions.map((x) => x.revision),
    [2, 1],
  );
});

test('acceptance 4 for run: every call is in `cortado iam-policy run`', async () => {
  const { checked, actions } = await e.assertIamCoverage();
  assert.ok(checked >= 3);
  for (const a of ['ecs:RunTask', 'ecs:DescribeTasks', 'logs:GetLogEvents', 'ecs:RegisterTaskDefinition']) assert.ok(actions.has(a), a);
});
