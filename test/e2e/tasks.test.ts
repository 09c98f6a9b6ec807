// `cortado tasks` end to end: the family's tasks listed, one traced (timeline, exit code, last log lines), one stopped.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { CreateClusterCommand, DescribeTasksCommand } from '@aws-sdk/client-ecs';
import { CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { type E2E, freePortGuess, startE2E } from './e2e-harness.js';

let e: E2E;
let dir: string;

before(async () => {
  e = await startE2E();
  dir = mkdtempSync(join(tmpdir(), 'cortado-e2e-tasks-'));
  await e.ecs.send(new CreateClusterCommand({ clusterName: 'work' }));
  await e.logs.send(new CreateLogGroupCommand({ logGroupName: '/ecs/work' }));
  writeFileSync(join(dir, 'cortado.yml'), 'region: us-east-1\ncluster: work\ntask_definition: task.yml\nservice_definition: service.yml\n');
  writeFileSync(join(dir, 'service.yml'), 'launchType: FARGATE\nnetworkConfiguration:\n  awsvpcConfiguration:\n    subnets: [subnet-1]\n');
  writeFileSync(
    join(dir, 'task.yml'),
    `family: work
networkMode: awsvpc
requiresCompatibilities: [FARGATE]
cpu: 256
memory: 512
executionRoleArn: arn:aws:iam::000000000000:role/work-execution
containerDefinitions:
  - name: app
    image: cortado/demo-app:v1
    portMappings: [{ containerPort: ${freePortGuess()} }]
    logConfiguration:
      logDriver: awslogs
      options: { awslogs-group: /ecs/work, awslogs-region: us-east-1, awslogs-stream-prefix: work }
`,
  );
});

after(async () => {
  await e?.close();
});

const overrides = (envs: Record<string, string>) =>
  JSON.stringify({ containerOverrides: [{ name: 'app', environment: Object.entries(envs).map(([name, value]) => ({ name, value })) }] });

test('tasks lists the family; --trace shows a stopped task’s timeline, exit code and last lines; --stop needs --force and stops', async () => {
  const failed = await e.cli(
    ['run', '--poll-interval', '150ms', '--timeout', '2m', '--overrides', overrides({ EXIT_CODE: '7' }), '--output', 'json'],
    {
      cwd: dir,
    },
  );
  assert.equal(failed.code, 7, `${failed.stdout}\n${failed.stderr}`);
  const failedId = failed.json<{ taskArns: string[] }>().taskArns[0]!.replace(/^.*\//, '');
  const started = await e.cli(['run', '--latest-task-definition', '--no-wait', '--output', 'json'], { cwd: dir });
  assert.equal(started.code, 0, started.stderr);
  const runningArn = started.json<{ taskArns: string[] }>().taskArns[0]!;
  const runningId = runningArn.replace(/^.*\//, '');

  const list = await e.cli(['tasks', '--output', 'json'], { cwd: dir });
  assert.equal(list.code, 0, list.stderr);
  const ids = list.json<{ tasks: { taskId: string; desiredStatus: string }[] }>().tasks.map((t) => t.taskId);
  assert.deepEqual(new Set(ids), new Set([failedId, runningId]));
  const table = await e.cli(['tasks'], { cwd: dir });
  assert.match(table.stdout, /TASK DEFINITION/);
  assert.match(table.stdout, new RegExp(runningId));

  const trace = await e.cli(['tasks', '--id', failedId, '--trace'], { cwd: dir });
  assert.equal(trace.code, 0, trace.stderr);
  assert.match(trace.stdout, /created/);
  assert.match(trace.stdout, /stopped/);
  assert.match(trace.stdout, /container app: exit code 7/);
  assert.match(trace.stdout, /exiting with EXIT_CODE=7/);

  const ambiguous = await e.cli(['tasks', '--trace', '--find'], { cwd: dir });
  assert.equal(ambiguous.code, 2, ambiguous.stderr);
  assert.deepEqual(ambiguous.calls, []);
  const unknown = await e.cli(['tasks', '--id', 'ffffffffffffffffffffffffffffffff', '--find'], { cwd: dir });
  assert.equal(unknown.code, 2, unknown.stderr);
  assert.match(unknown.stderr, /not among the family's/);

  const noForce = await e.cli(['tasks', '--id', runningId, '--stop'], { cwd: dir });
  assert.equal(noForce.code, 2, noForce.stderr);
  assert.ok(!noForce.calls.some((c) => c.operation === 'StopTask'));
  const stop = await e.cli(['tasks', '--id', runningId, '--stop', '--force'], { cwd: dir });
  assert.equal(stop.code, 0, stop.stderr);
  assert.ok(stop.calls.some((c) => c.operation === 'StopTask'));
  const after = await e.ecs.send(new DescribeTasksCommand({ cluster: 'work', tasks: [runningArn] }));
  assert.equal(after.tasks?.[0]?.desiredStatus, 'STOPPED');

  const { actions } = await e.assertIamCoverage();
  for (const a of ['ecs:ListTasks', 'ecs:DescribeTasks', 'ecs:StopTask', 'logs:GetLogEvents']) assert.ok(actions.has(a), a);
});
