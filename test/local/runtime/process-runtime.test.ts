// Real processes: the demo app on its own loopback address, exits, stop semantics, output, start failures, usage.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { after, test } from 'node:test';
import { createAddressPool, randomPoolStart } from '../../../src/local/runtime/address-pool.js';
import { parseImageMap } from '../../../src/local/runtime/image-map.js';
import { createImageResolver } from '../../../src/local/runtime/image-resolver.js';
import { liveContainerCount, startContainer, stopAll } from '../../../src/local/runtime/process-runtime.js';
import type { ContainerHandle, ContainerSpec, ProcessResolution } from '../../../src/local/runtime/types.js';

const node = process.execPath;
const imageMap = parseImageMap(
  {
    images: {
      'test/ignores-sigterm': {
        command: [
          node,
          '-e',
          "process.on('SIGTERM', () => console.log('ignoring SIGTERM')); console.log('ready'); setInterval(() => {}, 1000)",
        ],
      },
      'test/output': {
        command: [
          node,
          '-e',
          "process.stdout.write('one\\ntwo\\r\\npar'); setTimeout(() => { process.stdout.write('tial'); process.stderr.write('to stderr\\n') }, 50)",
        ],
      },
      'test/env': { command: [node, '-e', 'console.log(JSON.stringify(process.env))'], env: { FROM_IMAGE: 'image', SHARED: 'image' } },
      'test/args': { command: [node, '-e', 'console.log(JSON.stringify(process.argv.slice(1)))', '--'] },
      'test/orphan': { command: ['/bin/sh', '-c', 'sleep 300 & echo "child $!"; exit 0'] },
      'test/missing': { command: ['cortado-no-such-binary-xyz'] },
      'test/missing-path': { command: ['/nonexistent/bin/app'] },
      'test/bad-cwd': { command: [node, '-e', ''], cwd: '/nonexistent/cortado-dir' },
    },
  },
  'test map',
  '/',
);
const resolver = createImageResolver({ imageMap });
// A random start, as a sandbox's: a second copy of the suite on the machine runs this file too.
const pool = createAddressPool(randomPoolStart());
const TASK_ID = 'feedfacefeedfacefeedfacefeedface';

const started: ContainerHandle[] = [];
after(async () => {
  await Promise.all(started.map((handle) => handle.stop(0)));
});

interface Run {
  readonly handle: ContainerHandle;
  readonly host: string;
  readonly lines: Array<{ readonly stream: string; readonly line: string; readonly at: Date }>;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
}

const run = (image: string, extra: Partial<ContainerSpec> = {}): Run => {
  const host = pool.allocate();
  const lines: Array<{ stream: string; line: string; at: Date }> = [];
  const waiters: Array<() => void> = [];
  const spec: ContainerSpec = {
    taskId: TASK_ID,
    containerName: 'app',
    image,
    environment: {},
    host,
    ports: [8080],
    onOutput: (stream, line, at) => {
      lines.push({ stream, line, at });
      for (const wake of waiters.splice(0)) wake();
    },
    ...extra,
  };
  const resolution = resolver.resolve(spec);
  assert.equal(resolution.kind, 'process', JSON.stringify(resolution));
  const handle = startContainer(spec, resolution as ProcessResolution);
  started.push(handle);
  const waitFor = (pattern: RegExp, timeoutMs = 10_000): Promise<string> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms; got ${JSON.stringify(lines)}`)),
        timeoutMs,
      );
      const check = (): void => {
        const hit = lines.find((entry) => pattern.test(entry.line));
        if (hit !== undefined) {
          clearTimeout(timer);
          resolve(hit.line);
        } else waiters.push(check);
      };
      check();
    });
  return { handle, host, lines, waitFor };
};

const get = (host: string, path: string, port = 8080): Promise<{ readonly status: number; readonly body: string }> =>
  new Promise((resolve, reject) => {
    const req = request({ host, port, path, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });

const alive = (pid: number): boolean => {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return false;
  }
};

test('the demo app answers / and /health on its own loopback address, next to another task on the same port', async () => {
  const v1 = run('cortado/demo-app:v1', {
    environment: { ECS_CONTAINER_METADATA_URI_V4: `http://169.254.170.2/v4/${TASK_ID}-3829465528` },
  });
  const v2 = run('public.ecr.aws/cortado/demo-app:v2', { environment: { VERSION: 'from-env' } });
  await v1.waitFor(new RegExp(`^demo-app v1 listening on ${v1.host.replace(/\./g, '\\.')}:8080$`));
  await v2.waitFor(/listening on/);

  const root = await get(v1.host, '/');
  assert.equal(root.status, 200);
  const body = JSON.parse(root.body) as Record<string, string>;
  assert.deepEqual([body.version, body.taskId, body.host], ['v1', TASK_ID, v1.host]);
  assert.ok(!Number.isNaN(Date.parse(body.time ?? '')));
  assert.deepEqual(await get(v1.host, '/health'), { status: 200, body: '{"status":"ok"}' });

  const other = JSON.parse((await get(v2.host, '/')).body) as Record<string, string>;
  assert.deepEqual([other.version, other.taskId], ['from-env', TASK_ID]);
  await v1.waitFor(/^GET \/health 200 \d+(\.\d+)?ms$/);
  assert.ok(v1.lines.every((entry) => entry.stream === 'stdout' && entry.at instanceof Date));
  await Promise.all([v1.handle.stop(5000), v2.handle.stop(5000)]);
});

test('PORT, when set, wins over the container port', async () => {
  const app = run('cortado/demo-app', { environment: { PORT: '8181' } });
  await app.waitFor(/listening on .*:8181$/);
  assert.equal((await get(app.host, '/health', 8181)).status, 200);
  await app.handle.stop(5000);
});

test('ERROR_RATE=1 answers 500 everywhere but /health; LATENCY_MS delays answers', async () => {
  const app = run('cortado/demo-app', { environment: { ERROR_RATE: '1', LATENCY_MS: '200' } });
  await app.waitFor(/listening on/);
  const startedAt = Date.now();
  assert.equal((await get(app.host, '/')).status, 500);
  assert.ok(Date.now() - startedAt >= 190, 'LATENCY_MS was not applied');
  assert.equal((await get(app.host, '/api/orders')).status, 500);
  assert.equal((await get(app.host, '/health')).status, 200);
  await app.waitFor(/^GET \/api\/orders 500 /);
  await app.handle.stop(5000);
});

test('EXIT_CODE=3 exits at once with 3; an empty EXIT_CODE is unset', async () => {
  const failing = run('cortado/demo-app', { environment: { EXIT_CODE: '3' } });
  assert.deepEqual(await failing.handle.exited, { exitCode: 3, signal: null });
  const unset = run('cortado/demo-app', { environment: { EXIT_CODE: '' } });
  await unset.waitFor(/listening on/);
  await unset.handle.stop(5000);
});

test('CRASH_AFTER_S exits 1 after that long', async () => {
  const startedAt = Date.now();
  const app = run('cortado/demo-app', { environment: { CRASH_AFTER_S: '0.5' } });
  await app.waitFor(/listening on/);
  assert.equal((await get(app.host, '/health')).status, 200);
  assert.deepEqual(await app.handle.exited, { exitCode: 1, signal: null });
  assert.ok(Date.now() - startedAt >= 490, 'crashed before CRASH_AFTER_S');
  assert.ok(app.lines.some((entry) => entry.stream === 'stderr' && /CRASH_AFTER_S/.test(entry.line)));
});

test('stop() sends SIGTERM: the demo app closes and exits 0; stop is idempotent; usage is real, then zero', async () => {
  const app = run('cortado/demo-app');
  await app.waitFor(/listening on/);
  const usage = await app.handle.usage();
  assert.ok(usage.rssBytes > 5 * 1024 * 1024, `rss ${usage.rssBytes}`);
  assert.ok(usage.cpuSeconds > 0, `cpu ${usage.cpuSeconds}`);
  const first = app.handle.stop(5000);
  const second = app.handle.stop(5000);
  assert.deepEqual(await first, { exitCode: 0, signal: null });
  assert.deepEqual(await second, await first);
  assert.ok(app.lines.some((entry) => /SIGTERM received/.test(entry.line)));
  assert.deepEqual(await app.handle.usage(), { cpuSeconds: 0, rssBytes: 0 });
  await assert.rejects(get(app.host, '/health'));
});

test('a process that ignores SIGTERM gets SIGKILL after the grace period (exit 137, as Docker reports it)', async () => {
  const app = run('test/ignores-sigterm');
  await app.waitFor(/^ready$/);
  const stoppingAt = Date.now();
  const exit = await app.handle.stop(400);
  assert.deepEqual(exit, { exitCode: 137, signal: 'SIGKILL' });
  assert.ok(Date.now() - stoppingAt >= 380, 'killed before the grace period ended');
  assert.ok(
    app.lines.some((entry) => entry.line === 'ignoring SIGTERM'),
    'SIGTERM was not sent first',
  );
});

test('output arrives one line per call, per stream, including a final unterminated line', async () => {
  const app = run('test/output');
  assert.deepEqual(await app.handle.exited, { exitCode: 0, signal: null });
  assert.deepEqual(
    app.lines.map((entry) => [entry.stream, entry.line]),
    [
      ['stdout', 'one'],
      ['stdout', 'two'],
      ['stderr', 'to stderr'],
      ['stdout', 'partial'],
    ],
  );
});

test('the container env: image env, then the task definition, then the runtime; no parent leakage', async () => {
  process.env.CORTADO_TEST_PARENT_ONLY = 'leak';
  try {
    const app = run('test/env', { environment: { SHARED: 'task', HOST: '0.0.0.0' } });
    await app.handle.exited;
    const env = JSON.parse(app.lines[0]?.line ?? '{}') as Record<string, string>;
    assert.equal(env.FROM_IMAGE, 'image');
    assert.equal(env.SHARED, 'task');
    assert.equal(env.HOST, app.host);
    assert.equal(env.ECS_TASK_HOST, app.host);
    assert.equal(env.CORTADO_BIND_HOST, app.host);
    assert.equal(env.CORTADO_CONTAINER_PORT, '8080');
    assert.equal(env.PORT, undefined);
    assert.equal(env.CORTADO_TEST_PARENT_ONLY, undefined);
    assert.equal(env.PATH, process.env.PATH);
  } finally {
    delete process.env.CORTADO_TEST_PARENT_ONLY;
  }
});

test('the task definition entryPoint and command are passed as arguments, without a shell', async () => {
  const app = run('test/args', { entryPoint: ['--flag'], command: ['$HOME', 'a b'] });
  await app.handle.exited;
  assert.deepEqual(JSON.parse(app.lines[0]?.line ?? '[]'), ['--flag', '$HOME', 'a b']);
});

test('when the main process exits, the rest of its process group dies with it', async () => {
  const app = run('test/orphan');
  const line = await app.waitFor(/^child \d+$/);
  const childPid = Number(line.split(' ')[1]);
  assert.deepEqual(await app.handle.exited, { exitCode: 0, signal: null });
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal(alive(childPid), false, `background child ${childPid} survived its container`);
});

test('a missing executable or working directory ends the container with a CannotStartContainerError reason', async () => {
  const table: ReadonlyArray<readonly [string, RegExp]> = [
    ['test/missing', /^CannotStartContainerError: .*exec: "cortado-no-such-binary-xyz": executable file not found in \$PATH: unknown$/],
    [
      'test/missing-path',
      /^CannotStartContainerError: .*exec: "\/nonexistent\/bin\/app": stat \/nonexistent\/bin\/app: no such file or directory: unknown$/,
    ],
    [
      'test/bad-cwd',
      /^CannotStartContainerError: .*chdir to cwd \("\/nonexistent\/cortado-dir"\) set in config\.json failed: no such file or directory: unknown$/,
    ],
  ];
  for (const [image, reason] of table) {
    const app = run(image);
    const exit = await app.handle.exited;
    assert.equal(exit.exitCode, null, image);
    assert.equal(exit.signal, null, image);
    assert.match(exit.reason ?? '', reason);
    assert.equal(app.handle.pid, undefined);
    assert.deepEqual(await app.handle.stop(10), exit);
    assert.deepEqual(await app.handle.usage(), { cpuSeconds: 0, rssBytes: 0 });
  }
});

test('stopAll stops every live container', async () => {
  const before = liveContainerCount();
  const apps = [run('cortado/demo-app'), run('test/ignores-sigterm')];
  await Promise.all([apps[0]?.waitFor(/listening on/), apps[1]?.waitFor(/^ready$/)]);
  assert.equal(liveContainerCount(), before + 2);
  const exits = await stopAll(300);
  assert.ok(exits.length >= 2);
  assert.deepEqual(await apps[0]?.handle.exited, { exitCode: 0, signal: null });
  assert.deepEqual(await apps[1]?.handle.exited, { exitCode: 137, signal: 'SIGKILL' });
  assert.equal(liveContainerCount(), 0);
});
