// `cortado schedule` end to end against the sandbox at high speed: apply (twice: no change), rate(1 minute) running N times in N
// simulated minutes with its history, a failing job's exit code and last log line, run now, prune, and iam-policy coverage.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { CreateClusterCommand, RegisterTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import { CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { type E2E, freePortGuess, startE2E } from '../e2e/e2e-harness.js';

const SPEED = 60; // a simulated minute is a real second
const FAST = ['--poll-interval', '100ms', '--timeout', '2m'];
let e: E2E;
let dir: string;

const config = (jobs: string) => `region: us-east-1
cluster: batch
schedules:
  group: cortado-batch
  jobs:
${jobs}`;

const MINUTELY = `    minutely:
      schedule: rate(1 minute)
      task_definition: jobs
      environment: { EXIT_CODE: "0" }
      network_configuration: { awsvpcConfiguration: { subnets: [subnet-1] } }
`;
const FAILING = `    failing:
      schedule: cron(0 3 * * ? *)
      timezone: Asia/Tokyo
      task_definition: jobs
      environment: { EXIT_CODE: "3" }
      network_configuration: { awsvpcConfiguration: { subnets: [subnet-1] } }
`;

before(async () => {
  e = await startE2E({ speed: SPEED });
  dir = mkdtempSync(join(tmpdir(), 'cortado-e2e-schedules-'));
  await e.ecs.send(new CreateClusterCommand({ clusterName: 'batch' }));
  await e.logs.send(new CreateLogGroupCommand({ logGroupName: '/ecs/jobs' }));
  await e.ecs.send(
    new RegisterTaskDefinitionCommand({
      family: 'jobs',
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
      executionRoleArn: 'arn:aws:iam::000000000000:role/jobs-execution',
      containerDefinitions: [
        {
          name: 'job',
          image: 'cortado/demo-app:v1',
          essential: true,
          portMappings: [{ containerPort: freePortGuess() }],
          logConfiguration: {
            logDriver: 'awslogs',
            options: { 'awslogs-group': '/ecs/jobs', 'awslogs-region': 'us-east-1', 'awslogs-stream-prefix': 'jobs' },
          },
        },
      ],
    }),
  );
  writeFileSync(join(dir, 'cortado.yml'), config(MINUTELY + FAILING));
});

after(async () => {
  await e?.close();
});

const writes = (ops: readonly { operation: string }[]) =>
  ops.filter((c) => /^(Create|Update|Delete|Put|Tag)/.test(c.operation)).map((c) => c.operation);

test('apply creates the schedules and their history; a second apply changes nothing', async () => {
  const first = await e.cli(['schedule', 'apply', '--output', 'json'], { cwd: dir });
  assert.equal(first.code, 0, first.stderr + first.stdout);
  const j = first.json<{ changed: boolean; changes: { kind: string; resource: string; name: string }[] }>();
  assert.equal(j.changed, true);
  assert.deepEqual(
    j.changes.filter((c) => c.resource === 'schedule').map((c) => `${c.kind} ${c.name}`),
    ['create minutely', 'create failing'],
  );
  const second = await e.cli(['schedule', 'apply', '--output', 'json'], { cwd: dir });
  assert.equal(second.code, 0, second.stderr);
  assert.equal(second.json<{ changed: boolean }>().changed, false, second.stdout);
  assert.deepEqual(writes(second.calls), []);
});

test('rate(1 minute) runs N times in N simulated minutes, each run recorded in its history', async () => {
  const N = 3;
  // Polls the recorded history; the bound is generous (a loaded machine), the count is what is asserted.
  const deadline = Date.now() + 120_000;
  let runs: { exitCode?: number; status: string }[] = [];
  while (Date.now() < deadline) {
    const h = await e.cli(['schedule', 'history', 'minutely', '--output', 'json'], { cwd: dir });
    assert.equal(h.code, 0, h.stderr);
    runs = h.json<{ runs: { exitCode?: number; status: string }[] }>().runs.filter((r) => r.status === 'STOPPED');
    if (runs.length >= N) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  assert.ok(runs.length >= N, `expected ${N} stopped runs, got ${runs.length}`);
  assert.ok(runs.every((r) => r.exitCode === 0));
});

test('run starts the failing job now: exit code 3, and history shows exit code 3 and its last log line', async () => {
  const r = await e.cli(['schedule', 'run', 'failing', ...FAST, '--output', 'json'], { cwd: dir });
  assert.equal(r.code, 3, r.stderr);
  const h = await e.cli(['schedule', 'history', 'failing', '--output', 'json'], { cwd: dir });
  const [last] = h.json<{ runs: { exitCode?: number; lastLine?: string; startedBy?: string }[] }>().runs;
  assert.equal(last?.exitCode, 3, h.stdout);
  assert.match(last?.lastLine ?? '', /EXIT_CODE=3/);
  const text = await e.cli(['schedule', 'history', 'failing'], { cwd: dir });
  assert.match(text.stdout, /\b3\b/);
  const check = await e.cli(['schedule', 'check', '--since', '1h', '--no-notify', '--output', 'json'], { cwd: dir });
  assert.equal(check.code, 1, check.stderr);
});

test('ls shows the next run in the job time zone and the last exit code', async () => {
  const r = await e.cli(['schedule', 'ls'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /failing\s+cron\(0 3 \* \* \? \*\)\s+ENABLED\s+\d{4}-\d\d-\d\d 03:00 Asia\/Tokyo/);
});

test('--prune removes only the schedules cortado manages that left the file', async () => {
  writeFileSync(join(dir, 'cortado.yml'), config(FAILING));
  const r = await e.cli(['schedule', 'apply', '--prune', '--output', 'json'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(
    r.json<{ changes: { kind: string; name: string }[] }>().changes.map((c) => `${c.kind} ${c.name}`),
    ['delete minutely'],
  );
  const ls = await e.cli(['schedule', 'ls', '--output', 'json'], { cwd: dir });
  assert.deepEqual(
    ls.json<{ jobs: { name: string }[] }>().jobs.map((j) => j.name),
    ['failing'],
  );
});

test('every call the schedule commands made is in cortado iam-policy', async () => {
  const { checked } = await e.assertIamCoverage();
  assert.ok(checked >= 5);
});
