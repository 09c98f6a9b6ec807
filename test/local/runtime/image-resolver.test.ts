// Table test of image resolution: demo image forms, the image map, Docker, and ECS's pull error otherwise.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { DEMO_NODE_FLAGS, demoResolution } from '../../../src/local/runtime/demo-image.js';
import { parseImageMap } from '../../../src/local/runtime/image-map.js';
import { createImageResolver, type ResolvableSpec } from '../../../src/local/runtime/image-resolver.js';
import type { Resolution } from '../../../src/local/runtime/types.js';
import { compiled } from '../../helpers/entry.js';

const TASK_ID = '0123456789abcdef0123456789abcdef';
const spec = (image: string, extra: Partial<ResolvableSpec> = {}): ResolvableSpec => ({
  taskId: TASK_ID,
  containerName: 'web',
  image,
  environment: {},
  host: '127.0.3.7',
  ports: [8080],
  ...extra,
});

const processOf = (resolution: Resolution) => {
  assert.equal(resolution.kind, 'process', JSON.stringify(resolution));
  return resolution as Extract<Resolution, { kind: 'process' }>;
};

test('the demo image resolves under any registry, VERSION defaulting to the tag', () => {
  const resolver = createImageResolver();
  const table: ReadonlyArray<readonly [string, string]> = [
    ['cortado/demo-app', 'latest'],
    ['cortado/demo-app:v2', 'v2'],
    ['docker.io/cortado/demo-app:v3', 'v3'],
    ['public.ecr.aws/cortado/demo-app:v1', 'v1'],
    ['123456789012.dkr.ecr.us-east-1.amazonaws.com/cortado/demo-app:abc123', 'abc123'],
    ['localhost:5000/cortado/demo-app', 'latest'],
  ];
  for (const [image, version] of table) {
    const resolution = processOf(resolver.resolve(spec(image)));
    assert.equal(resolution.command, process.execPath, image);
    assert.deepEqual(resolution.env, { VERSION: version }, image);
    assert.deepEqual(resolution.args.slice(0, DEMO_NODE_FLAGS.length), DEMO_NODE_FLAGS);
    // Compiled (as scripts/run-tests.mjs runs the tests), the sibling .js file; under tsx, the compiled file when dist/ is up
    // to date, else the source file through the tsx loader.
    const script = resolution.args.at(-1) ?? '';
    if (compiled) assert.match(script, /\/src\/local\/runtime\/images\/demo-app\.js$/);
    else if (script.endsWith('.js')) assert.match(script, /dist\/local\/runtime\/images\/demo-app\.js$/);
    else {
      assert.match(script, /src\/local\/runtime\/images\/demo-app\.ts$/);
      assert.equal(resolution.args.at(-3), '--import');
    }
  }
  for (const image of ['cortado/demo-app-v2:v1', 'xcortado/demo-app:v1', 'cortado/demo:v1', 'demo-app:v1']) {
    assert.equal(resolver.resolve(spec(image)).kind, 'not-found', image);
  }
});

test('from compiled JS the demo app is the sibling .js file and needs no loader', () => {
  const resolution = demoResolution('v9', 'file:///opt/cortado/dist/local/runtime/demo-image.js');
  assert.deepEqual(resolution.args, [...DEMO_NODE_FLAGS, '/opt/cortado/dist/local/runtime/images/demo-app.js']);
});

test('under tsx the compiled demo app runs when dist/ is at least as new as its sources, else the source through tsx', () => {
  const root = mkdtempSync(join(tmpdir(), 'cortado-demo-image-'));
  try {
    const images = join(root, 'src/local/runtime/images');
    const built = join(root, 'dist/local/runtime/images/demo-app.js');
    mkdirSync(images, { recursive: true });
    const moduleUrl = pathToFileURL(join(root, 'src/local/runtime/demo-image.ts')).href;
    for (const f of ['demo-app.ts', 'load-stats.ts']) writeFileSync(join(images, f), '');
    const script = () => demoResolution('v1', moduleUrl).args.at(-1);
    assert.equal(script(), join(images, 'demo-app.ts'), 'no dist/: the source');
    mkdirSync(dirname(built), { recursive: true });
    writeFileSync(built, '');
    const now = Date.now() / 1000;
    utimesSync(built, now, now);
    utimesSync(join(images, 'demo-app.ts'), now - 60, now - 60);
    utimesSync(join(images, 'load-stats.ts'), now - 60, now - 60);
    assert.equal(script(), built, 'dist/ newer than both sources: the compiled file');
    assert.ok(!demoResolution('v1', moduleUrl).args.includes('--import'), 'no loader for the compiled file');
    utimesSync(join(images, 'load-stats.ts'), now + 60, now + 60);
    assert.equal(script(), join(images, 'demo-app.ts'), 'a source edited after the build: the source');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('the image map: exact and prefix entries; entryPoint then command are appended to the entry command', () => {
  const imageMap = parseImageMap(
    {
      images: {
        'registry.example.com/shop/api:*': { command: ['node', 'server.js'], cwd: '/srv/api', env: { MODE: 'local' } },
        'registry.example.com/shop/api:pinned': { command: ['python3', '-m', 'api'] },
        'cortado/demo-app:*': { command: ['never-used'] },
      },
    },
    'inline',
    '/',
  );
  const resolver = createImageResolver({ imageMap, dockerAvailable: true });
  assert.deepEqual(
    resolver.resolve(spec('registry.example.com/shop/api:v7', { entryPoint: ['--require', 'otel.js'], command: ['--port', '8080'] })),
    {
      kind: 'process',
      command: 'node',
      args: ['server.js', '--require', 'otel.js', '--port', '8080'],
      cwd: '/srv/api',
      env: { MODE: 'local' },
    },
  );
  assert.deepEqual(resolver.resolve(spec('registry.example.com/shop/api:pinned')), {
    kind: 'process',
    command: 'python3',
    args: ['-m', 'api'],
    cwd: '/',
    env: {},
  });
  // The built-in demo image comes first, even when the map names it.
  assert.equal(processOf(resolver.resolve(spec('cortado/demo-app:v1'))).command, process.execPath);
});

test('with Docker, unknown images run through docker run on the host network with the task env', () => {
  const resolver = createImageResolver({ dockerAvailable: true, parentEnv: { DOCKER_HOST: 'unix:///run/d.sock', SECRET: 'no' } });
  const resolution = processOf(
    resolver.resolve(
      spec('nginx:1.27', {
        environment: { A: 'b=c' },
        entryPoint: ['/bin/sh', '-c'],
        command: ['nginx -g "daemon off;"'],
        workingDirectory: '/app',
      }),
    ),
  );
  assert.equal(resolution.command, 'docker');
  assert.deepEqual(resolution.env, { DOCKER_HOST: 'unix:///run/d.sock' });
  assert.deepEqual(resolution.args, [
    'run',
    '--rm',
    '--network',
    'host',
    '--name',
    `cortado-${TASK_ID}-web`,
    '-e',
    'A=b=c',
    '-e',
    'HOST=127.0.3.7',
    '-e',
    'ECS_TASK_HOST=127.0.3.7',
    '-e',
    'CORTADO_BIND_HOST=127.0.3.7',
    '-e',
    `CORTADO_TASK_ID=${TASK_ID}`,
    '-e',
    'CORTADO_CONTAINER_PORT=8080',
    '-w',
    '/app',
    '--entrypoint',
    '/bin/sh',
    'nginx:1.27',
    '-c',
    'nginx -g "daemon off;"',
  ]);
});

test('otherwise the image is not found, with the reason ECS gives', () => {
  const resolver = createImageResolver({ imageMap: parseImageMap({ images: { 'other:*': { command: ['x'] } } }, 'inline', '/') });
  const table: ReadonlyArray<readonly [string, string]> = [
    ['nginx', 'docker.io/library/nginx:latest'],
    ['nginx:1.27', 'docker.io/library/nginx:1.27'],
    ['myorg/app:v1', 'docker.io/myorg/app:v1'],
    ['123456789012.dkr.ecr.us-east-1.amazonaws.com/team/api:abc', '123456789012.dkr.ecr.us-east-1.amazonaws.com/team/api:abc'],
  ];
  for (const [image, ref] of table) {
    assert.deepEqual(resolver.resolve(spec(image)), {
      kind: 'not-found',
      reason: `CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref ${ref}: ${ref}: not found`,
    });
  }
});
