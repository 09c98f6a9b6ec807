// Issue 6 figures: with 100 ms of sandbox latency per call, wall time and sequential round trips of `env create` (no wait) and `env delete`.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { systemClock } from '../src/core/clock.js';
import { silentHost } from '../src/core/io-host.js';
import { createEnv } from '../src/preview/create-env.js';
import { deleteEnv } from '../src/preview/delete-env.js';
import type { PreviewDeps } from '../src/preview/preview-deps.js';
import { previewAws } from '../src/preview/preview-aws.js';
import {
  callsSince,
  lastSeq,
  previewConfig,
  sequentialRoundTrips,
  setLatency,
  setupReference,
  testClients,
} from '../test/preview/preview-fixtures.js';
import type { BenchFigure } from './run.js';
import { startSandboxProcess } from './sandbox-process.js';

export const title = 'Preview environments: create and delete with 100 ms per AWS call';

const LATENCY_MS = 100;
const RUNS = 5;

const bin = fileURLToPath(new URL('../bin/cortado.js', import.meta.url));
const run$ = promisify(execFile);

/** `cortado env ...` as a user runs it: a new Node process each time (start-up and SDK loading included). */
async function cli(endpoint: string, cwd: string, args: readonly string[]): Promise<void> {
  await run$(process.execPath, [bin, ...args], {
    cwd,
    env: {
      ...process.env,
      AWS_ENDPOINT_URL: endpoint,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'bench',
      AWS_SECRET_ACCESS_KEY: 'bench',
    },
  });
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

interface Sample {
  readonly ms: number;
  readonly trips: number;
  readonly calls: number;
  readonly beforeFirstCallMs: number;
}

async function measure(endpoint: string, work: () => Promise<unknown>): Promise<Sample> {
  const since = await lastSeq(endpoint);
  const wall0 = Date.now();
  const t0 = performance.now();
  await work();
  const ms = performance.now() - t0;
  const calls = await callsSince(endpoint, since);
  const first = Math.min(...calls.map((c) => Date.parse(c.time)));
  return { ms, trips: sequentialRoundTrips(calls), calls: calls.length, beforeFirstCallMs: first - wall0 };
}

export async function run(): Promise<readonly BenchFigure[]> {
  const sandbox = await startSandboxProcess(['--speed', '50']);
  try {
    const { listenerArn } = await setupReference(sandbox.endpoint, 'us-east-1');
    const deps: PreviewDeps = {
      aws: await previewAws(testClients(sandbox.endpoint, 'us-east-1')),
      config: previewConfig(listenerArn),
      io: silentHost,
      clock: systemClock,
    };
    const signal = new AbortController().signal;
    // One warm-up round without latency: module loading and connection set-up are not what we measure.
    await createEnv(deps, { name: 'warm-up', image: { kind: 'tag', tag: 'v2' }, environment: {} }, signal);
    await deleteEnv(deps, 'warm-up', {}, signal);
    await setLatency(sandbox.endpoint, LATENCY_MS);
    const creates: Sample[] = [];
    const updates: Sample[] = [];
    const deletes: Sample[] = [];
    for (let i = 0; i < RUNS; i++) {
      const name = `feature/BENCH-${i}_measure create`;
      creates.push(
        await measure(sandbox.endpoint, () => createEnv(deps, { name, image: { kind: 'tag', tag: 'v2' }, environment: {} }, signal)),
      );
      updates.push(
        await measure(sandbox.endpoint, () => createEnv(deps, { name, image: { kind: 'tag', tag: 'v3' }, environment: {} }, signal)),
      );
      deletes.push(await measure(sandbox.endpoint, () => deleteEnv(deps, name, {}, signal)));
    }
    const figures = (what: string, samples: readonly Sample[], target?: string): BenchFigure[] => [
      {
        name: `${what}: wall time (median of ${RUNS})`,
        value: median(samples.map((s) => s.ms)) / 1000,
        unit: 's',
        ...(target ? { note: target } : {}),
      },
      {
        name: `${what}: sequential round trips`,
        value: median(samples.map((s) => s.trips)),
        unit: 'calls',
        note: `${median(samples.map((s) => s.trips)) * LATENCY_MS} ms of latency alone`,
      },
      { name: `${what}: API calls in all`, value: median(samples.map((s) => s.calls)), unit: 'calls' },
    ];
    const dir = mkdtempSync(join(tmpdir(), 'cortado-bench-'));
    writeFileSync(
      join(dir, 'cortado.yml'),
      `preview: ${JSON.stringify({ reference: 'dev/web', listener_arn: listenerArn, domain: deps.config.domain, app: 'web' })}\n`,
    );
    const cliCreates: Sample[] = [];
    const cliDeletes: Sample[] = [];
    for (let i = 0; i < 3; i++) {
      cliCreates.push(await measure(sandbox.endpoint, () => cli(sandbox.endpoint, dir, ['env', 'create', `cli-${i}`, '--tag', 'v2'])));
      cliDeletes.push(await measure(sandbox.endpoint, () => cli(sandbox.endpoint, dir, ['env', 'delete', `cli-${i}`])));
    }
    return [
      ...figures('env create (new environment, no --wait)', creates, 'target <= 1.0 s; EDEN ~3 s'),
      ...figures('env create again with a new image (revision + update)', updates),
      ...figures('env delete', deletes, 'target <= 1.0 s; EDEN ~2 s'),
      {
        name: 'cortado env create as a process (Node start-up included, median of 3)',
        value: median(cliCreates.map((s) => s.ms)) / 1000,
        unit: 's',
        note: `${median(cliCreates.map((s) => s.trips))} round trips`,
      },
      {
        name: 'cortado env delete as a process (Node start-up included, median of 3)',
        value: median(cliDeletes.map((s) => s.ms)) / 1000,
        unit: 's',
        note: `${median(cliDeletes.map((s) => s.trips))} round trips`,
      },
      {
        name: '  of which: process start, module loading and config before the first AWS call',
        value: median([...cliCreates, ...cliDeletes].map((s) => s.beforeFirstCallMs)) / 1000,
        unit: 's',
      },
    ];
  } finally {
    await sandbox.stop();
  }
}
