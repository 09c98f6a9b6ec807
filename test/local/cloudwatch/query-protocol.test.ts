import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import type { Sandbox } from '../../../src/local/index.js';
import { createCloudWatchService } from '../../../src/local/services/cloudwatch/cloudwatch-service.js';
import { boto3, withSandbox } from '../../helpers/sandbox.js';

/** botocore's own CloudWatch model with the protocol pinned to awsQuery, as older SDKs and CLIs speak it. */
function queryModelDir(): string {
  const botocore = execFileSync('python3', ['-c', 'import botocore,os;print(os.path.dirname(botocore.__file__))'], {
    encoding: 'utf8',
  }).trim();
  const versions = join(botocore, 'data', 'cloudwatch');
  const version = readdirSync(versions).sort().at(-1)!;
  const model = JSON.parse(gunzipSync(readFileSync(join(versions, version, 'service-2.json.gz'))).toString('utf8')) as {
    metadata: Record<string, unknown>;
  };
  model.metadata.protocol = 'query';
  model.metadata.protocols = ['query'];
  const dir = mkdtempSync(join(tmpdir(), 'cortado-cwq-'));
  mkdirSync(join(dir, 'cloudwatch', version), { recursive: true });
  writeFileSync(join(dir, 'cloudwatch', version, 'service-2.json'), JSON.stringify(model));
  return dir;
}

describe('CloudWatch over the Query protocol (boto3 with an awsQuery model)', () => {
  let sandbox: Sandbox;
  let dir: string;
  before(async () => {
    sandbox = await withSandbox({ factories: [createCloudWatchService] });
    dir = queryModelDir();
  });
  after(async () => {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const queryClient = () =>
    `import os\nos.environ['AWS_DATA_PATH']=${JSON.stringify(dir)}\nimport datetime\ns=boto3.session.Session()\nc=s.client('cloudwatch',endpoint_url=endpoint,region_name=region)\nassert c.meta.service_model.protocol=='query'\nseen=[]\nc.meta.events.register('before-send.cloudwatch.*',lambda request,**kw: seen.append(request.headers.get('Content-Type')))\n`;

  it('stores form-encoded PutMetricData and answers GetMetricData and GetMetricStatistics in XML', async () => {
    const r = await boto3(
      sandbox,
      `${queryClient()}
c.put_metric_data(Namespace='Test/Query',MetricData=[{'MetricName':'Latency','Dimensions':[{'Name':'Service','Value':'web'}],'Values':[float(v) for v in range(1,101)],'Unit':'Milliseconds'}])
now=datetime.datetime.now(datetime.timezone.utc)
d=c.get_metric_data(StartTime=now-datetime.timedelta(minutes=5),EndTime=now+datetime.timedelta(minutes=1),MetricDataQueries=[
  {'Id':'p','MetricStat':{'Metric':{'Namespace':'Test/Query','MetricName':'Latency','Dimensions':[{'Name':'Service','Value':'web'}]},'Period':600,'Stat':'p90'}},
  {'Id':'e','Expression':'p * 2'}])
s=c.get_metric_statistics(Namespace='Test/Query',MetricName='Latency',Dimensions=[{'Name':'Service','Value':'web'}],StartTime=now-datetime.timedelta(minutes=5),EndTime=now+datetime.timedelta(minutes=1),Period=600,ExtendedStatistics=['p50','tm90'])
m=c.list_metrics(Namespace='Test/Query')['Metrics']
print(json.dumps({'gmd':[[x['Id'],x['Values'],x['StatusCode']] for x in d['MetricDataResults']],'gms':s['Datapoints'][0]['ExtendedStatistics'],'label':s['Label'],'metrics':m,'ct':sorted(set(x.decode() if isinstance(x,bytes) else str(x) for x in seen))}))`,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.json, {
      gmd: [
        ['p', [90], 'Complete'],
        ['e', [180], 'Complete'],
      ],
      gms: { p50: 50, tm90: 45.5 },
      label: 'Latency',
      metrics: [{ Namespace: 'Test/Query', MetricName: 'Latency', Dimensions: [{ Name: 'Service', Value: 'web' }] }],
      ct: ['application/x-www-form-urlencoded; charset=utf-8'],
    });
  });

  it('creates and describes alarms, and reports errors as <ErrorResponse> codes', async () => {
    const r = await boto3(
      sandbox,
      `${queryClient()}
c.put_metric_alarm(AlarmName='q-alarm',Namespace='Test/Query',MetricName='Latency',Dimensions=[{'Name':'Service','Value':'web'}],ExtendedStatistic='p99',Period=60,EvaluationPeriods=2,DatapointsToAlarm=1,Threshold=250,ComparisonOperator='GreaterThanThreshold',TreatMissingData='ignore')
a=c.describe_alarms(AlarmNames=['q-alarm'])['MetricAlarms'][0]
errors={}
for name,call in [('combo',lambda: c.put_metric_data(Namespace='Test/Query',MetricData=[{'MetricName':'X','Value':1,'StatisticValues':{'SampleCount':1,'Sum':1,'Minimum':1,'Maximum':1}}])),
                  ('notfound',lambda: c.set_alarm_state(AlarmName='missing',StateValue='OK',StateReason='x')),
                  ('validation',lambda: c.put_metric_alarm(AlarmName='v',Namespace='N',MetricName='M',Statistic='Sum',Period=60,EvaluationPeriods=2000,Threshold=1,ComparisonOperator='GreaterThanThreshold'))]:
    try:
        call()
    except Exception as e:
        errors[name]=[e.response['Error']['Code'],e.response['ResponseMetadata']['HTTPStatusCode']]
print(json.dumps({'alarm':[a['AlarmName'],a['StateValue'],a['ExtendedStatistic'],a['DatapointsToAlarm'],a['Dimensions'],a['AlarmArn']],'errors':errors}))`,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.json, {
      alarm: [
        'q-alarm',
        'INSUFFICIENT_DATA',
        'p99',
        1,
        [{ Name: 'Service', Value: 'web' }],
        'arn:aws:cloudwatch:us-east-1:000000000000:alarm:q-alarm',
      ],
      errors: { combo: ['InvalidParameterCombination', 400], notfound: ['ResourceNotFound', 404], validation: ['ValidationError', 400] },
    });
  });
});
