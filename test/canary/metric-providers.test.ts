// The metric providers on the wire: CloudWatch (sandbox, datapoints put by hand), Prometheus and HTTP (local servers).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CloudWatchClient, PutMetricDataCommand, type MetricDatum } from '@aws-sdk/client-cloudwatch';
import { canaryAws, type CanaryAws } from '../../src/canary/aws/canary-aws.js';
import type { AwsClients } from '../../src/aws/aws-clients.js';
import type { MetricCheck } from '../../src/canary/canary-spec.js';
import { runAnalysis } from '../../src/canary/analysis-runner.js';
import { createMetricProviders, type ProviderFor } from '../../src/canary/metrics/create-metric-providers.js';
import { NoDataError, type MetricContext } from '../../src/canary/metrics/metric-provider.js';
import type { Sandbox } from '../../src/local/index.js';
import { withSandbox } from '../helpers/sandbox.js';
import { clientConfigFor, clientsFor } from './canary-fixtures.js';

let clients: AwsClients | undefined;

const LB = 'arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/app/m/1111111111111111';
const STABLE = 'arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/m-stable/2222222222222222';
const CANARY = 'arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/m-canary/3333333333333333';
const route = { loadBalancerArn: LB, stableTargetGroupArn: STABLE, canaryTargetGroupArn: CANARY };

let sandbox: Sandbox;
let aws: CanaryAws;
let providers: ProviderFor;
let server: Server;
let base = '';
const answers = new Map<string, { status: number; body: string }>();

before(async () => {
  sandbox = await withSandbox();
  clients = clientsFor(sandbox);
  aws = await canaryAws(clients);
  providers = createMetricProviders(aws.cloudwatch);
  server = createServer((req, res) => {
    const a = answers.get((req.url ?? '').split('?')[0]!) ?? { status: 404, body: '{}' };
    if (req.url?.startsWith('/api/v1/query'))
      answers.set('last-query', { status: 0, body: decodeURIComponent(req.url.split('query=')[1]!.split('&')[0]!) });
    res.writeHead(a.status, { 'content-type': 'application/json' }).end(a.body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  clients?.close?.();
  server?.closeAllConnections();
  await new Promise<void>((r) => server?.close(() => r()));
  await sandbox?.close();
});

const dims = (tg: string) => [
  { Name: 'TargetGroup', Value: tg.slice(tg.lastIndexOf(':') + 1) },
  { Name: 'LoadBalancer', Value: 'app/m/1111111111111111' },
];

/** ALB-style data for one target group, one datum per second over `seconds` ending now: only non-zero counts are published. */
async function publish(
  tg: string,
  perSecond: { requests: number; errors: number; latencies: number[] },
  seconds: number,
  end: number,
): Promise<void> {
  const cw = new CloudWatchClient(clientConfigFor(sandbox));
  const data: MetricDatum[] = [];
  for (let s = 0; s < seconds; s++) {
    const Timestamp = new Date(end - (s + 1) * 1000 + 100);
    data.push({
      MetricName: 'RequestCount',
      Dimensions: dims(tg),
      Value: perSecond.requests,
      Unit: 'Count',
      Timestamp,
      StorageResolution: 1,
    });
    if (perSecond.errors > 0)
      data.push({
        MetricName: 'HTTPCode_Target_5XX_Count',
        Dimensions: dims(tg),
        Value: perSecond.errors,
        Unit: 'Count',
        Timestamp,
        StorageResolution: 1,
      });
    data.push({
      MetricName: 'TargetResponseTime',
      Dimensions: dims(tg),
      Values: perSecond.latencies,
      Unit: 'Seconds',
      Timestamp,
      StorageResolution: 1,
    });
  }
  for (let i = 0; i < data.length; i += 500)
    await cw.send(new PutMetricDataCommand({ Namespace: 'AWS/ApplicationELB', MetricData: data.slice(i, i + 500) }));
  cw.destroy();
}

const ctx = (start: number, end: number, minRequests = 20): MetricContext => ({
  window: { start: new Date(start), end: new Date(end) },
  baseline: { start: new Date(start - 60_000), end: new Date(end) },
  route,
  minRequests,
  periodS: 1,
});
const signal = new AbortController().signal;

test('cloudwatch built-ins: success rate with missing 5xx as zero, latency at a percentile, the stable comparison, and no data', async () => {
  const end = Math.floor(Date.now() / 1000) * 1000;
  await publish(STABLE, { requests: 50, errors: 1, latencies: [0.01, 0.02] }, 10, end);
  await publish(CANARY, { requests: 10, errors: 2, latencies: [0.005, 0.3] }, 5, end);
  const checks: MetricCheck[] = [
    { kind: 'success-rate', name: 'success-rate', bounds: { min: 90 } },
    { kind: 'latency', name: 'latency', percentile: 99, bounds: { max: 250 } },
    { kind: 'error-rate-vs-stable', name: 'vs-stable', bounds: { max: 5 } },
  ];
  const v = await runAnalysis(checks, providers, ctx(end - 5000, end), signal);
  assert.deepEqual(
    v.checks.map((c) => [c.name, c.status, Number(c.value?.toFixed(2))]),
    [
      ['success-rate', 'fail', 80],
      ['latency', 'fail', 300],
      ['vs-stable', 'fail', 18],
    ],
  );
  assert.equal(v.requests, 50);
  const stableOnly = await providers(checks[0]!).query(
    checks[0]!,
    { ...ctx(end - 5000, end), route: { ...route, canaryTargetGroupArn: STABLE } },
    signal,
  );
  assert.equal(stableOnly.value, 98, '1 error in 50 requests');
  const quiet = await runAnalysis([checks[0]!], providers, ctx(end - 5000, end, 100), signal);
  assert.equal(quiet.status, 'no-data');
  assert.match(quiet.checks[0]!.reason!, /50 canary requests, fewer than min_requests 100/);
  const none = await runAnalysis([checks[0]!], providers, ctx(end - 60_000, end - 30_000), signal);
  assert.match(none.checks[0]!.reason!, /no RequestCount datapoints for the canary target group/);
  // 5xx missing entirely: zero errors, not "no data".
  const later = end + 20_000;
  await publish(CANARY, { requests: 30, errors: 0, latencies: [0.01] }, 3, later);
  assert.equal((await providers(checks[0]!).query(checks[0]!, ctx(later - 3000, later), signal)).value, 100);
});

test("cloudwatch custom queries: placeholders become the release's dimension values; the window's datapoints are reduced", async () => {
  const end = Math.floor(Date.now() / 1000) * 1000 + 60_000;
  await publish(CANARY, { requests: 7, errors: 0, latencies: [0.01] }, 4, end);
  const check: MetricCheck = {
    kind: 'cloudwatch',
    name: 'canary-requests',
    resultId: 'm1',
    stat: 'sum',
    bounds: { min: 1 },
    queries: [
      {
        Id: 'm1',
        MetricStat: {
          Metric: {
            Namespace: 'AWS/ApplicationELB',
            MetricName: 'RequestCount',
            Dimensions: [
              { Name: 'TargetGroup', Value: '${canary_target_group}' },
              { Name: 'LoadBalancer', Value: '${load_balancer}' },
            ],
          },
          Period: 1,
          Stat: 'Sum',
        },
      },
    ],
  };
  assert.equal((await providers(check).query(check, ctx(end - 4000, end), signal)).value, 28);
  await assert.rejects(providers(check).query(check, ctx(end - 600_000, end - 500_000), signal), NoDataError);
});

test("prometheus: instant query at the window's end with ${window}; empty vectors are no data; errors fail", async () => {
  const check: MetricCheck = {
    kind: 'prometheus',
    name: 'p99',
    url: base,
    query: 'histogram_quantile(0.99, rate(x[${window}]))',
    bounds: { max: 0.5 },
  };
  answers.set('/api/v1/query', {
    status: 200,
    body: JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [{ metric: {}, value: [1, '0.42'] }] } }),
  });
  const now = Date.now();
  assert.equal((await providers(check).query(check, ctx(now - 45_000, now), signal)).value, 0.42);
  assert.equal(answers.get('last-query')?.body, 'histogram_quantile(0.99, rate(x[45s]))');
  answers.set('/api/v1/query', { status: 200, body: JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [] } }) });
  assert.equal((await runAnalysis([check], providers, ctx(now - 45_000, now), signal)).status, 'no-data');
  answers.set('/api/v1/query', { status: 400, body: JSON.stringify({ status: 'error', error: 'parse error' }) });
  const bad = await runAnalysis([check], providers, ctx(now - 45_000, now), signal);
  assert.equal(bad.status, 'fail');
  assert.match(bad.checks[0]!.reason!, /refused .* parse error/);
});

test('http: status checks read 1 or fail; JSON paths read numbers and booleans', async () => {
  const now = Date.now();
  answers.set('/health', { status: 200, body: JSON.stringify({ checks: [{ db: true, lag: 3 }] }) });
  answers.set('/down', { status: 503, body: '{}' });
  const status: MetricCheck = {
    kind: 'http',
    name: 'smoke',
    url: `${base}/health`,
    method: 'GET',
    expectStatus: [200, 299],
    bounds: { min: 1 },
    timeoutMs: 2000,
  };
  const lag: MetricCheck = { ...status, name: 'lag', jsonPath: '$.checks[0].lag', bounds: { max: 5 } };
  const db: MetricCheck = { ...status, name: 'db', jsonPath: '$.checks[0].db', bounds: { min: 1 } };
  const missing: MetricCheck = { ...status, name: 'gone', jsonPath: '$.nothing', bounds: { min: 1 } };
  const down: MetricCheck = { ...status, name: 'down', url: `${base}/down` };
  const v = await runAnalysis([status, lag, db, missing, down], providers, ctx(now - 1000, now), signal);
  assert.deepEqual(
    v.checks.map((c) => [c.name, c.status, c.value]),
    [
      ['smoke', 'pass', 1],
      ['lag', 'pass', 3],
      ['db', 'pass', 1],
      ['gone', 'no-data', undefined],
      ['down', 'fail', undefined],
    ],
  );
  assert.match(v.checks[4]!.reason!, /answered 503, expected 200-299/);
});
