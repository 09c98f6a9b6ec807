// POST /_cortado/reset and Sandbox.reset(): 200 create/reset cycles leave no task process, listener port or timer.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { ListClustersCommand } from '@aws-sdk/client-ecs';
import type { Sandbox } from '../../../src/local/index.js';
import { liveContainerCount } from '../../../src/local/runtime/index.js';
import { eventually, withSandbox } from '../../helpers/sandbox.js';
import { createState, cycleClients, type CycleClients } from './reset-cycle.js';

const CYCLES = 200;
/** Every this many cycles, wait until the task's process is up before resetting. */
const RUNNING_EVERY = 20;

/** Direct children of this process whose command line is the demo app. */
function demoChildren(): number[] {
  const out: number[] = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('demo-app')) out.push(Number(pid));
    } catch {
      /* gone */
    }
  }
  return out;
}

const servers = () => process.getActiveResourcesInfo().filter((r) => r === 'TCPServerWrap').length;

interface Health {
  readonly timers: number;
  readonly taskProcesses: number;
  readonly served: ReadonlyArray<{ readonly name: string; readonly operations: readonly string[] }>;
}
const health = async (sandbox: Sandbox) => (await (await fetch(`${sandbox.endpoint}/_cortado/health`)).json()) as Health;

describe('reset', () => {
  let sandbox: Sandbox;
  let clients: CycleClients;
  before(async () => {
    sandbox = await withSandbox({ speed: 100 });
    clients = cycleClients(sandbox.endpoint);
  });
  after(async () => {
    clients?.destroy();
    await sandbox?.close();
    assert.equal(liveContainerCount(), 0);
  });

  it('POST /_cortado/reset wipes every service and answers how long it took; GET is refused', async () => {
    await createState(clients, false);
    assert.equal((await clients.ecs.send(new ListClustersCommand({}))).clusterArns?.length, 1);
    const get = await fetch(`${sandbox.endpoint}/_cortado/reset`);
    assert.equal(get.status, 405);
    const res = await fetch(`${sandbox.endpoint}/_cortado/reset`, { method: 'POST' });
    assert.equal(res.status, 200);
    const body = (await res.json()) as { reset: boolean; ms: number };
    assert.equal(body.reset, true);
    assert.equal(typeof body.ms, 'number');
    assert.deepEqual((await clients.ecs.send(new ListClustersCommand({}))).clusterArns, []);
    const calls = (await (await fetch(`${sandbox.endpoint}/_cortado/calls`)).json()) as { calls: Array<{ operation: string }> };
    assert.deepEqual(
      calls.calls.map((c) => c.operation),
      ['ListClusters'],
      'the call log starts again too',
    );
  });

  it(`${CYCLES} create/reset cycles leave no task process, no listener port and no timer behind`, async () => {
    await createState(clients, false);
    await sandbox.reset();
    // A closed server leaves the active-handle list a moment after its close callback.
    await eventually(() => (servers() === 1 ? true : undefined), 10_000, 10, 'only the sandbox port listening');
    const baseline = { timers: (await health(sandbox)).timers };
    let sawProcess = 0;
    for (let i = 0; i < CYCLES; i++) {
      await createState(clients, true);
      if (i % RUNNING_EVERY === 0) {
        await eventually(() => (demoChildren().length > 0 ? true : undefined), 60_000, 20, `cycle ${i}: the task's process`);
        sawProcess++;
      }
      await sandbox.reset();
      assert.equal(liveContainerCount(), 0, `cycle ${i}: a task process outlived the reset`);
      assert.deepEqual(demoChildren(), [], `cycle ${i}: a demo-app child outlived the reset`);
    }
    const end = await health(sandbox);
    assert.equal(sawProcess, CYCLES / RUNNING_EVERY);
    assert.equal(end.taskProcesses, 0);
    assert.equal(end.timers, baseline.timers, 'pending sandbox timers grew');
    await eventually(() => (servers() === 1 ? true : undefined), 10_000, 10, "no listener port left but the sandbox's own");
  });

  it('lists the served services and their operations at /_cortado/health', async () => {
    const h = await health(sandbox);
    const ecs = h.served.find((s) => s.name === 'ecs');
    assert.ok(ecs?.operations.includes('RunTask'));
    assert.ok(ecs?.operations.includes('ListAccountSettings'));
    assert.ok(!ecs?.operations.includes('UpdateContainerInstancesState'));
  });
});
