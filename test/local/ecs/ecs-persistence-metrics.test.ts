import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sandbox } from '../../../src/local/index.js';
import { createCloudWatchService } from '../../../src/local/services/cloudwatch/cloudwatch-service.js';
import {
  cli,
  closeEcs,
  describeService,
  describeServiceCli,
  describeTasks,
  ipOf,
  listTasks,
  NETWORK,
  registerDemo,
  startEcs,
  waitFor,
} from './ecs-fixtures.js';

const CLUSTER = 'keep';

const completed = (sandbox: Sandbox) =>
  waitFor('COMPLETED with 2 running', async () => {
    const s = await describeService(sandbox, CLUSTER, 'web');
    return s.deployments[0]?.rolloutState === 'COMPLETED' && s.runningCount === 2 ? s : undefined;
  });

describe('ECS state across a sandbox restart (--state-dir), and AWS/ECS metrics', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cortado-ecs-state-'));
  let sandbox: Sandbox | undefined;
  after(async () => {
    await closeEcs(sandbox);
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps clusters, services and deployments, and restarts the running tasks as new processes', async () => {
    sandbox = await startEcs([], { stateDir: dir });
    await cli(sandbox, ['ecs', 'create-cluster', '--cluster-name', CLUSTER]);
    const td = await registerDemo(sandbox, { family: 'kept' });
    await cli(sandbox, [
      'ecs',
      'create-service',
      '--cluster',
      CLUSTER,
      '--service-name',
      'web',
      '--task-definition',
      td,
      '--desired-count',
      '2',
      '--launch-type',
      'FARGATE',
      '--network-configuration',
      NETWORK,
    ]);
    const before = await completed(sandbox);
    const tasksBefore = (await listTasks(sandbox, CLUSTER, { serviceName: 'web' })).sort();
    await closeEcs(sandbox);

    sandbox = await startEcs([], { stateDir: dir });
    const restored = await describeServiceCli(sandbox, CLUSTER, 'web');
    assert.equal(restored.deployments[0]!.id, before.deployments[0]!.id);
    assert.equal(restored.taskDefinition, td);
    const tasks = await waitFor('the same tasks RUNNING again', async () => {
      const ts = await describeTasks(sandbox!, CLUSTER, tasksBefore);
      return ts.length === 2 && ts.every((t) => t.lastStatus === 'RUNNING') ? ts : undefined;
    });
    // RUNNING is not listening yet (on AWS neither): each restarted app is asked until it answers.
    for (const t of tasks) {
      const body = await waitFor(`task ${ipOf(t)} answering`, async () => {
        const res = await fetch(`http://${ipOf(t)}:8080/`).catch(() => undefined);
        return res ? ((await res.json()) as { taskId: string }) : undefined;
      });
      assert.equal(body.taskId, t.taskArn.split('/').pop());
    }
    assert.deepEqual((await listTasks(sandbox, CLUSTER, { serviceName: 'web' })).sort(), tasksBefore, 'no replacement tasks were needed');
    await closeEcs(sandbox);
    sandbox = undefined;
  });

  it('publishes CPUUtilization and MemoryUtilization per service every simulated minute', async () => {
    // A sandbox the test before left open (it failed midway) is closed first: an open sandbox keeps this file's process alive.
    await sandbox?.close();
    sandbox = await startEcs([createCloudWatchService]);
    await cli(sandbox, ['ecs', 'create-cluster', '--cluster-name', CLUSTER]);
    const td = await registerDemo(sandbox, { family: 'measured' });
    const start = new Date(Date.now() - 60_000).toISOString();
    await cli(sandbox, [
      'ecs',
      'create-service',
      '--cluster',
      CLUSTER,
      '--service-name',
      'web',
      '--task-definition',
      td,
      '--desired-count',
      '2',
      '--launch-type',
      'FARGATE',
      '--network-configuration',
      NETWORK,
    ]);
    await completed(sandbox);
    const stats = (metric: string) =>
      cli(sandbox!, [
        'cloudwatch',
        'get-metric-statistics',
        '--namespace',
        'AWS/ECS',
        '--metric-name',
        metric,
        '--dimensions',
        `Name=ClusterName,Value=${CLUSTER}`,
        'Name=ServiceName,Value=web',
        '--start-time',
        start,
        '--end-time',
        new Date(Date.now() + 60_000).toISOString(),
        '--period',
        '60',
        '--statistics',
        'Average',
        'SampleCount',
      ]);
    const points = await waitFor('CPU and memory datapoints', async () => {
      const [cpu, mem] = await Promise.all([stats('CPUUtilization'), stats('MemoryUtilization')]);
      const c = cpu.Datapoints as Array<{ Average: number; Unit: string }>;
      const m = mem.Datapoints as Array<{ Average: number; Unit: string }>;
      return c.length > 0 && m.length > 0 ? { c, m } : undefined;
    });
    assert.equal(points.m[0]!.Unit, 'Percent');
    // A demo-app process holds some tens of MiB: a few percent of the task's 512 MiB, never more than all of it.
    assert.ok(points.m[0]!.Average > 0.5 && points.m[0]!.Average < 100, `memory ${points.m[0]!.Average}`);
    assert.ok(points.c[0]!.Average >= 0 && points.c[0]!.Average < 400, `cpu ${points.c[0]!.Average}`);
  });
});
