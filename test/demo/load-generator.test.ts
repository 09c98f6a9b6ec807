// The load generator against a local server: requests leave on the profile's schedule (counts, not timings, are asserted),
// answers are counted by status, the concurrency limit skips and counts, the connection limit queues, and a signal stops
// the run with its summary.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { startLoad } from '../../src/demo/load-generator.js';
import { requestsDue } from '../../src/demo/load-profile.js';

let server: Server;
let url: string;
let served = 0;
let inFlight = 0;
let maxInFlight = 0;
const latencyMs = 20;

before(async () => {
  server = createServer((req, res) => {
    served++;
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const slow = req.url === '/slow';
    setTimeout(
      () => {
        inFlight--;
        const status = req.url === '/fail' ? 503 : 200;
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ version: 'v1' }));
      },
      slow ? 400 : latencyMs,
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((r) => server.close(() => r())));

test('a step profile sends what its schedule says by the time it ends, each answer recorded', async () => {
  served = 0;
  const profile = {
    kind: 'step' as const,
    steps: [
      { rate: 20, ms: 1000 },
      { rate: 100, ms: 1000 },
    ],
  };
  const seconds: number[] = [];
  const load = startLoad(`${url}/`, { profile, onSecond: (s) => seconds.push(s.targetRate) });
  const s = await load.done;
  // The run stops at the first tick at or after 2 s: everything due before that tick was sent.
  const due = requestsDue(profile, 2000);
  assert.ok(s.sent <= due && s.sent >= due - 8, `sent ${s.sent}, due ${due}`);
  assert.equal(s.skipped, 0);
  assert.equal(s.answered, s.sent);
  assert.equal(served, s.sent, 'the server saw every request');
  assert.deepEqual(s.statuses, { '200': s.sent });
  assert.equal(load.samples.length, s.sent);
  assert.ok(load.samples.every((x) => x.version === 'v1' && x.latencyMs >= latencyMs - 1));
  assert.ok(s.latencyMs.p50! >= latencyMs - 1 && s.latencyMs.p99! >= s.latencyMs.p50!);
  // Requests leave on schedule: in the first second, 20/s; the second second sends five times as many.
  const first = load.samples.filter((x) => x.sentAt - Date.parse(s.startedAt) < 1000).length;
  assert.ok(first <= 20 && first >= 10, `first second sent ${first}`);
  assert.deepEqual(seconds.slice(0, 2), [20, 100]);
});

test('open loop: requests do not wait for answers, up to the concurrency limit; beyond it they are skipped and counted', async () => {
  maxInFlight = 0;
  const load = startLoad(`${url}/slow`, { rate: 50, durationMs: 1000, concurrency: 5, keepSamples: false });
  const s = await load.done;
  assert.equal(maxInFlight, 5, 'five requests were in flight at once though each takes 400 ms');
  assert.ok(s.skipped > 0, 'requests due at the limit were skipped');
  const due = requestsDue({ kind: 'constant', rate: 50 }, 1000);
  assert.ok(s.sent + s.skipped <= due && s.sent + s.skipped >= due - 4, `sent ${s.sent} + skipped ${s.skipped}, due ${due}`);
  assert.equal(load.samples.length, 0, 'no samples kept');
});

test('at most `connections` connections: a request due while all are busy waits for one (not skipped), its wait in its latency', async () => {
  maxInFlight = 0;
  let opened = 0;
  const count = () => opened++;
  server.on('connection', count);
  try {
    const load = startLoad(`${url}/slow`, { rate: 20, durationMs: 500, concurrency: 100, connections: 3, timeoutMs: 10_000 });
    const s = await load.done;
    assert.equal(maxInFlight, 3, 'three requests at the server at once (400 ms each, 20 due per second)');
    assert.ok(opened <= 3, `${opened} connections opened`);
    assert.equal(s.skipped, 0, 'none skipped below the concurrency limit');
    assert.equal(s.statuses['200'], s.sent, 'every request sent was answered');
    const slowest = Math.max(...load.samples.map((x) => x.latencyMs));
    assert.ok(slowest >= 800, `the last requests waited for a connection: slowest ${slowest} ms`);
  } finally {
    server.off('connection', count);
  }
});

test('the signal stops the run; statuses are counted, 0 for no answer', async () => {
  const ac = new AbortController();
  const load = startLoad(`${url}/fail`, { rate: 40, signal: ac.signal });
  setTimeout(() => ac.abort(), 500);
  const s = await load.done;
  assert.ok(s.sent > 0);
  assert.deepEqual(s.statuses, { '503': s.sent });
  const dead = await startLoad('http://127.0.0.1:1/', { rate: 20, durationMs: 300 }).done;
  assert.ok(dead.sent > 0);
  assert.deepEqual(dead.statuses, { '0': dead.sent });
});

test('the older call form startLoad(url, rate, workers) still works and stop() resolves to the summary', async () => {
  const load = startLoad(`${url}/`, 30, 4);
  await new Promise((r) => setTimeout(r, 400));
  const s = await load.stop();
  assert.equal(s.profile.kind, 'constant');
  assert.equal(s.answered, s.sent);
  assert.equal(await load.done, s);
});
