// `cortado local load` as a user runs it (the CLI from source in a child process): a run with --duration prints its summary as
// JSON, bad input exits 2 before any request, and Ctrl-C ends an unbounded run with the summary and exit 0.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { loaderArgs, runnable } from '../helpers/entry.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const RUN = `const { main } = await import(${JSON.stringify(runnable(join(ROOT, 'src/cli/main.ts')))}); process.exitCode = await main(process.argv.slice(1));`;

let server: Server;
let url: string;
let served = 0;

before(async () => {
  server = createServer((_req, res) => {
    served++;
    setTimeout(() => res.end('{"version":"v1"}'), 5);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
after(() => new Promise<void>((r) => server.close(() => r())));

function cortado(args: readonly string[], onStderr?: (text: string, kill: () => void) => void) {
  const child = spawn(process.execPath, [...loaderArgs(), '--input-type=module', '-e', RUN, ...args], { cwd: ROOT });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => {
    stderr += c.toString();
    onStderr?.(stderr, () => child.kill('SIGINT'));
  });
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
}

test('a profile run with --output json: the summary document, a progress line a second on stderr', async () => {
  served = 0;
  const r = await cortado(['local', 'load', url, '--profile', 'step:10@1s,30@1s', '--output', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const doc = JSON.parse(r.stdout) as {
    url: string;
    sent: number;
    answered: number;
    statuses: Record<string, number>;
    latencyMs: { p99: number };
  };
  assert.equal(doc.url, url);
  assert.ok(doc.sent >= 32 && doc.sent <= 40, `sent ${doc.sent}`);
  assert.equal(doc.answered, doc.sent);
  assert.equal(served, doc.sent);
  assert.deepEqual(doc.statuses, { '200': doc.sent });
  assert.ok(doc.latencyMs.p99 >= 4);
  const progress = r.stderr
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { code: string; data: { targetRate: number } })
    .filter((m) => m.code === 'LOAD_PROGRESS');
  assert.deepEqual(
    progress.slice(0, 2).map((m) => m.data.targetRate),
    [10, 30],
  );
});

test('bad input exits 2 and names what is wrong, before any request', async () => {
  served = 0;
  const cases: ReadonlyArray<readonly [readonly string[], RegExp]> = [
    [['local', 'load', url], /needs --rate N/],
    [['local', 'load', url, '--rate', '10', '--profile', 'step:5@1s'], /--rate and --profile both set the rate/],
    [['local', 'load', url, '--profile', 'wave:1'], /unknown profile kind "wave"/],
    [['local', 'load', url, '--rate', 'lots'], /--rate expects a number/],
    [['local', 'load', 'not a url', '--rate', '1'], /is not a URL/],
    [['local', 'load', '--rate', '1'], /needs the URL/],
    [['local', 'load', url, '--rate', '1', '--duration', 'forever'], /--duration expects a duration/],
  ];
  for (const [args, why] of cases) {
    const r = await cortado(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, why);
  }
  assert.equal(served, 0);
});

test('Ctrl-C ends an unbounded run with its summary and exit 0', async () => {
  let sent = false;
  const r = await cortado(['local', 'load', url, '--rate', '50'], (text, kill) => {
    if (!sent && text.includes('answered')) {
      sent = true;
      kill();
    }
  });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^load 50\/s for \d+\.\ds: \d+ answered of \d+ sent, [\d.]+\/s achieved\nstatuses: 200 \d+\nlatency: p50 /);
});
