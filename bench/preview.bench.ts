// Issue 6 figures: with 100 ms of sandbox latency per call, wall time and sequential round trips of `env create` (no wait) and `env delete`.
import { systemClock } from '../src/core/clock.js';
import { silentHost } from '../src/core/io-host.js';
import { createEnv } from '../src/preview/create-env.js';
import { deleteEnv } from '../src/preview/delete-env.js';
import type { PreviewDeps } from '../src/preview/preview-deps.js';
import { createPreviewAws } from '../src/preview/sdk-preview-aws.js';
import { callsSince, lastSeq, previewConfig, sequentialRoundTrips, setLatency, setupReference, testClientConfig } from '../test/preview/preview-fixtures.js';
import type { BenchFigure } from './run.js';
import { startSandboxProcess } from './sandbox-process.js';

export const title = 'Preview environments: create and delete with 100 ms per AWS call';

const LATENCY_MS = 100;
const RUNS = 5;

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

interface Sample { readonly ms: number; readonly trips: number; readonly calls: number }

async function measure(endpoint: string, work: () => Promise<unknown>): Promise<Sample> {
  const since = await lastSeq(endpoint);
  const t0 = performance.now();
  await work();
  const ms = performance.now() - t0;
  const calls = await callsSince(endpoint, since);
  return { ms, trips: sequentialRoundTrips(calls), calls: calls.length };
}

export async function run(): Promise<readonly BenchFigure[]> {
  const sandbox = await startSandboxProcess(['--speed', '50']);
  try {
    const { listenerArn } = await setupReference(sandbox.endpoint, 'us-east-1');
    const deps: PreviewDeps = { aws: await createPreviewAws(testClientConfig(sandbox.endpoint, 'us-east-1')), config: previewConfig(listenerArn), io: silentHost, clock: systemClock };
    const signal = new AbortController().signal;
    // One warm-up round without latency: module loading and connection set-up are not what we measure.
    await createEnv(deps, { name: 'warm-up', image: { kind: 'tag', value: 'v2' }, environment: {} }, signal);
    await deleteEnv(deps, 'warm-up', {}, signal);
    await setLatency(sandbox.endpoint, LATENCY_MS);
    const creates: Sample[] = [];
    const updates: Sample[] = [];
    const deletes: Sample[] = [];
    for (let i = 0; i < RUNS; i++) {
      const name = `feature/BENCH-${i}_measure create`;
      creates.push(await measure(sandbox.endpoint, () => createEnv(deps, { name, image: { kind: 'tag', value: 'v2' }, environment: {} }, signal)));
      updates.push(await measure(sandbox.endpoint, () => createEnv(deps, { name, image: { kind: 'tag', value: 'v3' }, environment: {} }, signal)));
      deletes.push(await measure(sandbox.endpoint, () => deleteEnv(deps, name, {}, signal)));
    }
    const figures = (what: string, samples: readonly Sample[], target?: string): BenchFigure[] => [
      { name: `${what}: wall time (median of ${RUNS})`, value: median(samples.map((s) => s.ms)) / 1000, unit: 's', ...(target ? { note: target } : {}) },
      { name: `${what}: sequential round trips`, value: median(samples.map((s) => s.trips)), unit: 'calls', note: `${median(samples.map((s) => s.trips)) * LATENCY_MS} ms of latency alone` },
      { name: `${what}: API calls in all`, value: median(samples.map((s) => s.calls)), unit: 'calls' },
    ];
    return [
      ...figures('env create (new environment, no --wait)', creates, 'target <= 1.0 s; EDEN ~3 s'),
      ...figures('env create again with a new image (revision + update)', updates),
      ...figures('env delete', deletes, 'target <= 1.0 s; EDEN ~2 s'),
    ];
  } finally {
    await sandbox.stop();
  }
}
