// Table tests of the task-count router: the split, the recorded total, the ECS calls in order, `router: tasks` validation, `stat: increase`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import type { MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import type { Service } from '@aws-sdk/client-ecs';
import { parseCanaryConfig } from '../../../src/canary/config/canary-config.js';
import { createCloudWatchProvider } from '../../../src/canary/metrics/cloudwatch-provider.js';
import { NoDataError } from '../../../src/canary/metrics/metric-provider.js';
import {
  createTaskCountRouter,
  decodeTotal,
  encodeTotal,
  TOTAL_TAG,
  taskSplit,
  type TaskCountEcs,
} from '../../../src/canary/routers/task-count-router.js';
import type { CanaryCloudWatch } from '../../../src/canary/aws/canary-aws.js';
import { UsageError } from '../../../src/core/errors.js';
import type { CanaryStatusView } from '../../../src/canary/canary-status.js';
import { renderStatus } from '../../../src/cli/commands/canary-view.js';
import { EXIT, exitCodeOfError } from '../../../src/core/exit-codes.js';

const signal = new AbortController().signal;

test('taskSplit: canary round(total × w / 100), at least 1, stable never below 1; 0% is stable at full size', () => {
  const cases: [number, number, number, number][] = [
    // total, weight, canary, stable
    [4, 0, 0, 4],
    [4, 10, 1, 3], // 0.4 rounds to 0, but a weight above 0 runs one canary task
    [4, 25, 1, 3],
    [4, 50, 2, 2],
    [4, 60, 2, 2], // 2.4
    [4, 63, 3, 1], // 2.52
    [4, 100, 3, 1], // stable keeps one task until the promotion
    [3, 33, 1, 2],
    [3, 50, 2, 1], // 1.5 rounds half up
    [3, 100, 2, 1],
    [2, 50, 1, 1],
    [2, 100, 1, 1],
    [1, 10, 1, 1], // a single task: one of each, two in all
    [1, 100, 1, 1],
    [1, 0, 0, 1],
    [10, 5, 1, 9],
    [10, 25, 3, 7], // 2.5 rounds half up
    [10, 95, 9, 1],
  ];
  for (const [total, w, canary, stable] of cases) assert.deepEqual(taskSplit(total, w), { canary, stable }, `total ${total} at ${w}%`);
});

test('the recorded total round-trips through its tag value; anything else is not a total', () => {
  assert.equal(decodeTotal(encodeTotal(7)), 7);
  assert.equal(decodeTotal(undefined), undefined);
  assert.equal(decodeTotal('total=x'), undefined);
  assert.equal(decodeTotal('7'), undefined);
});

/** ECS as the router sees it: two services with desired/running counts and the canary service's tags; every call logged. */
function fakeEcs(stableDesired: number, opts: { canary?: boolean; tags?: Record<string, string> } = {}) {
  const calls: string[] = [];
  const svc: Record<string, Service> = {
    w: { serviceName: 'w', serviceArn: 'arn:w', status: 'ACTIVE', desiredCount: stableDesired, runningCount: stableDesired },
    ...(opts.canary === false
      ? {}
      : { 'w-canary': { serviceName: 'w-canary', serviceArn: 'arn:w-canary', status: 'ACTIVE', desiredCount: 0, runningCount: 0 } }),
  };
  const tags = new Map(Object.entries(opts.tags ?? {}));
  const ecs: TaskCountEcs = {
    describeServices: async (i) => ({ services: (i.services ?? []).flatMap((n) => (svc[n] ? [svc[n]] : [])), $metadata: {} }),
    updateService: async (i) => {
      calls.push(`update ${i.service} ${i.desiredCount}`);
      svc[i.service!]!.desiredCount = i.desiredCount!;
      return { $metadata: {} };
    },
    listTagsForResource: async () => ({ tags: [...tags].map(([key, value]) => ({ key, value })), $metadata: {} }),
    tagResource: async (i) => {
      for (const t of i.tags ?? []) tags.set(t.key!, t.value!);
      calls.push(`tag ${(i.tags ?? []).map((t) => `${t.key}=${t.value}`).join(',')}`);
      return { $metadata: {} };
    },
    untagResource: async (i) => {
      for (const k of i.tagKeys ?? []) tags.delete(k);
      calls.push(`untag ${(i.tagKeys ?? []).join(',')}`);
      return { $metadata: {} };
    },
  };
  return { ecs, calls, svc, tags };
}

const target = { cluster: 'c', stableService: 'w', canaryService: 'w-canary' };

test('setWeights sizes the canary, then stable, from the recorded total; 0% restores stable and forgets the total', async () => {
  const f = fakeEcs(3, { tags: { [TOTAL_TAG]: 'total=4' } });
  const router = createTaskCountRouter(f.ecs);
  await router.setWeights(target, { stable: 75, canary: 25 }, signal);
  await router.setWeights(target, { stable: 0, canary: 100 }, signal);
  await router.setWeights(target, { stable: 100, canary: 0 }, signal);
  assert.deepEqual(f.calls, [
    'update w-canary 1',
    'update w 3',
    'update w-canary 3',
    'update w 1',
    'update w-canary 0',
    'update w 4',
    `untag ${TOTAL_TAG}`,
  ]);
  // Without a recorded total (a repeated 0% after the tag went), stable's own desired count is the total: nothing moves.
  f.calls.length = 0;
  await router.setWeights(target, { stable: 100, canary: 0 }, signal);
  assert.deepEqual(f.calls, ['update w-canary 0', 'update w 4', `untag ${TOTAL_TAG}`]);
});

test('getWeights is the running tasks’ share, not the desired one', async () => {
  const f = fakeEcs(4);
  const router = createTaskCountRouter(f.ecs);
  f.svc.w!.runningCount = 3;
  f.svc['w-canary']!.runningCount = 1;
  f.svc['w-canary']!.desiredCount = 2;
  assert.deepEqual(await router.getWeights(target, signal), { stable: 75, canary: 25 });
  f.svc.w!.runningCount = 0;
  f.svc['w-canary']!.runningCount = 0;
  assert.deepEqual(await router.getWeights(target, signal), { stable: 0, canary: 0 });
});

test('reconcile changes nothing, names the services for the queries, and refuses a missing canary service or a stable service at 0', async () => {
  const ok = fakeEcs(2);
  const route = await createTaskCountRouter(ok.ecs).reconcile(target, signal);
  assert.deepEqual(route.services, { cluster: 'c', stable: 'w', canary: 'w-canary' });
  assert.deepEqual(ok.calls, []);
  await assert.rejects(
    createTaskCountRouter(fakeEcs(2, { canary: false }).ecs).reconcile(target, signal),
    (e: unknown) => e instanceof UsageError && e.code === 'CANARY_SERVICE_NOT_FOUND' && /desiredCount 0/.test(String(e.hint)),
  );
  await assert.rejects(
    createTaskCountRouter(fakeEcs(0).ecs).reconcile(target, signal),
    (e: unknown) => e instanceof UsageError && e.code === 'CANARY_TASKS_NO_STABLE',
  );
});

const WORKER_METRIC = {
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
            Dimensions: [{ Name: 'QueueName', Value: 'orders-dlq' }],
          },
          Period: 60,
          Stat: 'Maximum',
        },
      },
    ],
  },
};

const parse = (section: Record<string, unknown>) => parseCanaryConfig(section, 'w', { file: 'cortado.yml' });

/** The UsageError a bad section raises: exit 2, naming the file and the field. */
function usage(section: Record<string, unknown>, field: string, text: RegExp): void {
  assert.throws(
    () => parse(section),
    (e: unknown) => {
      assert.ok(e instanceof UsageError, String(e));
      assert.equal(e.code, 'CANARY_CONFIG');
      assert.equal(exitCodeOfError(e), EXIT.badInput);
      assert.equal(e.field, field);
      assert.ok(e.message.includes(`cortado.yml: ${field}`), e.message);
      assert.match(e.message, text);
      return true;
    },
  );
}

test('router: tasks parses with the canary service (default <service>-canary) and refuses what needs a load balancer', () => {
  const spec = parse({ router: 'tasks', steps: [25, 50, 100], metrics: [WORKER_METRIC] });
  assert.deepEqual(spec.router, { kind: 'tasks', canaryService: 'w-canary' });
  assert.equal(spec.metrics[0]?.kind === 'cloudwatch' && spec.metrics[0].stat, 'increase');
  assert.deepEqual(parse({ router: 'tasks', service: 'w-next', metrics: [WORKER_METRIC] }).router, {
    kind: 'tasks',
    canaryService: 'w-next',
  });
  usage({ router: 'task', metrics: [WORKER_METRIC] }, 'canary.router', /one of alb, ecs-native, tasks \(did you mean "tasks"\?\)/);
  usage(
    {
      router: 'tasks',
      listener_rule: 'arn:aws:elasticloadbalancing:us-east-1:000000000000:listener-rule/app/a/1/2/3',
      metrics: [WORKER_METRIC],
    },
    'canary.listener_rule',
    /nothing with router: tasks/,
  );
  usage({ router: 'tasks', canary_tasks: 2, metrics: [WORKER_METRIC] }, 'canary.canary_tasks', /weight sets the task counts/);
  usage({ router: 'tasks' }, 'canary.metrics', /checks for router: tasks/);
  usage({ router: 'tasks', metrics: [WORKER_METRIC, { name: 'success-rate', min: 99 }] }, 'canary.metrics[1].name', /no load balancer/);
  usage({ router: 'tasks', service: 'w', metrics: [WORKER_METRIC] }, 'canary.service', /other than the stable one/);
  usage(
    { router: 'tasks', metrics: [{ ...WORKER_METRIC, cloudwatch: { ...WORKER_METRIC.cloudwatch, stat: 'increse' } }] },
    'canary.metrics[0].cloudwatch.stat',
    /did you mean "increase"/,
  );
});

/** GetMetricData answering `values` for every query, and recording the queries it was sent. */
function fakeCloudWatch(values: number[]): { cw: CanaryCloudWatch; sent: MetricDataQuery[][] } {
  const sent: MetricDataQuery[][] = [];
  return {
    sent,
    cw: {
      getMetricData: async (i) => {
        sent.push(i.MetricDataQueries ?? []);
        return {
          MetricDataResults: (i.MetricDataQueries ?? []).map((q) => ({
            Id: q.Id,
            Values: values,
            Timestamps: values.map(() => new Date()),
          })),
        };
      },
    } as CanaryCloudWatch,
  };
}

test('stat increase is the last datapoint minus the first; one datapoint is not enough data; ${canary_service} names the canary service', async () => {
  const window = { start: new Date(0), end: new Date(60_000) };
  const ctx = {
    window,
    baseline: window,
    minRequests: 1,
    periodS: 1,
    route: {
      loadBalancerArn: '',
      stableTargetGroupArn: '',
      canaryTargetGroupArn: '',
      services: { cluster: 'c', stable: 'w', canary: 'w-canary' },
    },
  };
  const check = {
    kind: 'cloudwatch' as const,
    name: 'failed',
    stat: 'increase' as const,
    resultId: 'f',
    bounds: { max: 0 },
    queries: [
      {
        Id: 'f',
        MetricStat: {
          Metric: { Namespace: 'Orders', MetricName: 'Failed', Dimensions: [{ Name: 'ServiceName', Value: '${canary_service}' }] },
          Period: 1,
          Stat: 'Maximum',
        },
      },
    ],
  };
  const growing = fakeCloudWatch([3, 3, 5, 9]);
  assert.deepEqual(await createCloudWatchProvider(growing.cw).query(check, ctx, signal), { value: 6 });
  assert.equal(growing.sent[0]![0]!.MetricStat!.Metric!.Dimensions![0]!.Value, 'w-canary');
  assert.deepEqual(await createCloudWatchProvider(fakeCloudWatch([9, 4]).cw).query(check, ctx, signal), { value: -5 });
  await assert.rejects(createCloudWatchProvider(fakeCloudWatch([3]).cw).query(check, ctx, signal), NoDataError);
});

test('the example worker config (examples/canary-worker) is a valid router: tasks section', async () => {
  const file = fileURLToPath(new URL('../../../examples/canary-worker/cortado.yml', import.meta.url));
  const doc = parseYaml(await readFile(file, 'utf8')) as { service: string; canary: unknown };
  const warnings: string[] = [];
  const spec = parseCanaryConfig(doc.canary, doc.service, { file, strict: true, warn: (m) => warnings.push(m) });
  assert.deepEqual(spec.router, { kind: 'tasks', canaryService: 'orders-worker-canary' });
  assert.deepEqual(
    spec.metrics.map((m) => [m.name, m.kind === 'cloudwatch' ? m.stat : m.kind]),
    [
      ['dlq-growth', 'increase'],
      ['canary-failure-ratio', 'average'],
      ['canary-processed', 'sum'],
    ],
  );
  assert.deepEqual(warnings, []);
});

test('status text of a task-count release: the running tasks and their share, no request counts', () => {
  const view: CanaryStatusView = {
    router: 'tasks',
    steps: [25, 50, 100],
    paused: false,
    weights: { stable: 25, canary: 75 },
    metrics: [{ name: 'dlq-growth', bounds: { max: 0 }, status: 'pass', value: 0 }],
    services: [
      { role: 'stable', name: 'w', desired: 1, running: 1, pending: 0, taskDefinition: 'td:1', images: ['app:v1'] },
      { role: 'canary', name: 'w-canary', desired: 3, running: 3, pending: 0, taskDefinition: 'td:2', images: ['app:v2'] },
    ],
    events: [],
    at: 0,
  };
  const text = renderStatus(view, 'w');
  assert.match(text, /^ {2}tasks {6}running stable 1 \/ canary 3 {3}canary share 75%$/m);
  assert.doesNotMatch(text, /requests|weights {4}set/);
});
