// Scenario: a queue worker with no load balancer released by task count against the sandbox, judged on its dead-letter queue.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { CloudWatchClient, PutMetricDataCommand, type MetricDatum } from '@aws-sdk/client-cloudwatch';
import type { Service } from '@aws-sdk/client-ecs';
import { resumeRelease, startRelease } from '../../../src/canary/canary-release.js';
import { readTags } from '../../../src/canary/canary-services.js';
import { parseCanaryConfig } from '../../../src/canary/config/canary-config.js';
import { openRelease, type OpenRelease } from '../../../src/canary/open-release.js';
import { TOTAL_TAG } from '../../../src/canary/routers/task-count-router.js';
import { decodeState } from '../../../src/canary/state-tags.js';
import type { AwsClients } from '../../../src/aws/aws-clients.js';
import type { EcsApi } from '../../../src/aws/ecs-api.js';
import { systemClock } from '../../../src/core/clock.js';
import { EXIT } from '../../../src/core/exit-codes.js';
import type { Sandbox } from '../../../src/local/index.js';
import { actorKey, assertCommandCalls, recordedCalls } from '../../helpers/iam-coverage.js';
import { clientEnv, eventually, withSandbox } from '../../helpers/sandbox.js';
import { clientConfigFor, clientsFor, recorder, weightEvents } from '../canary-fixtures.js';
import { nodeArgs } from '../../helpers/entry.js';

const run = promisify(execFile);
const entry = join(fileURLToPath(new URL('..', import.meta.url)), 'cli-entry.ts');
const signal = new AbortController().signal;

const CLUSTER = 'orders';
const STABLE = 'orders-worker';
const CANARY = 'orders-worker-canary';
const QUEUE = 'orders-dlq';
const TOTAL = 3;

/** The queue and the app as the test plays them: one sample of both services per tick, and what was published. */
interface Sample {
  readonly at: number;
  readonly stableDesired: number;
  readonly canaryDesired: number;
  readonly stableRunning: number;
  readonly canaryRunning: number;
}

let sandbox: Sandbox;
let clients: AwsClients;
let ecs: EcsApi;
let v1: string;
let cw: CloudWatchClient;
let publisher: { stop(): Promise<void> } | undefined;
const samples: Sample[] = [];
/** Set by a test: the canary's revision sends failed messages to the dead-letter queue (one per running canary task per tick). */
let canaryFails = false;

const NETWORK = {
  awsvpcConfiguration: {
    subnets: ['subnet-0123456789abcdef0'],
    securityGroups: ['sg-0123456789abcdef0'],
    assignPublicIp: 'DISABLED' as const,
  },
};

const service = (name: string, desiredCount: number) => ({
  cluster: CLUSTER,
  serviceName: name,
  taskDefinition: v1,
  desiredCount,
  launchType: 'FARGATE' as const,
  networkConfiguration: NETWORK,
  deploymentConfiguration: { minimumHealthyPercent: 100, maximumPercent: 200, deploymentCircuitBreaker: { enable: true, rollback: true } },
});

const describe = async (name: string): Promise<Service> =>
  (await ecs.describeServices({ cluster: CLUSTER, services: [name] }, signal)).services![0]!;

/**
 * Every 250 ms: the dead-letter queue's depth as SQS would publish it (AWS/SQS ApproximateNumberOfMessagesVisible; the
 * sandbox has no SQS, so the test publishes it), growing only while a failing canary runs; and each service's processed
 * messages as the app would publish them (a custom metric with a ServiceName dimension), only while it runs tasks.
 */
function startPublisher(): { stop(): Promise<void> } {
  let depth = 4;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const [s, c] = await Promise.all([describe(STABLE), describe(CANARY)]);
      samples.push({
        at: Date.now(),
        stableDesired: s.desiredCount ?? 0,
        canaryDesired: c.desiredCount ?? 0,
        stableRunning: s.runningCount ?? 0,
        canaryRunning: c.runningCount ?? 0,
      });
      if (canaryFails) depth += c.runningCount ?? 0;
      const Timestamp = new Date();
      const processed = (svc: string, running: number): MetricDatum[] =>
        running > 0
          ? [
              {
                MetricName: 'MessagesProcessed',
                Dimensions: [{ Name: 'ServiceName', Value: svc }],
                Value: 5 * running,
                Timestamp,
                StorageResolution: 1,
              },
            ]
          : [];
      await cw.send(
        new PutMetricDataCommand({
          Namespace: 'AWS/SQS',
          MetricData: [
            {
              MetricName: 'ApproximateNumberOfMessagesVisible',
              Dimensions: [{ Name: 'QueueName', Value: QUEUE }],
              Value: depth,
              Timestamp,
              StorageResolution: 1,
            },
          ],
        }),
      );
      const app = [...processed(STABLE, s.runningCount ?? 0), ...processed(CANARY, c.runningCount ?? 0)];
      if (app.length > 0) await cw.send(new PutMetricDataCommand({ Namespace: 'Orders/Worker', MetricData: app }));
      await new Promise((r) => setTimeout(r, 250));
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await loop.catch(() => undefined);
    },
  };
}

before(async () => {
  sandbox = await withSandbox({ speed: 20 });
  clients = clientsFor(sandbox);
  ecs = await clients.ecs();
  cw = new CloudWatchClient(clientConfigFor(sandbox));
  await ecs.createCluster({ clusterName: CLUSTER }, signal);
  v1 = (
    await ecs.registerTaskDefinition(
      {
        family: STABLE,
        networkMode: 'awsvpc',
        requiresCompatibilities: ['FARGATE'],
        cpu: '256',
        memory: '512',
        containerDefinitions: [{ name: 'worker', image: 'cortado/demo-app:v1', essential: true, portMappings: [{ containerPort: 8080 }] }],
      },
      signal,
    )
  ).taskDefinition!.taskDefinitionArn!;
  // No loadBalancers on either service: a queue worker. The canary service exists, at 0 tasks, before the first release.
  await ecs.createService(service(STABLE, TOTAL), signal);
  await ecs.createService(service(CANARY, 0), signal);
  await eventually(async () => ((await describe(STABLE)).runningCount === TOTAL ? true : undefined), 300_000, 200, 'the stable tasks');
  publisher = startPublisher();
});

after(async () => {
  await publisher?.stop();
  cw?.destroy();
  clients?.close?.();
  await sandbox?.close();
});

/** Short intervals: the published metrics have 1 s resolution. */
const SECTION = {
  router: 'tasks',
  service: CANARY,
  steps: [33, 100],
  interval: '3s',
  analysis_interval: '1s',
  threshold: 2,
  no_data_limit: 8,
  metric_period: 1,
  poll: '200ms',
  lease: '3s',
  deploy_timeout: '180s',
  metrics: [
    {
      name: 'dlq-growth',
      max: 0,
      cloudwatch: {
        stat: 'increase',
        queries: [
          {
            Id: 'dlq',
            MetricStat: {
              Metric: {
                Namespace: 'AWS/SQS',
                MetricName: 'ApproximateNumberOfMessagesVisible',
                Dimensions: [{ Name: 'QueueName', Value: QUEUE }],
              },
              Period: 1,
              Stat: 'Maximum',
            },
          },
        ],
      },
    },
    {
      name: 'canary-processed',
      min: 1,
      cloudwatch: {
        stat: 'sum',
        queries: [
          {
            Id: 'processed',
            MetricStat: {
              Metric: {
                Namespace: 'Orders/Worker',
                MetricName: 'MessagesProcessed',
                Dimensions: [{ Name: 'ServiceName', Value: '${canary_service}' }],
              },
              Period: 1,
              Stat: 'Sum',
            },
          },
        ],
      },
    },
  ],
};

async function open(io: ReturnType<typeof recorder>, owner: string): Promise<OpenRelease> {
  const spec = parseCanaryConfig(SECTION, STABLE);
  return openRelease({ cluster: CLUSTER, stableService: STABLE, spec }, clientsFor(sandbox, actorKey(owner)), io, systemClock, owner);
}

/** A directory with a cortado.yml for the worker (the task definition file is required by the loader, unused here). */
async function configDir(section: Record<string, unknown>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cortado-worker-'));
  await writeFile(join(dir, 'taskdef.json'), JSON.stringify({ family: STABLE, containerDefinitions: [] }));
  const yaml = (await import('yaml')).stringify({
    region: sandbox.region,
    cluster: CLUSTER,
    service: STABLE,
    task_definition: 'taskdef.json',
    canary: section,
  });
  await writeFile(join(dir, 'cortado.yml'), yaml);
  return dir;
}

/** `cortado canary <args> --output json` in its own process, signing with `accessKeyId`; never throws on a non-zero exit. */
const cli = (dir: string, args: readonly string[], accessKeyId: string) =>
  run(process.execPath, [...nodeArgs(entry), 'canary', ...args, '--output', 'json'], {
    cwd: dir,
    env: { ...clientEnv(sandbox), AWS_ACCESS_KEY_ID: accessKeyId },
    maxBuffer: 16 * 1024 * 1024,
  }).then(
    (o) => ({ code: 0, ...o }),
    (e: { code?: number; stdout?: string; stderr?: string }) => ({
      code: typeof e.code === 'number' ? e.code : -1,
      stdout: e.stdout ?? '',
      stderr: e.stderr ?? '',
    }),
  );

const imageOf = async (td: string) =>
  (await ecs.describeTaskDefinition({ taskDefinition: td }, signal)).taskDefinition!.containerDefinitions![0]!.image;

test('a worker canary on a flat dead-letter queue: 1 of 3 tasks, then 2 of 3, then promoted — stable runs v2 on 3 tasks, canary 0', async () => {
  canaryFails = false;
  const io = recorder();
  const r = await open(io, 'worker-good');
  const from = samples.length;
  const out = await startRelease(r.target, r.deps, { kind: 'change', change: { image: { kind: 'tag', tag: 'v2' }, env: {} } }, signal);
  assert.equal(out.state?.outcome, 'succeeded', out.state?.reason);
  await assertCommandCalls(sandbox.endpoint, 'canary start', { accessKeyId: actorKey('worker-good') });
  assert.deepEqual(
    weightEvents(io.messages).map((w) => w.canary),
    [33, 100, 0],
  );
  assert.deepEqual(
    io.messages.filter((m) => m.code === 'CANARY_WEIGHTS_SET').map((m) => (m.data as { tasks?: unknown }).tasks),
    [
      { stable: 2, canary: 1 },
      { stable: 1, canary: 2 },
      { stable: 3, canary: 0 },
    ],
    'each weight is announced with the task counts that carry it',
  );
  const analyses = io.messages
    .filter((m) => m.code === 'CANARY_ANALYSIS')
    .map((m) => m.data as { verdict: { status: string; checks: { name: string; value?: number }[] } });
  const judged = analyses.filter((a) => a.verdict.status !== 'no-data');
  assert.ok(judged.length >= 2, `at least one judged analysis per step: ${JSON.stringify(analyses.map((a) => a.verdict))}`);
  assert.ok(
    judged.every((a) => a.verdict.status === 'pass' && a.verdict.checks.find((c) => c.name === 'dlq-growth')?.value === 0),
    'the queue did not grow',
  );
  // The weights were task counts of the 3 the stable service had: 1/2 at 33%, 2/1 at 100% (stable keeps one task).
  const seen = samples.slice(from);
  const pairs = new Set(seen.map((s) => `${s.canaryDesired}/${s.stableDesired}`));
  for (const p of ['1/2', '2/1']) assert.ok(pairs.has(p), `canary/stable desired ${p} seen (${[...pairs].join(', ')})`);
  assert.ok(
    seen.every((s) => s.stableDesired >= 1 && s.stableRunning >= 1),
    'stable never went below one task',
  );
  // End state through the ECS API: the same as the ALB flow's.
  const stable = await describe(STABLE);
  const canary = await describe(CANARY);
  assert.equal(stable.taskDefinition, out.state!.revision);
  assert.equal(await imageOf(stable.taskDefinition!), 'cortado/demo-app:v2');
  assert.equal(stable.desiredCount, TOTAL);
  assert.equal(canary.desiredCount, 0);
  assert.equal(canary.taskDefinition, out.state!.revision);
  await eventually(
    async () => {
      const [s, c] = await Promise.all([describe(STABLE), describe(CANARY)]);
      return s.runningCount === TOTAL && c.runningCount === 0 ? true : undefined;
    },
    120_000,
    200,
    'stable at 3 running tasks and the canary at none',
  );
  const tags = await readTags(ecs, canary.serviceArn!, signal);
  assert.equal(decodeState(tags)?.phase.kind, 'succeeded', 'the state lives on the canary service');
  assert.equal(
    tags.find((t) => t.key === TOTAL_TAG),
    undefined,
    'the total is forgotten once 100% is back on stable',
  );
});

test('a worker canary whose dead-letter queue grows is rolled back by `cortado canary start` (exit 3): canary 0, stable back to 3 on its revision', async () => {
  const before = await describe(STABLE);
  canaryFails = true;
  const dir = await configDir(SECTION);
  const accessKeyId = actorKey('worker-cli');
  const { code, stdout, stderr } = await cli(dir, ['start', '--tag', 'v3'], accessKeyId);
  canaryFails = false;
  assert.equal(code, EXIT.rolledBack, stderr);
  await assertCommandCalls(sandbox.endpoint, 'canary start', { accessKeyId });
  const release = (JSON.parse(stdout) as { release: { outcome: string; reason?: string } }).release;
  assert.equal(release.outcome, 'failed');
  assert.match(release.reason ?? '', /analysis failed 2 time\(s\), threshold 2: dlq-growth \d+ is above the maximum 0/);
  const stable = await describe(STABLE);
  const canary = await describe(CANARY);
  assert.equal(stable.taskDefinition, before.taskDefinition, 'stable keeps its revision');
  assert.equal(stable.desiredCount, TOTAL, 'stable is back to its size');
  assert.equal(canary.desiredCount, 0);
  assert.equal(await imageOf(canary.taskDefinition!), 'cortado/demo-app:v3');
  const tags = await readTags(ecs, canary.serviceArn!, signal);
  assert.equal(decodeState(tags)?.phase.kind, 'failed');
  assert.equal(
    tags.find((t) => t.key === TOTAL_TAG),
    undefined,
  );
  await eventually(
    async () => {
      const [s, c] = await Promise.all([describe(STABLE), describe(CANARY)]);
      return s.runningCount === TOTAL && c.runningCount === 0 ? true : undefined;
    },
    120_000,
    200,
    'stable at 3 running tasks and the canary at none',
  );
  const status = await cli(dir, ['status'], actorKey('worker-status'));
  assert.equal(status.code, EXIT.rolledBack, status.stderr);
  await assertCommandCalls(sandbox.endpoint, 'canary status', { accessKeyId: actorKey('worker-status') });
  const view = JSON.parse(status.stdout) as { router: string; weights: unknown; observed?: unknown; metrics: { name: string }[] };
  assert.equal(view.router, 'tasks');
  assert.deepEqual(view.weights, { stable: 100, canary: 0 }, 'the running tasks: all stable');
  assert.equal(view.observed, undefined, 'no load balancer, no request counts');
  assert.deepEqual(
    view.metrics.map((m) => m.name),
    ['dlq-growth', 'canary-processed'],
  );
});

test('router: tasks with a listener rule exits 2 before any AWS call, naming the field', async () => {
  const rule = 'arn:aws:elasticloadbalancing:us-east-1:000000000000:listener-rule/app/a/1111111111111111/2222222222222222/3333333333333333';
  const dir = await configDir({ ...SECTION, listener_rule: rule });
  const accessKeyId = actorKey('worker-bad');
  const out = await cli(dir, ['start', '--tag', 'v4'], accessKeyId);
  assert.equal(out.code, EXIT.badInput, out.stderr);
  assert.match(out.stdout + out.stderr, /canary\.listener_rule: expected nothing with router: tasks/);
  assert.deepEqual(await recordedCalls(sandbox.endpoint, { accessKeyId }), []);
});

test('a worker canary killed mid-release (stable shrunk) is finished by resume at the recorded total: stable back to 3 tasks', async () => {
  canaryFails = false;
  const dir = await configDir(SECTION);
  const child = spawn(process.execPath, [...nodeArgs(entry), 'canary', 'start', '--tag', 'v5', '--output', 'json'], {
    cwd: dir,
    env: { ...clientEnv(sandbox), AWS_ACCESS_KEY_ID: actorKey('worker-killed') },
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  try {
    const arn = (await describe(CANARY)).serviceArn!;
    await eventually(
      async () => {
        const s = decodeState(await readTags(ecs, arn, signal));
        // Step 1 (33%: stable at 2) as a rule; step 2 (stable at 1) when this machine is slow to look: either has shrunk stable.
        return s?.phase.kind === 'progressing' && s.phase.weightSet && ((await describe(STABLE)).desiredCount ?? TOTAL) < TOTAL
          ? true
          : undefined;
      },
      120_000,
      50,
      'a step with stable shrunk',
    );
    child.kill('SIGKILL');
    assert.equal(await exited, null, 'killed, not finished');
    assert.equal((await readTags(ecs, arn, signal)).find((t) => t.key === TOTAL_TAG)?.value, 'total=3');
    const io = recorder();
    const r = await open(io, 'worker-resumer');
    const out = await resumeRelease(r.target, r.deps, signal);
    assert.equal(out.state?.outcome, 'succeeded', out.state?.reason);
    await assertCommandCalls(sandbox.endpoint, 'canary resume', { accessKeyId: actorKey('worker-resumer') });
    const stable = await describe(STABLE);
    assert.equal(stable.desiredCount, TOTAL, 'the recorded total, not the count stable had when the controller died');
    assert.equal(await imageOf(stable.taskDefinition!), 'cortado/demo-app:v5');
    assert.equal((await describe(CANARY)).desiredCount, 0);
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
});
