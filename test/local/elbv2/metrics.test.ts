import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Sandbox } from '../../../src/local/index.js';
import { createCloudWatchService } from '../../../src/local/services/cloudwatch/cloudwatch-service.js';
import { createElbv2Service } from '../../../src/local/services/elbv2/elbv2-service.js';
import { boto3, eventually, withSandbox } from '../../helpers/sandbox.js';
import { BOTO3_SETUP, elb, listenerUrl, startTarget, tally, type TestTarget } from './alb-fixtures.js';

describe('ALB data plane: AWS/ApplicationELB metrics in CloudWatch', () => {
  let sandbox: Sandbox;
  let arns: { lb: string; listener: string; v1: string; v2: string };
  let v1: TestTarget, v2: TestTarget;
  let v2Count = 0;

  type Query = readonly [metric: string, dims: Record<string, string>, stat: string];
  /** One GetMetricData call over the last ten minutes (60 s periods); the values of each query, newest first. */
  const fetchMetrics = async (queries: Record<string, Query>): Promise<Record<string, number[]>> => {
    const q = Object.entries(queries).map(([id, [metric, dims, stat]]) => ({
      Id: id,
      MetricStat: {
        Metric: {
          Namespace: 'AWS/ApplicationELB',
          MetricName: metric,
          Dimensions: Object.entries(dims).map(([Name, Value]) => ({ Name, Value })),
        },
        Period: 60,
        Stat: stat,
      },
    }));
    const r = await boto3(
      sandbox,
      `import datetime
cw=boto3.client('cloudwatch',endpoint_url=endpoint,region_name=region)
now=datetime.datetime.now(datetime.timezone.utc)
out=cw.get_metric_data(MetricDataQueries=json.loads(${JSON.stringify(JSON.stringify(q))}),StartTime=now-datetime.timedelta(minutes=10),EndTime=now+datetime.timedelta(minutes=1))
print(json.dumps({r['Id']: r['Values'] for r in out['MetricDataResults']}))`,
    );
    assert.equal(r.code, 0, r.stderr);
    return r.json as Record<string, number[]>;
  };
  const total = (values: number[] | undefined) => (values ?? []).reduce((a, b) => a + b, 0);
  const dim = (arn: string) =>
    arn.includes(':targetgroup/') ? `targetgroup/${arn.split(':targetgroup/')[1]}` : arn.split(':loadbalancer/')[1]!;

  before(async () => {
    sandbox = await withSandbox({ factories: [createCloudWatchService, createElbv2Service], speed: 50 });
    [v1, v2] = await Promise.all([
      startTarget('127.0.3.21', 'v1'),
      startTarget('127.0.3.22', 'v2', (req, res) => {
        if (req.url === '/health') {
          res.writeHead(200);
          res.end();
          return;
        }
        v2Count++;
        // Every fifth request fails: a 20% error rate, deterministic.
        res.writeHead(v2Count % 5 === 0 ? 500 : 200);
        res.end(v2Count % 5 === 0 ? 'v2 error' : 'v2');
      }),
    ]);
    arns = await elb(
      sandbox,
      `${BOTO3_SETUP}
x = lb('metrics-lb'); v1 = tg('v1', ${v1.port}); v2 = tg('v2', ${v2.port}); empty = tg('empty', 80)
register(v1, ('${v1.ip}', ${v1.port})); register(v2, ('${v2.ip}', ${v2.port}))
l = listener(x, 8080, [{'Type': 'forward', 'ForwardConfig': {'TargetGroups': [{'TargetGroupArn': v1, 'Weight': 80}, {'TargetGroupArn': v2, 'Weight': 20}]}}])
elb.create_rule(ListenerArn=l, Priority=1, Conditions=[{'Field': 'path-pattern', 'Values': ['/none']}], Actions=[{'Type': 'forward', 'TargetGroupArn': empty}])
print(json.dumps({'lb': x, 'listener': l, 'v1': v1, 'v2': v2}))`,
    );
    await eventually(
      async () => {
        const h = await elb<string[]>(
          sandbox,
          `print(json.dumps([d['TargetHealth']['State'] for t in ['${arns.v1}', '${arns.v2}'] for d in elb.describe_target_health(TargetGroupArn=t)['TargetHealthDescriptions']]))`,
        );
        return h.every((s) => s === 'healthy') ? true : undefined;
      },
      20_000,
      200,
      'targets healthy',
    );
  });
  after(async () => {
    await sandbox.close();
    await Promise.all([v1.close(), v2.close()]);
  });

  it("counts requests per target group exactly as the client saw them, and the targets' 5xx", async () => {
    const url = await listenerUrl(sandbox, arns.listener);
    const counts = await tally(url, 600);
    const none = await tally(url, 7, { path: '/none' });
    const seenV1 = counts.get('v1') ?? 0;
    const seenV2 = (counts.get('v2') ?? 0) + (counts.get('HTTP 500') ?? 0);
    assert.equal(seenV1 + seenV2, 600);
    assert.deepEqual([...none], [['HTTP 503', 7]]);
    const lb = dim(arns.lb);
    const g1 = { TargetGroup: dim(arns.v1), LoadBalancer: lb };
    const g2 = { TargetGroup: dim(arns.v2), LoadBalancer: lb };
    const m = await fetchMetrics({
      req1: ['RequestCount', g1, 'Sum'],
      req2: ['RequestCount', g2, 'Sum'],
      reqLb: ['RequestCount', { LoadBalancer: lb }, 'Sum'],
      t5xx: ['HTTPCode_Target_5XX_Count', g2, 'Sum'],
      t2xx: ['HTTPCode_Target_2XX_Count', g1, 'Sum'],
      e503: ['HTTPCode_ELB_503_Count', { LoadBalancer: lb }, 'Sum'],
      e5xx: ['HTTPCode_ELB_5XX_Count', { LoadBalancer: lb }, 'Sum'],
      trtCount: ['TargetResponseTime', g1, 'SampleCount'],
      trtMax: ['TargetResponseTime', { LoadBalancer: lb }, 'Maximum'],
    });
    assert.equal(total(m.req1), seenV1);
    assert.equal(total(m.req2), seenV2);
    assert.equal(total(m.reqLb), 600, 'requests the load balancer answered itself are not in RequestCount');
    assert.equal(total(m.t5xx), counts.get('HTTP 500') ?? 0);
    assert.equal(total(m.t2xx), seenV1);
    assert.equal(total(m.e503), 7);
    assert.equal(total(m.e5xx), 7);
    assert.equal(total(m.trtCount), seenV1);
    const slowest = Math.max(...(m.trtMax ?? []));
    assert.ok(slowest > 0 && slowest < 5, `TargetResponseTime is in seconds, got ${slowest}`);
  });

  it('publishes HealthyHostCount and UnHealthyHostCount per target group and load balancer', async () => {
    const dims = { TargetGroup: dim(arns.v1), LoadBalancer: dim(arns.lb) };
    const m = await fetchMetrics({ healthy: ['HealthyHostCount', dims, 'Maximum'], unhealthy: ['UnHealthyHostCount', dims, 'Maximum'] });
    assert.ok((m.healthy ?? []).length > 0, 'HealthyHostCount has datapoints');
    assert.equal(Math.max(...m.healthy!), 1);
    assert.equal(Math.max(...(m.unhealthy ?? [])), 0);
  });
});

describe('ALB TargetResponseTime values', () => {
  it('keep three significant digits, so a second of traffic holds a bounded set of distinct values', async () => {
    const { responseTimeValue } = await import('../../../src/local/dataplane/alb-metrics.js');
    assert.equal(responseTimeValue(0.0123456), 0.0123);
    assert.equal(responseTimeValue(1.23456), 1.23);
    assert.equal(responseTimeValue(0.000456789), 0.000457);
    assert.equal(responseTimeValue(0), 0);
    const distinct = new Set(Array.from({ length: 10_000 }, (_, i) => responseTimeValue(0.001 + i * 0.0000013)));
    assert.ok(distinct.size <= 1_000, `${distinct.size} distinct values for 10,000 latencies between 1 and 14 ms`);
    for (const v of [0.0001234, 0.0456, 0.999, 12.34]) assert.ok(Math.abs(responseTimeValue(v) - v) / v <= 0.005, String(v));
  });
});
