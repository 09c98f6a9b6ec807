// Issue 12 figures: how long POST /_cortado/reset takes, and whether 1,000 create/reset cycles grow the sandbox's memory.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { startSandbox } from '../src/local/index.js';
import { liveContainerCount } from '../src/local/runtime/index.js';
import { createState, cycleClients } from '../test/local/reset/reset-cycle.js';
import type { BenchFigure } from './run.js';

export const title = 'Sandbox IV: reset';

const CYCLES = 1000;
const WARMUP = 50;
/** Every this many cycles the task's process is waited for, so resets also stop live processes. */
const RUNNING_EVERY = 50;

const quantile = (sorted: readonly number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
/** A full collection before each reading, so growth means retained memory, not garbage (npm run bench has no --expose-gc). */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

const settle = async (gc: () => void) => {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((r) => setTimeout(r, 50));
  }
  const m = process.memoryUsage();
  return { rss: m.rss, heap: m.heapUsed };
};

export async function run(): Promise<readonly BenchFigure[]> {
  const sandbox = await startSandbox({ port: 0, host: '127.0.0.1', speed: 100 });
  const clients = cycleClients(sandbox.endpoint);
  try {
    const resetOver = async () => {
      const t = performance.now();
      const res = await fetch(`${sandbox.endpoint}/_cortado/reset`, { method: 'POST' });
      if (res.status !== 200) throw new Error(`reset answered ${res.status}`);
      await res.arrayBuffer();
      return performance.now() - t;
    };
    for (let i = 0; i < WARMUP; i++) {
      await createState(clients, true);
      await resetOver();
    }
    const gc = collector();
    const before = await settle(gc);
    const times: number[] = [];
    const withProcess: number[] = [];
    for (let i = 0; i < CYCLES; i++) {
      await createState(clients, true);
      const waitForProcess = i % RUNNING_EVERY === 0;
      if (waitForProcess) {
        const deadline = Date.now() + 60_000;
        while (liveContainerCount() === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      }
      const ms = await resetOver();
      (waitForProcess ? withProcess : times).push(ms);
      if (liveContainerCount() !== 0) throw new Error(`cycle ${i}: ${liveContainerCount()} task processes outlived the reset`);
    }
    const after = await settle(gc);
    times.sort((a, b) => a - b);
    withProcess.sort((a, b) => a - b);
    return [
      { name: `reset p50 (POST /_cortado/reset, ${times.length} cycles)`, value: quantile(times, 0.5), unit: 'ms' },
      { name: 'reset p99', value: quantile(times, 0.99), unit: 'ms' },
      { name: `reset p50 with a running task process (${withProcess.length} cycles)`, value: quantile(withProcess, 0.5), unit: 'ms' },
      { name: `RSS before ${CYCLES} create/reset cycles`, value: before.rss / 1048576, unit: 'MiB' },
      { name: `RSS after ${CYCLES} create/reset cycles`, value: after.rss / 1048576, unit: 'MiB' },
      {
        name: 'RSS growth (after a full collection)',
        value: (after.rss - before.rss) / 1048576,
        unit: 'MiB',
        note: 'each cycle: ECS cluster, task definition, task, ALB, target group, listener port, log group, parameter',
      },
      { name: 'JS heap growth (after a full collection)', value: (after.heap - before.heap) / 1048576, unit: 'MiB' },
      { name: 'task processes left after the last reset', value: liveContainerCount(), unit: 'processes' },
    ];
  } finally {
    clients.destroy();
    await sandbox.close();
  }
}
