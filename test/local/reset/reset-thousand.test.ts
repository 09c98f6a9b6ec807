// 1,000 create/reset cycles through POST /_cortado/reset (an ECS cluster and service, a VPC): no task process, no timer
// and no heap growth left behind. 950 cycles create API state only (the service asks for no task); every 20th cycle
// (50 in all) runs the service's task as a real process and waits for it before resetting, to keep the run near 3 min.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  CreateClusterCommand,
  CreateServiceCommand,
  ECSClient,
  ListClustersCommand,
  RegisterTaskDefinitionCommand,
} from '@aws-sdk/client-ecs';
import type { Sandbox } from '../../../src/local/index.js';
import { liveContainerCount } from '../../../src/local/runtime/index.js';
import { eventually, sdkConfig, withSandbox } from '../../helpers/sandbox.js';

const CYCLES = 1000;
const RUNNING_EVERY = 20;
/**
 * Heap samples start after this many cycles: the heap still rises for a few hundred cycles as code warms up (measured
 * over 3,000 API cycles: 20.9 MiB at 0, 24.5 at 500, 25.0 at 1,000, then flat within ±0.3 MiB to 3,000).
 */
const WARM_UP = 300;
const SAMPLE_EVERY = 50;
/**
 * 4 KiB per cycle over the 700 measured cycles would be 2.8 MiB kept: growth, not warm-up noise. Keeping a reset's old
 * services (their state, seams and dispatcher) would cost far more than that per cycle.
 */
const MAX_SLOPE_BYTES_PER_CYCLE = 4096;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Least-squares slope of y over x. */
function slope(points: ReadonlyArray<readonly [number, number]>): number {
  const n = points.length;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const num = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const den = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return num / den;
}

describe('reset: 1,000 cycles', () => {
  let sandbox: Sandbox;
  let ecs: ECSClient;
  const client = (region: string) => sdkConfig(sandbox, { region, maxAttempts: 1 });
  before(async () => {
    sandbox = await withSandbox({ speed: 100 });
    ecs = new ECSClient(client('us-east-1'));
  });
  after(async () => {
    ecs?.destroy();
    await sandbox?.close();
    assert.equal(liveContainerCount(), 0);
  });

  /** EC2's Query dialect by hand (unsigned: the sandbox's own region). */
  const ec2 = async (params: Record<string, string>): Promise<string> => {
    const res = await fetch(sandbox.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: new URLSearchParams({ Version: '2016-11-15', ...params }).toString(),
    });
    const text = await res.text();
    assert.equal(res.status, 200, text);
    return text;
  };

  const reset = async () => {
    const res = await fetch(`${sandbox.endpoint}/_cortado/reset`, { method: 'POST' });
    assert.equal(res.status, 200);
    return ((await res.json()) as { ms: number }).ms;
  };

  async function cycle(withTask: boolean): Promise<void> {
    await ecs.send(new CreateClusterCommand({ clusterName: 'cycle' }));
    await ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'cycle',
        networkMode: 'awsvpc',
        requiresCompatibilities: ['FARGATE'],
        cpu: '256',
        memory: '512',
        containerDefinitions: [{ name: 'app', image: 'cortado/demo-app:v1', essential: true, portMappings: [{ containerPort: 8080 }] }],
      }),
    );
    await ecs.send(
      new CreateServiceCommand({
        cluster: 'cycle',
        serviceName: 'cycle',
        taskDefinition: 'cycle',
        desiredCount: withTask ? 1 : 0,
        launchType: 'FARGATE',
        networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-0123456789abcdef0'] } },
      }),
    );
    await ec2({ Action: 'CreateVpc', CidrBlock: '10.0.0.0/16' });
  }

  it('wipes every region: a cluster made in eu-central-1 is gone after a reset', async () => {
    const eu = new ECSClient(client('eu-central-1'));
    try {
      await eu.send(new CreateClusterCommand({ clusterName: 'eu' }));
      assert.deepEqual((await eu.send(new ListClustersCommand({}))).clusterArns, ['arn:aws:ecs:eu-central-1:000000000000:cluster/eu']);
      assert.deepEqual((await ecs.send(new ListClustersCommand({}))).clusterArns, []);
      await reset();
      assert.deepEqual((await eu.send(new ListClustersCommand({}))).clusterArns, []);
    } finally {
      eu.destroy();
    }
  });

  it(`${CYCLES} cycles leave no task process, no timer and no heap growth`, async (t) => {
    await cycle(false);
    await reset();
    const baselineTimers = ((await (await fetch(`${sandbox.endpoint}/_cortado/health`)).json()) as { timers: number }).timers;
    const samples: Array<[number, number]> = [];
    const resetMs: number[] = [];
    let running = 0;
    for (let i = 0; i < CYCLES; i++) {
      const withTask = i % RUNNING_EVERY === 0;
      await cycle(withTask);
      if (withTask) {
        await eventually(() => (liveContainerCount() > 0 ? true : undefined), 60_000, 20, `cycle ${i}: the service's task process`);
        running++;
      }
      resetMs.push(await reset());
      assert.equal(liveContainerCount(), 0, `cycle ${i}: a task process outlived the reset`);
      if (i % 100 === 99) {
        const vpcs = await ec2({ Action: 'DescribeVpcs' });
        assert.deepEqual(
          vpcs.match(/<isDefault>\w+<\/isDefault>/g),
          ['<isDefault>true</isDefault>'],
          `cycle ${i}: only the default VPC after a reset`,
        );
      }
      if (i >= WARM_UP && (i - WARM_UP) % SAMPLE_EVERY === 0) {
        gc();
        samples.push([i, process.memoryUsage().heapUsed]);
      }
    }
    const health = (await (await fetch(`${sandbox.endpoint}/_cortado/health`)).json()) as { timers: number; taskProcesses: number };
    assert.equal(running, CYCLES / RUNNING_EVERY);
    assert.equal(health.taskProcesses, 0);
    assert.equal(health.timers, baselineTimers, 'pending sandbox timers grew');
    const bytesPerCycle = slope(samples);
    const sorted = [...resetMs].sort((a, b) => a - b);
    t.diagnostic(
      `heap slope ${bytesPerCycle.toFixed(0)} B/cycle over ${samples.length} samples (cycles ${WARM_UP}..${CYCLES - 1}); ` +
        `heap ${(samples[0]![1] / 2 ** 20).toFixed(1)} → ${(samples.at(-1)![1] / 2 ** 20).toFixed(1)} MiB; ` +
        `reset p50 ${sorted[Math.floor(sorted.length / 2)]!.toFixed(2)} ms, p99 ${sorted[Math.floor(sorted.length * 0.99)]!.toFixed(2)} ms`,
    );
    assert.ok(bytesPerCycle < MAX_SLOPE_BYTES_PER_CYCLE, `heap grows ${bytesPerCycle.toFixed(0)} bytes per cycle`);
  });
});
