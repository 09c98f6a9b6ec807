// End to end: `cortado autoscale run --output json` as a process against the sandbox — JSON lines per poll, a scale-out,
// and Ctrl-C (SIGINT) exits 130 having given the lease back.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LEASE_TAG } from '../../src/autoscale/controller.js';
import { decodeLease } from '../../src/ecs/lease.js';
import { readTags } from '../../src/ecs/service-tags.js';
import { assertBuilt, ROOT } from '../e2e/e2e-harness.js';
import { actorKey, assertCallsInTable, recordedCalls } from '../helpers/iam-coverage.js';
import { eventually } from '../helpers/sandbox.js';
import { createService, startWorld, type World } from './autoscale-world.js';

let w: World;
before(async () => {
  assertBuilt();
  w = await startWorld(10);
});
after(async () => {
  await w?.close();
});

test('autoscale run: JSON lines, a scale-out, Ctrl-C exits 130 and gives the lease back', { timeout: 120_000 }, async () => {
  await createService(w, 'cli', 'app', 2);
  w.load.set({ active: 10, rate: 0 });
  const dir = mkdtempSync(join(tmpdir(), 'cortado-as-cli-'));
  writeFileSync(
    join(dir, 'cortado.yml'),
    'region: us-east-1\ncluster: cli\nautoscale:\n  service: app\n  source: { kind: nginx, port: 8080 }\n  target: 10\n  min: 2\n  max: 8\n  poll: 300ms\n  lease: 3s\n',
  );
  const key = actorKey('clirun');
  const child = spawn(process.execPath, [join(ROOT, 'bin/cortado.js'), 'autoscale', 'run', '--output', 'json'], {
    cwd: dir,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      AWS_ENDPOINT_URL: w.sandbox.endpoint,
      AWS_ACCESS_KEY_ID: key,
      AWS_SECRET_ACCESS_KEY: 'x',
      AWS_EC2_METADATA_DISABLED: 'true',
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
  const lines = () =>
    stdout
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as { role: string; desired?: number; load?: number; tasks?: unknown[]; action?: { to: number } });
  try {
    await eventually(
      () => (lines().filter((l) => l.tasks?.length === 2).length >= 2 ? true : undefined),
      60_000,
      50,
      `two polls\n${stderr}`,
    );
    assert.deepEqual(Object.keys(lines().at(-1)!).slice(0, 3), ['time', 'role', 'service']);
    w.load.set({ active: 50, rate: 0 });
    const acted = await eventually(() => lines().find((l) => l.action), 30_000, 50, 'a scale-out line');
    assert.equal(acted.action!.to, 5);
    const ecs = await w.admin.ecs();
    const arn = (await ecs.describeServices({ cluster: 'cli', services: ['app'] })).services![0]!.serviceArn!;
    assert.ok(decodeLease(await readTags(ecs, arn, new AbortController().signal), LEASE_TAG), 'it holds the lease');
    child.kill('SIGINT');
    assert.equal(await exited, 130, stderr);
    assert.match(stdout + stderr, /interrupted by SIGINT: the lease was given back/);
    assert.equal(decodeLease(await readTags(ecs, arn, new AbortController().signal), LEASE_TAG), undefined, 'the lease is given back');
    assertCallsInTable('autoscale run', await recordedCalls(w.sandbox.endpoint, { accessKeyId: key }));
  } finally {
    child.kill('SIGKILL');
  }
});
