// One test per exit code of the one table (src/core/exit-codes.ts), each spawning the CLI: deploys against a sandbox for
// 0, 1, 2 and 130 (Ctrl-C mid-deploy), canary releases against the demo stack under load for 3, 4 and 5.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { CreateClusterCommand, ECSClient } from '@aws-sdk/client-ecs';
import { readTags } from '../../src/canary/canary-services.js';
import { decodeState } from '../../src/canary/state-tags.js';
import { pauseRelease } from '../../src/canary/canary-release.js';
import { EXIT } from '../../src/core/exit-codes.js';
import type { Sandbox } from '../../src/local/index.js';
import { canarySection, openFor, recorder, startFixture, writeConfig, type Fixture } from '../canary/canary-fixtures.js';
import { clientEnv, eventually, withSandbox } from '../helpers/sandbox.js';
import { nodeArgs } from '../helpers/entry.js';

const ENTRY = fileURLToPath(new URL('../canary/cli-entry.ts', import.meta.url));

interface Run {
  readonly child: ChildProcess;
  readonly stderr: () => string;
  readonly done: Promise<{ code: number | null; stdout: string; stderr: string }>;
}

function cortado(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Run {
  const child = spawn(process.execPath, [...nodeArgs(ENTRY), ...args], {
    cwd,
    env: { ...env, NO_COLOR: '1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  return { child, stderr: () => stderr, done };
}

const port = 20_000 + Math.floor(Math.random() * 9_000);
const taskDef = (env: Record<string, string> = {}, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    family: 'api',
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    cpu: '256',
    memory: '512',
    containerDefinitions: [
      {
        name: 'app',
        image: 'cortado/demo-app:{{ must_env `IMAGE_TAG` }}',
        essential: true,
        portMappings: [{ containerPort: port }],
        environment: Object.entries(env).map(([name, value]) => ({ name, value })),
        ...extra,
      },
    ],
  });

let sandbox: Sandbox;
let dir: string;
let env: NodeJS.ProcessEnv;
let f: Fixture | undefined;

before(async () => {
  sandbox = await withSandbox({ speed: 30 });
  env = { ...clientEnv(sandbox), IMAGE_TAG: 'v1' };
  dir = mkdtempSync(join(tmpdir(), 'cortado-exit-'));
  writeFileSync(
    join(dir, 'cortado.yml'),
    'region: us-east-1\ncluster: codes\nservice: api\nservice_definition: ecs-service-def.json\ntask_definition: ecs-task-def.json\n',
  );
  writeFileSync(
    join(dir, 'ecs-service-def.json'),
    JSON.stringify({
      launchType: 'FARGATE',
      desiredCount: 1,
      networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-1'] } },
      deploymentConfiguration: {
        deploymentCircuitBreaker: { enable: true, rollback: true },
        maximumPercent: 200,
        minimumHealthyPercent: 100,
      },
    }),
  );
  writeFileSync(join(dir, 'ecs-task-def.json'), taskDef());
  const ecs = new ECSClient({
    endpoint: sandbox.endpoint,
    region: sandbox.region,
    credentials: { accessKeyId: 'AKIACORTADOTEST00001', secretAccessKey: 'cortado-test-secret' },
  });
  await ecs.send(new CreateClusterCommand({ clusterName: 'codes' }));
  ecs.destroy();
});

after(async () => {
  await f?.close();
  await sandbox?.close();
});

const FAST = ['--poll-interval', '150ms', '--timeout', '2m'];

test('exit 0: a deploy that completes', async () => {
  const r = await cortado(['deploy', ...FAST], dir, env).done;
  assert.equal(r.code, EXIT.ok, r.stderr);
  assert.match(r.stdout, /api: deployed api:1/);
});

test('exit 1: a deploy whose tasks crash (the circuit breaker fails it)', async () => {
  writeFileSync(join(dir, 'ecs-task-def.json'), taskDef({ EXIT_CODE: '3' }));
  const r = await cortado(['deploy', ...FAST], dir, env).done;
  assert.equal(r.code, EXIT.failed, r.stderr);
  assert.match(r.stderr, /deployment of api:2 to service api failed/);
});

test('exit 2: bad input, with a did-you-mean and a short usage line, not the whole help', async () => {
  const r = await cortado(['deploy', '--dryrun'], dir, env).done;
  assert.equal(r.code, EXIT.badInput, r.stderr);
  assert.match(
    r.stderr,
    /Unknown option '--dryrun'; did you mean --dry-run\?\n {2}usage: cortado deploy \[options\]; cortado deploy --help for more\n$/,
  );
  const json = await cortado(['-o', 'json', 'deploy', '--bogus'], dir, env).done;
  assert.equal(json.code, EXIT.badInput);
  assert.deepEqual(Object.keys((JSON.parse(json.stdout) as { error: object }).error).sort(), ['code', 'hint', 'message', 'source']);
});

test('exit 130: Ctrl-C while deploy waits says the deployment continues in ECS and how to follow or stop it', async () => {
  // A health check that never passes with a long start period: the deployment stays in flight until we interrupt it.
  writeFileSync(
    join(dir, 'ecs-task-def.json'),
    taskDef({}, { healthCheck: { command: ['CMD-SHELL', 'exit 1'], interval: 300, startPeriod: 300, retries: 10 } }),
  );
  const run = cortado(['deploy', ...FAST], dir, env);
  await eventually(() => (/waiting for service api/.test(run.stderr()) ? true : undefined), 60_000, 50, 'deploy to wait for the service');
  run.child.kill('SIGINT');
  const r = await run.done;
  assert.equal(r.code, EXIT.interrupted, r.stderr);
  assert.match(
    r.stderr,
    /interrupted by SIGINT: the deployment of api:3 to service api continues in ECS; `cortado wait` follows it, `cortado rollback` stops it/,
  );
});

const phaseOf = async (r: Awaited<ReturnType<typeof openFor>>) => {
  const arn = (await r.deps.aws.ecs.describeServices({ cluster: f!.stack.cluster, services: [f!.stack.canaryService] })).services![0]!
    .serviceArn!;
  return decodeState(await readTags(r.deps.aws.ecs, arn, new AbortController().signal));
};

test('exit 3: a canary answering 50% errors is rolled back', async () => {
  f = await startFixture('codes');
  const cwd = await writeConfig(f, canarySection(f));
  const r = await cortado(['canary', 'start', '--tag', 'v3', '--env', 'ERROR_RATE=0.5'], cwd, clientEnv(f.sandbox)).done;
  assert.equal(r.code, EXIT.rolledBack, r.stderr);
});

let paused: { run: Run; cwd: string; section: Record<string, unknown> } | undefined;

test('exit 5: status of a paused release is "still in progress"', async () => {
  const section = canarySection(f!, { steps: [20, 50, 100] });
  const cwd = await writeConfig(f!, section);
  const run = cortado(['canary', 'start', '--tag', 'v2'], cwd, clientEnv(f!.sandbox));
  paused = { run, cwd, section };
  const watcher = await openFor(f!, section, recorder(), 'exit-code-test');
  await eventually(
    async () => {
      const s = await phaseOf(watcher);
      return s?.phase.kind === 'progressing' && s.phase.weightSet ? true : undefined;
    },
    90_000,
    100,
    'the first step',
  );
  await pauseRelease(watcher.target, watcher.deps, new AbortController().signal);
  const status = await cortado(['canary', 'status'], cwd, clientEnv(f!.sandbox)).done;
  assert.equal(status.code, EXIT.inProgress, status.stderr);
});

test('exit 4: the release a controller runs is aborted by someone else', async () => {
  assert.ok(paused, 'the paused release of the previous test');
  const abort = await cortado(['canary', 'abort'], paused.cwd, clientEnv(f!.sandbox)).done;
  assert.ok(abort.code === EXIT.ok || abort.code === EXIT.aborted, abort.stderr);
  const r = await paused.run.done;
  assert.equal(r.code, EXIT.aborted, r.stderr);
});
