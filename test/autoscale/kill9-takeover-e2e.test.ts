// Acceptance 3 with real processes: two `cortado autoscale run` against the sandbox, the lease holder SIGKILLed (no
// clean-up runs); the standby takes the lease once it lapses, within the lease time, and no UpdateService is repeated.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LEASE_TAG } from '../../src/autoscale/controller.js';
import { decodeLease } from '../../src/ecs/lease.js';
import { readTags } from '../../src/ecs/service-tags.js';
import { leaseSettleMs } from '../../src/ecs/tag-lease.js';
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

const LEASE_MS = 4_000;
const POLL_MS = 300;

interface Line {
  readonly role: string;
  readonly holder?: string;
  readonly desired?: number;
  readonly action?: { readonly to: number };
}

interface Replica {
  readonly key: string;
  readonly child: ChildProcessWithoutNullStreams;
  lines(): Line[];
  readonly stderr: () => string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function replica(dir: string, name: string): Replica {
  const key = actorKey(name);
  const child = spawn(process.execPath, [join(ROOT, 'bin/cortado.js'), 'autoscale', 'run', '--output', 'json'], {
    cwd: dir,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      AWS_ENDPOINT_URL: w.sandbox.endpoint,
      AWS_ACCESS_KEY_ID: key,
      AWS_SECRET_ACCESS_KEY: 'x',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
    child.on('close', (code, signal) => r({ code, signal })),
  );
  return {
    key,
    child,
    lines: () =>
      stdout
        .split('\n')
        .filter((l) => l.trim().startsWith('{'))
        .map((l) => JSON.parse(l) as Line),
    stderr: () => stderr,
    exited,
  };
}

test(
  'kill -9 of the acting controller process: the standby process takes over within the lease, no UpdateService repeated',
  { timeout: 240_000 },
  async (t) => {
    await createService(w, 'k9', 'app', 2);
    w.load.set({ active: 10, rate: 0 });
    const dir = mkdtempSync(join(tmpdir(), 'cortado-as-k9-'));
    writeFileSync(
      join(dir, 'cortado.yml'),
      `region: us-east-1\ncluster: k9\nautoscale:\n  service: app\n  source: { kind: nginx, port: 8080 }\n  target: 10\n  min: 2\n  max: 10\n` +
        `  poll: ${POLL_MS}ms\n  lease: ${LEASE_MS / 1000}s\n  scale_out: { panic_threshold: 1.1 }\n  scale_in: { stabilization: 10m }\n`,
    );
    const ecs = await w.admin.ecs();
    const arn = (await ecs.describeServices({ cluster: 'k9', services: ['app'] })).services![0]!.serviceArn!;
    const lease = async () => decodeLease(await readTags(ecs, arn, new AbortController().signal), LEASE_TAG);
    const updates = async (key: string) =>
      (await recordedCalls(w.sandbox.endpoint, { accessKeyId: key })).filter((c) => c.operation === 'UpdateService');

    const a = replica(dir, 'k9replicaa');
    let b: Replica | undefined;
    try {
      await eventually(() => (a.lines().some((l) => l.role === 'active') ? true : undefined), 60_000, 50, `a acts\n${a.stderr()}`);
      const aOwner = (await lease())!.owner;
      b = replica(dir, 'k9replicab');
      const standby = await eventually(() => b!.lines().find((l) => l.role === 'standby'), 60_000, 50, `b stands by\n${b.stderr()}`);
      assert.equal(standby.holder, aOwner, 'b names the holder');

      w.load.set({ active: 40, rate: 0 });
      await eventually(() => a.lines().find((l) => l.action?.to === 4), 30_000, 50, 'a scales to 4');
      assert.equal((await updates(b.key)).length, 0, 'the standby does not act');

      const held = (await lease())!;
      a.child.kill('SIGKILL');
      const killedAt = Date.now();
      assert.equal((await a.exited).signal, 'SIGKILL');
      const aUpdates = (await updates(a.key)).length;
      assert.equal(aUpdates, a.lines().filter((l) => l.action).length, 'a made one UpdateService per decision it printed');

      const taken = await eventually(
        async () => {
          const l = await lease();
          return l && l.owner !== aOwner ? l : undefined;
        },
        60_000,
        20,
        `b takes the lease\n${b.stderr()}`,
      );
      // b wrote its lease at until − lease: not before a's lapsed, and within the lease time of the kill (a's lease had at
      // most that long to run; b wakes for its end and lets its own write settle).
      const tookAt = taken.until - LEASE_MS;
      assert.ok(tookAt >= held.until, `b took over at ${tookAt}, before a's lease ran out at ${held.until}`);
      const slack = leaseSettleMs(LEASE_MS) + 4 * POLL_MS + 2_000;
      assert.ok(tookAt - killedAt <= LEASE_MS + slack, `b took over ${tookAt - killedAt} ms after the kill (lease ${LEASE_MS} ms)`);
      t.diagnostic(`b took the lease ${tookAt - killedAt} ms after the kill (a's lease ran ${held.until - killedAt} ms more)`);
      await eventually(() => (b!.lines().some((l) => l.role === 'active') ? true : undefined), 30_000, 50, 'b acts');

      // The load has not changed: the service is already sized for it, so b does not repeat a's UpdateService.
      const bActive = () => b!.lines().filter((l) => l.role === 'active');
      await eventually(() => (bActive().length >= 5 ? true : undefined), 30_000, 50, 'b polls five times');
      assert.equal((await updates(b.key)).length, 0, `b repeated an UpdateService: ${JSON.stringify(bActive())}`);
      assert.equal((await updates(a.key)).length, aUpdates, 'nothing more from the killed process');

      w.load.set({ active: 80, rate: 0 });
      const acted = await eventually(() => b!.lines().find((l) => l.action), 30_000, 50, 'b scales');
      assert.equal(acted.action!.to, 8, `b sized the service for 80: ${JSON.stringify(acted)}`);
      const scaledAt = bActive().length;
      await eventually(() => (bActive().length >= scaledAt + 5 ? true : undefined), 30_000, 50, 'b polls on');
      assert.equal((await updates(b.key)).length, 1, 'one UpdateService for the one change');
      const desired = (await ecs.describeServices({ cluster: 'k9', services: ['app'] })).services![0]!.desiredCount;
      assert.equal(desired, 8);

      b.child.kill('SIGINT');
      assert.equal((await b.exited).code, 130, b.stderr());
      assert.equal(await lease(), undefined, 'a clean stop gives the lease back');
      assertCallsInTable('autoscale run', await recordedCalls(w.sandbox.endpoint, { accessKeyId: b.key }));
    } finally {
      a.child.kill('SIGKILL');
      b?.child.kill('SIGKILL');
    }
  },
);
