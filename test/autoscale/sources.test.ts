// Load sources against local HTTP servers started here: stub_status, Prometheus text and JSON, counters as rates,
// a task that does not answer reported and left out (never zero); the CloudWatch sources against a fake seam.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GetMetricDataCommandInput } from '@aws-sdk/client-cloudwatch';
import { albSource } from '../../src/autoscale/sources/alb-source.js';
import { ecsMetricsSource } from '../../src/autoscale/sources/ecs-metrics-source.js';
import { jsonSource, readJsonPath } from '../../src/autoscale/sources/json-source.js';
import { sumLoad, type TaskTarget } from '../../src/autoscale/sources/load-source.js';
import { nginxSource, parseStubStatus } from '../../src/autoscale/sources/nginx-source.js';
import { prometheusSource, readPrometheus } from '../../src/autoscale/sources/prometheus-source.js';
import { taskAddress } from '../../src/autoscale/task-discovery.js';
import { systemClock } from '../../src/core/clock.js';

const STUB = (active: number, requests: number) =>
  `Active connections: ${active} \nserver accepts handled requests\n ${requests} ${requests} ${requests} \nReading: 0 Writing: 1 Waiting: 2 \n`;
const PROM = (inflight: number, total: number) =>
  `# HELP http_in_flight In-flight requests.\n# TYPE http_in_flight gauge\nhttp_in_flight{handler="/"} ${inflight}\nhttp_in_flight{handler="/health"} 1\n# TYPE http_requests_total counter\nhttp_requests_total{code="200",handler="/"} ${total}\nhttp_requests_total{code="500",handler="/"} 10 1700000000000\n`;

let server: Server;
let port = 0;
let requests = 1000;
const signal = new AbortController().signal;
const task = (id: string, address = '127.0.0.1', p?: number): TaskTarget => ({
  taskArn: `arn:aws:ecs:us-east-1:000000000000:task/c/${id}`,
  taskId: id,
  service: 'app',
  address,
  ...(p !== undefined ? { port: p } : {}),
});

before(async () => {
  server = createServer((req, res) => {
    requests += 50;
    if (req.url === '/nginx_status') return res.end(STUB(7, requests));
    if (req.url === '/metrics') return res.end(PROM(3, requests));
    if (req.url === '/load.json') return res.end(JSON.stringify({ load: { workers: [{ busy: 4 }] }, total: String(requests) }));
    res.statusCode = 404;
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
after(() => {
  server.closeAllConnections();
  server.close();
});

test('parsers: stub_status, Prometheus text (labels, summed series, timestamps), JSON paths', () => {
  assert.deepEqual(parseStubStatus(STUB(291, 31070465)), { active: 291, requests: 31070465 });
  assert.throws(() => parseStubStatus('<html>'), /not a stub_status page/);
  assert.equal(readPrometheus(PROM(3, 500), 'http_in_flight', { handler: '/' }), 3);
  assert.equal(readPrometheus(PROM(3, 500), 'http_in_flight', {}), 4, 'every series of the metric, summed');
  assert.equal(readPrometheus(PROM(3, 500), 'http_requests_total', { handler: '/' }), 510);
  assert.throws(() => readPrometheus(PROM(3, 500), 'http_in_flight', { handler: '/x' }), /no http_in_flight/);
  assert.equal(readJsonPath('{"a":{"b":[{"c":5}]}}', '$.a.b[0].c'), 5);
  assert.equal(readJsonPath('{"a":{"b":[{"c":"6"}]}}', 'a.b.0.c'), 6);
  assert.throws(() => readJsonPath('{"a":1}', '$.a.b'), /nothing at b/);
});

test('nginx: active connections per task; a task that does not answer is reported with the reason and left out', async () => {
  const src = nginxSource({ kind: 'nginx', measure: 'active', path: '/nginx_status', timeoutMs: 300 });
  try {
    const r = await src.read([task('a', '127.0.0.1', port), task('b', '127.0.0.1', 1), task('c', '127.0.0.1')], signal);
    assert.equal(r.tasks[0]!.load, 7);
    assert.equal(r.tasks[1]!.load, undefined);
    assert.match(r.tasks[1]!.error!, /ECONNREFUSED/);
    assert.equal(r.tasks[2]!.error, 'no port');
    assert.deepEqual(sumLoad(r, 3), { load: 7, missing: 2 });
    const down = await src.read([task('b', '127.0.0.1', 1)], signal);
    assert.deepEqual(sumLoad(down, 1), { load: undefined, missing: 1 }, 'all down is unknown, not zero');
  } finally {
    src.close?.();
  }
});

test('counters become rates per second between two polls; the first reading has none yet', async () => {
  const nginx = nginxSource({ kind: 'nginx', measure: 'requests', path: '/nginx_status', timeoutMs: 300 });
  const prom = prometheusSource({
    kind: 'prometheus',
    metric: 'http_requests_total',
    labels: { code: '200' },
    rate: true,
    path: '/metrics',
    timeoutMs: 300,
  });
  const json = jsonSource({ kind: 'json', query: '$.total', rate: true, path: '/load.json', timeoutMs: 300 });
  try {
    for (const src of [nginx, prom, json]) {
      const first = await src.read([task('a', '127.0.0.1', port)], signal);
      assert.equal(first.tasks[0]!.load, undefined, `${src.kind}: no rate from one reading`);
      await new Promise((r) => setTimeout(r, 100));
      const second = await src.read([task('a', '127.0.0.1', port)], signal);
      // The server adds 50 requests per answer, so the counter grew by exactly 50 between the two readings.
      assert.ok(second.tasks[0]!.load! > 0 && second.tasks[0]!.load! <= 50_000 / 100, `${src.kind}: ${second.tasks[0]!.load}`);
    }
    const gauge = jsonSource({ kind: 'json', query: 'load.workers[0].busy', rate: false, path: '/load.json', timeoutMs: 300 });
    assert.equal((await gauge.read([task('a', '127.0.0.1', port)], signal)).tasks[0]!.load, 4);
    gauge.close?.();
  } finally {
    for (const s of [nginx, prom, json]) s.close?.();
  }
});

test('a task address: the awsvpc ENI, a container interface, or a bridge binding with its host port', () => {
  const eni = { attachments: [{ type: 'ElasticNetworkInterface', details: [{ name: 'privateIPv4Address', value: '10.0.1.5' }] }] };
  assert.deepEqual(taskAddress(eni, 8080), { address: '10.0.1.5', port: 8080 });
  assert.deepEqual(taskAddress({ containers: [{ networkInterfaces: [{ privateIpv4Address: '10.0.1.6' }] }] }), { address: '10.0.1.6' });
  assert.deepEqual(taskAddress({ containers: [{ networkBindings: [{ bindIP: '127.0.1.9', hostPort: 32768, containerPort: 80 }] }] }), {
    address: '127.0.1.9',
    port: 32768,
  });
  assert.equal(taskAddress({ containers: [] }), undefined);
});

test('alb and ecs sources read the newest CloudWatch datapoint: a rate per target times the tasks, utilization times the tasks', async () => {
  const asked: GetMetricDataCommandInput[] = [];
  const cloudwatch = {
    getMetricData: async (input: GetMetricDataCommandInput) => {
      asked.push(input);
      const name = input.MetricDataQueries![0]!.MetricStat!.Metric!.MetricName;
      const values =
        name === 'RequestCountPerTarget' ? [1200, 600] : name === 'ActiveConnectionCount' ? [42] : name === 'CPUUtilization' ? [55] : [];
      return { $metadata: {}, MetricDataResults: [{ Id: 'load', Values: values, Timestamps: values.map(() => new Date()) }] };
    },
  };
  const elb = {
    describeTargetGroups: async () => ({
      $metadata: {},
      TargetGroups: [{ LoadBalancerArns: ['arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188'] }],
    }),
  };
  const tg = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/73e2d6bc24d8a067';
  const tasks = [task('a'), task('b'), task('c')];
  const rpt = albSource(
    { kind: 'alb', metric: 'RequestCountPerTarget', periodS: 60 },
    { cloudwatch, elb, clock: systemClock, serviceTargetGroupArn: tg },
  );
  assert.deepEqual(await rpt.read(tasks, signal), { tasks: [], total: 60 }, '1200 per target per minute = 20/s, times 3 tasks');
  assert.deepEqual(asked[0]!.MetricDataQueries![0]!.MetricStat!.Metric!.Dimensions, [
    { Name: 'TargetGroup', Value: 'targetgroup/web/73e2d6bc24d8a067' },
  ]);
  const conns = albSource(
    { kind: 'alb', metric: 'ActiveConnectionCount', periodS: 60 },
    { cloudwatch, elb, clock: systemClock, serviceTargetGroupArn: tg },
  );
  assert.deepEqual(await conns.read(tasks, signal), { tasks: [], total: 42 });
  assert.deepEqual(asked[1]!.MetricDataQueries![0]!.MetricStat!.Metric!.Dimensions, [
    { Name: 'LoadBalancer', Value: 'app/web/50dc6c495c0c9188' },
  ]);
  const cpu = ecsMetricsSource(
    { kind: 'ecs', metric: 'CPUUtilization', periodS: 20 },
    { cloudwatch, clock: systemClock, cluster: 'c', service: 'app' },
  );
  assert.deepEqual(await cpu.read(tasks, signal), { tasks: [], total: 165 });
  assert.equal(asked[2]!.MetricDataQueries![0]!.MetricStat!.Period, 20, 'the 20 s high-resolution metrics');
  const mem = ecsMetricsSource(
    { kind: 'ecs', metric: 'MemoryUtilization', periodS: 60 },
    { cloudwatch, clock: systemClock, cluster: 'c', service: 'app' },
  );
  const none = await mem.read(tasks, signal);
  assert.deepEqual(sumLoad(none, 3), { load: undefined, missing: 3 }, 'no datapoint: unknown, not zero');
  assert.throws(
    () => albSource({ kind: 'alb', metric: 'RequestCountPerTarget', periodS: 60 }, { cloudwatch, elb, clock: systemClock }),
    /no load balancer target group/,
  );
});
