// Robustness: `schedule apply` killed (SIGKILL) at 20 random points, each after a random number of its own AWS calls: a re-run
// converges (a third apply changes nothing) and schedules cortado does not manage are never touched.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { CreateClusterCommand, RegisterTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import { CreateScheduleCommand, CreateScheduleGroupCommand, GetScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { type E2E, ROOT, startE2E } from '../e2e/e2e-harness.js';

const KILLS = 20;
let e: E2E;
let dir: string;
let scheduler: SchedulerClient;
const BIN = join(ROOT, 'bin/cortado.js');

const config = (group: string) => `region: us-east-1
cluster: batch
schedules:
  group: ${group}
  defaults: { task_definition: jobs }
  jobs:
    a: { schedule: rate(1 hour) }
    b: { schedule: cron(0 3 * * ? *), timezone: Europe/Paris, command: [echo, b] }
    c: { schedule: rate(1 day), enabled: false }
`;

const TARGET = (arn: string) => ({
  Arn: 'arn:aws:ecs:us-east-1:000000000000:cluster/batch',
  RoleArn: 'arn:aws:iam::000000000000:role/theirs',
  EcsParameters: { TaskDefinitionArn: arn },
});

before(async () => {
  e = await startE2E({ speed: 1 });
  dir = mkdtempSync(join(tmpdir(), 'cortado-e2e-kill-'));
  scheduler = new SchedulerClient({
    endpoint: e.sandbox.endpoint,
    region: e.sandbox.region,
    credentials: { accessKeyId: 'AKIAOTHERTEAM0000000', secretAccessKey: 'x' },
  });
  await e.ecs.send(new CreateClusterCommand({ clusterName: 'batch' }));
  const td = await e.ecs.send(
    new RegisterTaskDefinitionCommand({
      family: 'jobs',
      containerDefinitions: [{ name: 'job', image: 'cortado/demo-app:v1', essential: true, memory: 128 }],
    }),
  );
  const arn = td.taskDefinition!.taskDefinitionArn!;
  // What another team owns: a schedule in the default group and a group of its own, each with one schedule.
  await scheduler.send(new CreateScheduleGroupCommand({ Name: 'other-team' }));
  for (const GroupName of ['default', 'other-team'])
    await scheduler.send(
      new CreateScheduleCommand({
        Name: 'theirs',
        GroupName,
        ScheduleExpression: 'rate(1 hour)',
        FlexibleTimeWindow: { Mode: 'OFF' },
        Target: TARGET(arn),
      }),
    );
});

after(async () => {
  scheduler?.destroy();
  await e?.close();
});

/** Spawns apply and SIGKILLs it once the sandbox has recorded `afterCalls` calls of its own (or lets it finish). */
async function applyKilledAfter(afterCalls: number, cwd: string): Promise<{ killed: boolean }> {
  const since = await e.lastSeq();
  const child = spawn(process.execPath, [BIN, 'schedule', 'apply'], { cwd, env: e.env, stdio: 'ignore' });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let killed = false;
  let done = false;
  void exited.then(() => (done = true));
  while (!done) {
    if ((await e.calls(since)).length >= afterCalls) {
      killed = child.kill('SIGKILL');
      break;
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  await exited;
  return { killed };
}

test(`apply killed at ${KILLS} random points converges when run again (with --prune), and never touches unmanaged schedules`, async () => {
  writeFileSync(join(dir, 'cortado.yml'), config('probe'));
  const probeStart = await e.lastSeq();
  const full = await e.cli(['schedule', 'apply'], { cwd: dir });
  assert.equal(full.code, 0, full.stderr + full.stdout);
  const total = (await e.calls(probeStart)).length;
  assert.ok(total > 10, `a full apply made ${total} calls`);
  let killedRuns = 0;
  for (let i = 0; i < KILLS; i++) {
    const cwd = mkdtempSync(join(tmpdir(), `cortado-e2e-kill-${i}-`));
    writeFileSync(join(cwd, 'cortado.yml'), config(`kill-${i}`));
    const at = 1 + Math.floor(Math.random() * (total - 1));
    const { killed } = await applyKilledAfter(at, cwd);
    if (killed) killedRuns++;
    const again = await e.cli(['schedule', 'apply', '--prune', '--output', 'json'], { cwd });
    assert.equal(again.code, 0, `kill ${i} after ${at} calls: re-run failed: ${again.stderr}${again.stdout}`);
    const third = await e.cli(['schedule', 'apply', '--output', 'json'], { cwd });
    assert.equal(third.json<{ changed: boolean }>().changed, false, `kill ${i} after ${at} calls: not converged: ${third.stdout}`);
    const ls = await e.cli(['schedule', 'ls', '--output', 'json'], { cwd });
    assert.deepEqual(
      ls.json<{ jobs: { name: string; state: string }[] }>().jobs.map((j) => `${j.name} ${j.state}`),
      ['a ENABLED', 'b ENABLED', 'c DISABLED'],
    );
  }
  assert.ok(killedRuns >= KILLS / 2, `only ${killedRuns} of ${KILLS} runs were killed before they finished`);
  for (const GroupName of ['default', 'other-team']) {
    const s = await scheduler.send(new GetScheduleCommand({ Name: 'theirs', GroupName }));
    assert.equal(s.ScheduleExpression, 'rate(1 hour)');
  }
});
