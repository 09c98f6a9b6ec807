import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SandboxEnv } from '../../../src/local/env.js';
import type { Sandbox } from '../../../src/local/index.js';
import { createCloudWatchService } from '../../../src/local/services/cloudwatch/cloudwatch-service.js';
import { awsCli, boto3, withSandbox } from '../../helpers/sandbox.js';

interface Result {
  Id: string;
  Label: string;
  Timestamps: Array<number | string>;
  Values: number[];
  StatusCode: string;
}

const minute = 60_000;
const epoch = (ms: number) => Math.floor(ms / 1000);

describe('CloudWatch metrics with the AWS CLI and boto3 (JSON 1.0)', () => {
  let sandbox: Sandbox;
  let dir: string;
  let env: SandboxEnv;
  before(async () => {
    sandbox = await withSandbox({
      factories: [
        (e) => {
          env = e;
          return createCloudWatchService(e);
        },
      ],
    });
    dir = mkdtempSync(join(tmpdir(), 'cortado-cw-'));
  });
  after(async () => {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sums exactly what the CLI put, whatever the dimension order', async () => {
    const data = [
      {
        MetricName: 'RequestCount',
        Dimensions: [
          { Name: 'LoadBalancer', Value: 'app/lb/1' },
          { Name: 'TargetGroup', Value: 'targetgroup/tg/2' },
        ],
        Values: [1],
        Counts: [37],
        Unit: 'Count',
      },
      {
        MetricName: 'RequestCount',
        Dimensions: [
          { Name: 'TargetGroup', Value: 'targetgroup/tg/2' },
          { Name: 'LoadBalancer', Value: 'app/lb/1' },
        ],
        Value: 5,
        Unit: 'Count',
      },
    ];
    const put = await awsCli(sandbox, ['cloudwatch', 'put-metric-data', '--namespace', 'Test/Sums', '--metric-data', JSON.stringify(data)]);
    assert.equal(put.code, 0, put.stderr);
    const now = Date.now();
    const query = [
      {
        Id: 'sum',
        MetricStat: {
          Metric: {
            Namespace: 'Test/Sums',
            MetricName: 'RequestCount',
            Dimensions: [
              { Name: 'TargetGroup', Value: 'targetgroup/tg/2' },
              { Name: 'LoadBalancer', Value: 'app/lb/1' },
            ],
          },
          Period: 60,
          Stat: 'Sum',
        },
      },
      {
        Id: 'n',
        MetricStat: {
          Metric: {
            Namespace: 'Test/Sums',
            MetricName: 'RequestCount',
            Dimensions: [
              { Name: 'LoadBalancer', Value: 'app/lb/1' },
              { Name: 'TargetGroup', Value: 'targetgroup/tg/2' },
            ],
          },
          Period: 60,
          Stat: 'SampleCount',
        },
      },
    ];
    const r = await awsCli(sandbox, [
      'cloudwatch',
      'get-metric-data',
      '--start-time',
      String(epoch(now - 10 * minute)),
      '--end-time',
      String(epoch(now + minute)),
      '--metric-data-queries',
      JSON.stringify(query),
    ]);
    assert.equal(r.code, 0, r.stderr);
    const results = (r.json as { MetricDataResults: Result[] }).MetricDataResults;
    assert.equal(
      results[0]!.Values.reduce((a, b) => a + b, 0),
      42,
    );
    assert.equal(results[0]!.Label, 'RequestCount');
    assert.equal(results[0]!.StatusCode, 'Complete');
    assert.equal(
      results[1]!.Values.reduce((a, b) => a + b, 0),
      38,
    );
    const list = await awsCli(sandbox, ['cloudwatch', 'list-metrics', '--namespace', 'Test/Sums']);
    assert.deepEqual((list.json as { Metrics: unknown[] }).Metrics, [
      {
        Namespace: 'Test/Sums',
        MetricName: 'RequestCount',
        Dimensions: [
          { Name: 'LoadBalancer', Value: 'app/lb/1' },
          { Name: 'TargetGroup', Value: 'targetgroup/tg/2' },
        ],
      },
    ]);
  });

  it('answers exact percentiles to boto3 in GetMetricData and GetMetricStatistics', async () => {
    const r = await boto3(
      sandbox,
      `
import datetime
c=boto3.client('cloudwatch',endpoint_url=endpoint,region_name=region)
values=[float(v) for v in range(1,1001)]
for i in range(0,1000,150):
    c.put_metric_data(Namespace='Test/Latency',MetricData=[{'MetricName':'TargetResponseTime','Values':values[i:i+150],'Unit':'Seconds'}])
now=datetime.datetime.now(datetime.timezone.utc)
q=lambda s:{'Id':'q'+str(abs(hash(s))),'Label':s,'MetricStat':{'Metric':{'Namespace':'Test/Latency','MetricName':'TargetResponseTime'},'Period':3600,'Stat':s}}
r=c.get_metric_data(StartTime=now-datetime.timedelta(minutes=30),EndTime=now+datetime.timedelta(minutes=1),MetricDataQueries=[q(s) for s in ['p50','p99','p99.9','p100','Average','tm99']])
out={x['Label']:sum(x['Values']) for x in r['MetricDataResults']}
s=c.get_metric_statistics(Namespace='Test/Latency',MetricName='TargetResponseTime',StartTime=now-datetime.timedelta(minutes=30),EndTime=now+datetime.timedelta(minutes=1),Period=3600,ExtendedStatistics=['p90','p99.9'],Unit='Seconds')
out['gms']=s['Datapoints'][0]['ExtendedStatistics']
out['unit']=s['Datapoints'][0]['Unit']
print(json.dumps(out))`,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.json, {
      p50: 500,
      p99: 990,
      'p99.9': 999,
      p100: 1000,
      Average: 500.5,
      tm99: 495.5,
      gms: { p90: 900, 'p99.9': 999 },
      unit: 'Seconds',
    });
  });

  it('evaluates metric math with FILL, IF and arithmetic over aligned buckets', async () => {
    const base = Math.floor(Date.now() / minute) * minute - 20 * minute;
    const at = (i: number) => new Date(base + i * minute + 7000).toISOString();
    const data = [
      ...[0, 1, 3, 5].map((i) => ({ MetricName: 'Errors', Timestamp: at(i), Value: i + 1 })),
      ...[0, 1, 2, 3, 4, 5].map((i) => ({ MetricName: 'Requests', Timestamp: at(i), Value: 10 })),
    ];
    const put = await awsCli(sandbox, ['cloudwatch', 'put-metric-data', '--namespace', 'Test/Math', '--metric-data', JSON.stringify(data)]);
    assert.equal(put.code, 0, put.stderr);
    const stat = (id: string, name: string) => ({
      Id: id,
      ReturnData: false,
      MetricStat: { Metric: { Namespace: 'Test/Math', MetricName: name }, Period: 60, Stat: 'Sum' },
    });
    const queries = [
      stat('errors', 'Errors'),
      stat('requests', 'Requests'),
      { Id: 'filled', Expression: 'FILL(errors, 0)' },
      { Id: 'rate', Expression: '100 * FILL(errors, 0) / requests', Label: 'Error rate' },
      { Id: 'high', Expression: 'IF(errors >= 4, 1, 0)' },
      { Id: 'linear', Expression: 'FILL(errors, LINEAR)' },
      { Id: 'total', Expression: 'SUM([errors, requests])' },
    ];
    const file = join(dir, 'math.json');
    writeFileSync(
      file,
      JSON.stringify({
        MetricDataQueries: queries,
        StartTime: new Date(base).toISOString(),
        EndTime: new Date(base + 6 * minute).toISOString(),
        ScanBy: 'TimestampAscending',
      }),
    );
    const r = await awsCli(sandbox, ['cloudwatch', 'get-metric-data', '--cli-input-json', `file://${file}`]);
    assert.equal(r.code, 0, r.stderr);
    const byId = Object.fromEntries((r.json as { MetricDataResults: Result[] }).MetricDataResults.map((x) => [x.Id, x]));
    assert.deepEqual(Object.keys(byId), ['filled', 'rate', 'high', 'linear', 'total'], 'ReturnData false hides the inputs');
    assert.deepEqual(byId.filled!.Values, [1, 2, 0, 4, 0, 6]);
    assert.deepEqual(
      byId.filled!.Timestamps,
      [0, 1, 2, 3, 4, 5].map((i) => epoch(base + i * minute)),
    );
    assert.deepEqual(byId.rate!.Values, [10, 20, 0, 40, 0, 60]);
    assert.equal(byId.rate!.Label, 'Error rate');
    assert.equal(byId.high!.Label, 'high');
    assert.deepEqual(byId.high!.Values, [0, 0, 1, 1]);
    assert.deepEqual(byId.linear!.Values, [1, 2, 3, 4, 5, 6]);
    assert.deepEqual(byId.total!.Values, [11, 12, 10, 14, 10, 16]);
  });

  it('pages GetMetricData by MaxDatapoints with NextToken and PartialData, newest first by default', async () => {
    const base = Math.floor(Date.now() / minute) * minute - 30 * minute;
    const data = [0, 1, 2, 3, 4].map((i) => ({ MetricName: 'Paged', Timestamp: new Date(base + i * minute).toISOString(), Value: i }));
    assert.equal(
      (await awsCli(sandbox, ['cloudwatch', 'put-metric-data', '--namespace', 'Test/Pages', '--metric-data', JSON.stringify(data)])).code,
      0,
    );
    const r = await boto3(
      sandbox,
      `
import datetime
c=boto3.client('cloudwatch',endpoint_url=endpoint,region_name=region)
q=[{'Id':'m','MetricStat':{'Metric':{'Namespace':'Test/Pages','MetricName':'Paged'},'Period':60,'Stat':'Maximum'}}]
start=datetime.datetime.fromtimestamp(${base / 1000},datetime.timezone.utc)
first=c.get_metric_data(MetricDataQueries=q,StartTime=start,EndTime=start+datetime.timedelta(minutes=10),MaxDatapoints=2)
pages=[]
for p in c.get_paginator('get_metric_data').paginate(MetricDataQueries=q,StartTime=start,EndTime=start+datetime.timedelta(minutes=10),MaxDatapoints=2):
    pages.append([p['MetricDataResults'][0]['Values'],p['MetricDataResults'][0]['StatusCode']])
try:
    c.get_metric_data(MetricDataQueries=q,StartTime=start,EndTime=start+datetime.timedelta(minutes=10),NextToken='bogus')
    err=None
except c.exceptions.InvalidNextToken as e:
    err=e.response['Error']['Code']
print(json.dumps({'first':first['MetricDataResults'][0]['StatusCode'],'token':'NextToken' in first,'pages':pages,'err':err}))`,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.json, {
      first: 'PartialData',
      token: true,
      pages: [
        [[4, 3], 'PartialData'],
        [[2, 1], 'PartialData'],
        [[0], 'Complete'],
      ],
      err: 'InvalidNextToken',
    });
  });

  it('gunzips the compressed PutMetricData bodies boto3 sends over 10 KB', async () => {
    const r = await boto3(
      sandbox,
      `
c=boto3.client('cloudwatch',endpoint_url=endpoint,region_name=region)
seen=[]
c.meta.events.register('before-send.cloudwatch.PutMetricData',lambda request,**kw: seen.append(request.headers.get('Content-Encoding')))
c.put_metric_data(Namespace='Test/Gzip',MetricData=[{'MetricName':'Bytes','Dimensions':[{'Name':'Shard','Value':'shard-%04d' % i}],'Value':float(i),'Unit':'Bytes'} for i in range(1000)])
ms=[]
for p in c.get_paginator('list_metrics').paginate(Namespace='Test/Gzip'):
    ms.extend(p['Metrics'])
print(json.dumps({'encoding':[s.decode() if isinstance(s,bytes) else s for s in seen],'metrics':len(ms)}))`,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.json, { encoding: ['gzip'], metrics: 1000 });
  });

  it('filters ListMetrics by dimension name and value, and pages it by 500', async () => {
    const r = await boto3(
      sandbox,
      `
c=boto3.client('cloudwatch',endpoint_url=endpoint,region_name=region)
first=c.list_metrics(Namespace='Test/Gzip')
one=c.list_metrics(Namespace='Test/Gzip',Dimensions=[{'Name':'Shard','Value':'shard-0042'}])['Metrics']
none=c.list_metrics(Namespace='Test/Gzip',Dimensions=[{'Name':'Other'}])['Metrics']
recent=c.list_metrics(Namespace='Test/Gzip',MetricName='Bytes',RecentlyActive='PT3H',Dimensions=[{'Name':'Shard'}])
print(json.dumps({'page':len(first['Metrics']),'next':'NextToken' in first,'one':one,'none':none,'recent':len(recent['Metrics'])}))`,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.json, {
      page: 500,
      next: true,
      one: [{ Namespace: 'Test/Gzip', MetricName: 'Bytes', Dimensions: [{ Name: 'Shard', Value: 'shard-0042' }] }],
      none: [],
      recent: 500,
    });
  });

  it('rejects what CloudWatch rejects, with its codes', async () => {
    const both = await awsCli(sandbox, [
      'cloudwatch',
      'put-metric-data',
      '--namespace',
      'Test/Bad',
      '--metric-data',
      '[{"MetricName":"X","Value":1,"Values":[1]}]',
    ]);
    assert.match(
      both.stderr,
      /\(InvalidParameterCombination\).*MetricData\.member\.1\.Value and MetricData\.member\.1\.Values are mutually exclusive/,
    );
    const counts = await awsCli(sandbox, [
      'cloudwatch',
      'put-metric-data',
      '--namespace',
      'Test/Bad',
      '--metric-data',
      '[{"MetricName":"X","Values":[1,2],"Counts":[1]}]',
    ]);
    assert.match(counts.stderr, /\(InvalidParameterValue\)/);
    const resolution = await awsCli(sandbox, [
      'cloudwatch',
      'put-metric-data',
      '--namespace',
      'Test/Bad',
      '--metric-data',
      '[{"MetricName":"X","Value":1,"StorageResolution":5}]',
    ]);
    assert.match(resolution.stderr, /\(InvalidParameterValue\).*StorageResolution/);
    const old = await awsCli(sandbox, [
      'cloudwatch',
      'put-metric-data',
      '--namespace',
      'Test/Bad',
      '--metric-data',
      `[{"MetricName":"X","Value":1,"Timestamp":"${new Date(Date.now() - 15 * 86_400_000).toISOString()}"}]`,
    ]);
    assert.match(old.stderr, /\(InvalidParameterValue\).*two weeks/);
    const now = Date.now();
    const tooMany = await awsCli(sandbox, [
      'cloudwatch',
      'get-metric-statistics',
      '--namespace',
      'Test/Bad',
      '--metric-name',
      'X',
      '--statistics',
      'Sum',
      '--period',
      '60',
      '--start-time',
      String(epoch(now - 2 * 86_400_000)),
      '--end-time',
      String(epoch(now)),
    ]);
    assert.match(tooMany.stderr, /\(InvalidParameterCombination\).*exceeds the limit of 1,440/);
    const period = await awsCli(sandbox, [
      'cloudwatch',
      'get-metric-data',
      '--start-time',
      String(epoch(now - minute)),
      '--end-time',
      String(epoch(now)),
      '--metric-data-queries',
      '[{"Id":"a","MetricStat":{"Metric":{"Namespace":"N","MetricName":"X"},"Period":45,"Stat":"Sum"}}]',
    ]);
    assert.match(period.stderr, /\(ValidationError\).*Period/);
    const expr = await awsCli(sandbox, [
      'cloudwatch',
      'get-metric-data',
      '--start-time',
      String(epoch(now - minute)),
      '--end-time',
      String(epoch(now)),
      '--metric-data-queries',
      '[{"Id":"e1","Expression":"m9 * 2"}]',
    ]);
    assert.match(expr.stderr, /\(ValidationError\).*Error in expression e1.*m9/);
    const id = await awsCli(sandbox, [
      'cloudwatch',
      'get-metric-data',
      '--start-time',
      String(epoch(now - minute)),
      '--end-time',
      String(epoch(now)),
      '--metric-data-queries',
      '[{"Id":"Upper","Expression":"TIME_SERIES(1)"}]',
    ]);
    assert.match(id.stderr, /\(ValidationError\).*Upper/);
    const listed = await awsCli(sandbox, ['cloudwatch', 'list-metrics', '--namespace', 'Test/Bad']);
    assert.deepEqual((listed.json as { Metrics: unknown[] }).Metrics, [], 'failed calls stored nothing');
  });

  it('publishes through the MetricSink seam the same data GetMetricData reads', async () => {
    const sink = env.seams.metrics;
    assert.ok(sink, 'the CloudWatch factory provides env.seams.metrics');
    for (let i = 0; i < 7; i++)
      sink.put({
        namespace: 'AWS/ApplicationELB',
        name: 'HTTPCode_Target_5XX_Count',
        dimensions: [{ name: 'LoadBalancer', value: 'app/x/1' }],
        value: 1,
        unit: 'Count',
        timestamp: new Date(),
      });
    const now = Date.now();
    const r = await awsCli(sandbox, [
      'cloudwatch',
      'get-metric-statistics',
      '--namespace',
      'AWS/ApplicationELB',
      '--metric-name',
      'HTTPCode_Target_5XX_Count',
      '--dimensions',
      'Name=LoadBalancer,Value=app/x/1',
      '--statistics',
      'Sum',
      '--period',
      '3600',
      '--start-time',
      String(epoch(now - 3_600_000)),
      '--end-time',
      String(epoch(now + minute)),
    ]);
    assert.equal(r.code, 0, r.stderr);
    const points = (r.json as { Datapoints: Array<{ Sum: number; Unit: string }> }).Datapoints;
    assert.equal(
      points.reduce((a, p) => a + p.Sum, 0),
      7,
    );
    assert.equal(points[0]!.Unit, 'Count');
  });
});
