// Acceptance: two replicas — a release started through one is promoted through the other; a `canary start` SIGKILLed
// mid-release is taken over by a replica within one lease time; stopping the acting replica hands the release to the other.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { clientEnv, eventually } from '../helpers/sandbox.js';
import { startFixture, type Fixture } from '../canary/canary-fixtures.js';
import { call, startTestServer, TOKENS, writeServerSetup, type ServerSetup, type StartedServer } from './server-fixture.js';
import { nodeArgs } from '../helpers/entry.js';

const entry = join(fileURLToPath(new URL('../canary/', import.meta.url)), 'cli-entry.ts');
/** The fixture's canary lease (FAST_CANARY.lease). */
const LEASE_MS = 3_000;

let f: Fixture;
let setup: ServerSetup;
let a: StartedServer;
let b: StartedServer;
before(async () => {
  f = await startFixture('srvrep', 60);
  setup = await writeServerSetup(f);
  a = await startTestServer(f, setup);
  b = await startTestServer(f, setup);
});
after(async () => {
  await a?.stop();
  await b?.stop();
  await f?.close();
});

type View = {
  release?: { phase: string; outcome: string; releaseId: string };
  controller?: { owner: string; until: number; live: boolean };
};
const view = async (s: StartedServer) => (await call(s, 'GET', '/api/apps/api/canary', { token: TOKENS.viewer })).json as View;
const until = (s: StartedServer, ok: (v: View) => boolean, what: string, ms = 240_000) =>
  eventually(
    async () => {
      const v = await view(s);
      return ok(v) ? v : undefined;
    },
    ms,
    250,
    what,
  );

test('started through one replica, promoted through the other', async () => {
  const start = await call(a, 'POST', '/api/apps/api/canary/start', { token: TOKENS.operator, body: { tag: 'v2' } });
  assert.equal(start.status, 202, JSON.stringify(start.json));
  const gate = await until(
    b,
    (v) => v.release?.phase === 'awaiting-promotion' || (v.release !== undefined && v.release.outcome !== 'in-progress'),
    'the gate (or the end), seen through B',
  );
  assert.equal(gate.release?.phase, 'awaiting-promotion', `the release ended before its gate: ${JSON.stringify(gate.release)}`);
  const promote = await call(b, 'POST', '/api/apps/api/canary/promote', { token: TOKENS.operator });
  assert.ok([200, 202].includes(promote.status), JSON.stringify(promote.json));
  const done = await until(a, (v) => v.release?.outcome !== 'in-progress', 'the end, seen through A');
  assert.equal(done.release?.outcome, 'succeeded');
});

test('a killed `canary start` is taken over within one lease time; stopping the acting replica hands it to the other', async () => {
  const child = spawn(process.execPath, [...nodeArgs(entry), 'canary', 'start', '--tag', 'v3', '--output', 'json'], {
    cwd: setup.dir,
    env: clientEnv(f.sandbox),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise((r) => child.once('exit', r));
  try {
    const cli = await until(a, (v) => v.release?.phase === 'progressing' && v.controller?.live === true, 'the CLI controller');
    child.kill('SIGKILL');
    await exited;
    const killedAt = Date.now();
    const cliOwner = cli.controller!.owner;
    const taken = await until(
      a,
      (v) => v.controller !== undefined && v.controller.owner !== cliOwner && v.controller.live,
      'a replica takes over',
      120_000,
    );
    // The dead lease runs out after at most LEASE_MS; a replica looks every second (takeover.every) and settles the lease.
    const tookMs = Date.now() - killedAt;
    assert.equal(taken.release?.releaseId, cli.release?.releaseId, 'the same release');
    const runs = (s: StartedServer, owner: string) =>
      s.messages.some((m) => m.code === 'CANARY_CONTROLLER' && (m.data as { owner: string }).owner === owner);
    // The lease is written (and seen) a moment before the controller reports that it runs.
    const acting = await eventually(
      () => (runs(a, taken.controller!.owner) ? a : runs(b, taken.controller!.owner) ? b : undefined),
      30_000,
      100,
      'the acting replica',
    );
    const other = acting === a ? b : a;
    assert.ok(
      runs(acting, taken.controller!.owner),
      `a replica runs it: ${JSON.stringify([...a.messages, ...b.messages].filter((m) => m.code.startsWith('SERVER_T') || m.code === 'CANARY_CONTROLLER').map((m) => m.message))}`,
    );
    // Generous on a loaded machine: one lease, the takeover period, the lease settle time and the reads in between.
    assert.ok(tookMs < LEASE_MS * 10, `taken over after ${tookMs} ms`);
    await acting.stop();
    const handed = await until(
      other,
      (v) => v.controller !== undefined && v.controller.owner !== taken.controller!.owner && v.controller.live,
      'the other replica takes over',
      120_000,
    );
    // The lease is written (and seen) a moment before the controller reports that it runs.
    await eventually(() => (runs(other, handed.controller!.owner) ? true : undefined), 30_000, 100, 'the other replica runs it');
    await until(other, (v) => v.release?.phase === 'awaiting-promotion', 'the gate');
    const promote = await call(other, 'POST', '/api/apps/api/canary/promote', { token: TOKENS.operator });
    assert.ok([200, 202].includes(promote.status), JSON.stringify(promote.json));
    const done = await until(other, (v) => v.release?.outcome !== 'in-progress', 'the end');
    assert.equal(done.release?.outcome, 'succeeded');
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
});
