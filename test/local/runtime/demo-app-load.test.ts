// The demo app reports its own load: /nginx_status in stub_status layout and /metrics in Prometheus text, read while
// requests are held in flight by LATENCY_MS (the counts, not the timings, are asserted).
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { after, before, test } from 'node:test';
import { demoResolution } from '../../../src/local/runtime/demo-image.js';

let app: ChildProcess;
let base: string;

before(async () => {
  const r = demoResolution('v1');
  if (r.kind !== 'process') throw new Error('demo image resolves to a process');
  app = spawn(r.command, r.args, { env: { ...process.env, ...r.env, PORT: '0', LATENCY_MS: '1500', ACCESS_LOG: 'off' } });
  base = await new Promise<string>((resolve, reject) => {
    let out = '';
    app.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /listening on ([\d.]+):(\d+)/.exec(out);
      if (m) resolve(`http://${m[1]}:${m[2]}`);
    });
    app.once('exit', (code) => reject(new Error(`demo app exited ${code}`)));
  });
});
after(() => {
  app.kill('SIGTERM');
});

const get = (path: string, agent?: Agent) =>
  new Promise<{ status: number; body: string; type: string }>((resolve, reject) => {
    const req = request(`${base}${path}`, agent ? { agent } : {}, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, type: String(res.headers['content-type']) }));
    });
    req.on('error', reject);
    req.end();
  });

const stub = (text: string) => {
  const m =
    /^Active connections: (\d+) \nserver accepts handled requests\n (\d+) (\d+) (\d+) \nReading: (\d+) Writing: (\d+) Waiting: (\d+) \n$/.exec(
      text,
    );
  assert.ok(m, `stub_status layout: ${JSON.stringify(text)}`);
  const [active, accepts, handled, requests, reading, writing, waiting] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return { active, accepts, handled, requests, reading, writing, waiting };
};

const metric = (text: string, name: string): number => {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  assert.ok(line, `${name} in ${text}`);
  return Number(line.split(' ')[1]);
};

test('requests in flight show as Writing and http_requests_in_flight; afterwards as totals and a histogram', async () => {
  const before = stub((await get('/nginx_status')).body);
  assert.equal(before.writing, 1, 'only the status request itself is being written');
  const held = new Agent({ keepAlive: true, maxSockets: 10 });
  const slow = Array.from({ length: 4 }, () => get('/work', held));
  // The held requests are in flight for 1.5 s; read both endpoints while they are.
  let during: ReturnType<typeof stub> | undefined;
  let inFlight = 0;
  for (let i = 0; i < 40 && !(during && during.writing === 5 && inFlight === 4); i++) {
    await new Promise((r) => setTimeout(r, 25));
    during = stub((await get('/nginx_status')).body);
    inFlight = metric((await get('/metrics')).body, 'http_requests_in_flight');
  }
  assert.equal(during!.writing, 5, 'four held requests and the status request');
  assert.equal(inFlight, 4, 'the app counts its own requests only');
  assert.ok(during!.active >= 5, 'held connections and the status connection are open');
  assert.equal(during!.reading, 0);
  assert.equal(during!.active, during!.writing + during!.waiting);
  assert.equal(during!.accepts, during!.handled);
  const answers = await Promise.all(slow);
  assert.deepEqual(
    answers.map((a) => a.status),
    [200, 200, 200, 200],
  );
  const m = await get('/metrics');
  assert.match(m.type, /^text\/plain; version=0\.0\.4/);
  assert.equal(metric(m.body, 'http_requests_in_flight'), 0);
  assert.equal(metric(m.body, 'http_requests_total{code="200"}'), 4);
  assert.equal(metric(m.body, 'http_request_duration_seconds_count'), 4);
  assert.equal(metric(m.body, 'http_request_duration_seconds_bucket{le="1"}'), 0, 'each took LATENCY_MS = 1.5 s');
  assert.equal(metric(m.body, 'http_request_duration_seconds_bucket{le="2.5"}'), 4);
  assert.ok(metric(m.body, 'http_request_duration_seconds_sum') >= 6);
  const afterwards = stub((await get('/nginx_status')).body);
  assert.ok(afterwards.requests > during!.requests, 'every request is counted, status requests too');
  assert.equal(afterwards.writing, 1);
  assert.ok(afterwards.waiting >= 4, 'the held keep-alive connections now wait');
  held.destroy();
});
