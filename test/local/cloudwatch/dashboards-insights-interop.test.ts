import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Sandbox } from '../../../src/local/index.js';
import { createCloudWatchService } from '../../../src/local/services/cloudwatch/cloudwatch-service.js';
import { awsCli, boto3, withSandbox } from '../../helpers/sandbox.js';

/** Runs boto3 code where `t(fn, **kwargs)` records {ok, result} or {code, message, status} into `out`, printed as JSON. */
const script = (body: string) => `
from botocore.exceptions import ClientError
c = boto3.client('cloudwatch', endpoint_url=endpoint, region_name=region)
out = {}
def t(key, fn, **kw):
    try:
        r = fn(**kw); r.pop('ResponseMetadata', None); out[key] = {'ok': r}
    except ClientError as e:
        out[key] = {'code': e.response['Error']['Code'], 'message': e.response['Error']['Message'], 'status': e.response['ResponseMetadata']['HTTPStatusCode']}
${body}
print(json.dumps(out, default=str))
`;

interface Answer {
  readonly ok?: Record<string, unknown>;
  readonly code?: string;
  readonly message?: string;
  readonly status?: number;
}

describe('CloudWatch dashboards, tags and Contributor Insights rules (boto3, AWS CLI)', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await withSandbox({ factories: [createCloudWatchService] });
  });
  after(async () => {
    await sandbox.close();
  });

  it('puts, gets, lists by prefix and deletes dashboards; a bad body fails with its validation messages', async () => {
    const r = await boto3(
      sandbox,
      script(`
good = json.dumps({'widgets': [{'type': 'text', 'x': 0, 'y': 0, 'width': 6, 'height': 3, 'properties': {'markdown': 'hi'}}]})
t('put', c.put_dashboard, DashboardName='ops-main', DashboardBody=good)
t('warn', c.put_dashboard, DashboardName='ops-two', DashboardBody=json.dumps({'widgets': [], 'colour': 'red'}))
t('other', c.put_dashboard, DashboardName='team-x', DashboardBody=good)
t('bad', c.put_dashboard, DashboardName='broken', DashboardBody=json.dumps({'widgets': [{'type': 'pie', 'width': 30, 'properties': {}}]}))
t('notjson', c.put_dashboard, DashboardName='broken', DashboardBody='{nope')
t('badname', c.put_dashboard, DashboardName='has space', DashboardBody=good)
t('get', c.get_dashboard, DashboardName='ops-main')
t('getmissing', c.get_dashboard, DashboardName='absent')
t('list', c.list_dashboards, DashboardNamePrefix='ops-')
t('delmissing', c.delete_dashboards, DashboardNames=['ops-main', 'absent'])
t('afterfail', c.list_dashboards)
t('del', c.delete_dashboards, DashboardNames=['ops-main', 'ops-two'])
t('afterdel', c.list_dashboards)
`),
    );
    assert.equal(r.code, 0, r.stderr);
    const out = r.json as Record<string, Answer>;
    assert.deepEqual(out.put!.ok, { DashboardValidationMessages: [] });
    assert.deepEqual(out.warn!.ok, {
      DashboardValidationMessages: [{ DataPath: '/colour', Message: 'Should NOT have additional properties' }],
    });
    assert.equal(out.bad!.code, 'InvalidParameterInput');
    assert.match(out.bad!.message!, /^The dashboard body is invalid, there are 2 validation errors: /);
    assert.match(out.bad!.message!, /"dataPath":"\/widgets\/0\/type"/);
    assert.match(out.bad!.message!, /"dataPath":"\/widgets\/0\/width","message":"Should be <= 24"/);
    assert.equal(out.notjson!.code, 'InvalidParameterInput');
    assert.equal(out.badname!.code, 'InvalidParameterInput');
    const got = out.get!.ok as { DashboardArn: string; DashboardBody: string; DashboardName: string };
    assert.equal(got.DashboardArn, 'arn:aws:cloudwatch::000000000000:dashboard/ops-main');
    assert.equal(JSON.parse(got.DashboardBody).widgets[0].properties.markdown, 'hi');
    assert.deepEqual(out.getmissing, { code: 'ResourceNotFound', message: 'Dashboard absent does not exist', status: 404 });
    const names = (key: string) =>
      (out[key]!.ok as { DashboardEntries: Array<{ DashboardName: string; Size: number }> }).DashboardEntries.map((e) => e.DashboardName);
    assert.deepEqual(names('list'), ['ops-main', 'ops-two']);
    assert.equal(out.delmissing!.code, 'ResourceNotFound');
    assert.equal(out.delmissing!.status, 404);
    // A failed delete deletes nothing.
    assert.deepEqual(names('afterfail'), ['ops-main', 'ops-two', 'team-x']);
    assert.deepEqual(names('afterdel'), ['team-x']);
  });

  it('tags alarms: Tags on PutMetricAlarm, TagResource/UntagResource/ListTagsForResource, unknown ARNs (AWS CLI)', async () => {
    const put = await awsCli(sandbox, [
      'cloudwatch',
      'put-metric-alarm',
      '--alarm-name',
      'cpu-high',
      '--namespace',
      'App',
      '--metric-name',
      'Cpu',
      '--statistic',
      'Average',
      '--period',
      '60',
      '--evaluation-periods',
      '1',
      '--threshold',
      '80',
      '--comparison-operator',
      'GreaterThanThreshold',
      '--tags',
      'Key=team,Value=web',
      'Key=tier,Value=1',
    ]);
    assert.equal(put.code, 0, put.stderr);
    const alarmArn = 'arn:aws:cloudwatch:us-east-1:000000000000:alarm:cpu-high';
    const list = async () => {
      const r = await awsCli(sandbox, ['cloudwatch', 'list-tags-for-resource', '--resource-arn', alarmArn]);
      assert.equal(r.code, 0, r.stderr);
      return (r.json as { Tags: Array<{ Key: string; Value: string }> }).Tags;
    };
    assert.deepEqual(await list(), [
      { Key: 'team', Value: 'web' },
      { Key: 'tier', Value: '1' },
    ]);
    const tag = await awsCli(sandbox, [
      'cloudwatch',
      'tag-resource',
      '--resource-arn',
      alarmArn,
      '--tags',
      'Key=tier,Value=2',
      'Key=owner,Value=me',
    ]);
    assert.equal(tag.code, 0, tag.stderr);
    const untag = await awsCli(sandbox, ['cloudwatch', 'untag-resource', '--resource-arn', alarmArn, '--tag-keys', 'team']);
    assert.equal(untag.code, 0, untag.stderr);
    assert.deepEqual(await list(), [
      { Key: 'tier', Value: '2' },
      { Key: 'owner', Value: 'me' },
    ]);
    // An update of the alarm keeps its tags (PutMetricAlarm's Tags only apply on creation).
    const update = await awsCli(sandbox, [
      'cloudwatch',
      'put-metric-alarm',
      '--alarm-name',
      'cpu-high',
      '--namespace',
      'App',
      '--metric-name',
      'Cpu',
      '--statistic',
      'Average',
      '--period',
      '60',
      '--evaluation-periods',
      '2',
      '--threshold',
      '90',
      '--comparison-operator',
      'GreaterThanThreshold',
      '--tags',
      'Key=ignored,Value=x',
    ]);
    assert.equal(update.code, 0, update.stderr);
    assert.deepEqual(await list(), [
      { Key: 'tier', Value: '2' },
      { Key: 'owner', Value: 'me' },
    ]);
    const missing = await awsCli(sandbox, ['cloudwatch', 'list-tags-for-resource', '--resource-arn', `${alarmArn}-gone`]);
    assert.notEqual(missing.code, 0);
    assert.match(missing.stderr, /ResourceNotFoundException/);
    const bad = await awsCli(sandbox, ['cloudwatch', 'tag-resource', '--resource-arn', 'not-an-arn', '--tags', 'Key=a,Value=b']);
    assert.match(bad.stderr, /InvalidParameterValue/);
  });

  it('stores Contributor Insights rules, enables/disables them, reports failures for unknown names, answers an empty report', async () => {
    const r = await boto3(
      sandbox,
      script(`
import datetime
rule = json.dumps({'Schema': {'Name': 'CloudWatchLogRule', 'Version': 1}, 'LogGroupNames': ['/app'], 'LogFormat': 'JSON',
                   'Contribution': {'Keys': ['$.ip'], 'Filters': []}, 'AggregateOn': 'Count'})
t('put', c.put_insight_rule, RuleName='top-ips', RuleDefinition=rule, Tags=[{'Key': 'k', 'Value': 'v'}])
t('put2', c.put_insight_rule, RuleName='second', RuleDefinition=rule, RuleState='DISABLED')
t('badschema', c.put_insight_rule, RuleName='bad', RuleDefinition=json.dumps({'Schema': {'Name': 'x', 'Version': 1}}))
t('notjson', c.put_insight_rule, RuleName='bad', RuleDefinition='nope')
t('disable', c.disable_insight_rules, RuleNames=['top-ips', 'ghost'])
t('describe', c.describe_insight_rules)
t('tags', c.list_tags_for_resource, ResourceARN='arn:aws:cloudwatch:us-east-1:000000000000:insight-rule/top-ips')
now = datetime.datetime.now(datetime.timezone.utc)
t('report', c.get_insight_rule_report, RuleName='top-ips', StartTime=now - datetime.timedelta(hours=1), EndTime=now, Period=60)
t('reportmissing', c.get_insight_rule_report, RuleName='ghost', StartTime=now - datetime.timedelta(hours=1), EndTime=now, Period=60)
t('enable', c.enable_insight_rules, RuleNames=['second'])
t('delete', c.delete_insight_rules, RuleNames=['top-ips', 'ghost'])
t('after', c.describe_insight_rules)
`),
    );
    assert.equal(r.code, 0, r.stderr);
    const out = r.json as Record<string, Answer>;
    assert.deepEqual(out.put!.ok, {});
    assert.equal(out.badschema!.code, 'InvalidParameterValue');
    assert.equal(out.notjson!.code, 'InvalidParameterValue');
    const failures = (key: string) => (out[key]!.ok as { Failures: Array<{ FailureResource: string; ExceptionType: string }> }).Failures;
    assert.deepEqual(
      failures('disable').map((f) => [f.FailureResource, f.ExceptionType]),
      [['ghost', 'ResourceNotFoundException']],
    );
    const rules = (key: string) => (out[key]!.ok as { InsightRules: Array<{ Name: string; State: string; Schema: string }> }).InsightRules;
    assert.deepEqual(
      rules('describe').map((x) => [x.Name, x.State]),
      [
        ['second', 'DISABLED'],
        ['top-ips', 'DISABLED'],
      ],
    );
    assert.deepEqual(JSON.parse(rules('describe')[0]!.Schema), { Name: 'CloudWatchLogRule', Version: 1 });
    assert.deepEqual((out.tags!.ok as { Tags: unknown }).Tags, [{ Key: 'k', Value: 'v' }]);
    const report = out.report!.ok as { KeyLabels: string[]; AggregationStatistic: string; Contributors: unknown[] };
    assert.deepEqual(report.KeyLabels, ['$.ip']);
    assert.equal(report.AggregationStatistic, 'Count');
    assert.deepEqual(report.Contributors, []);
    assert.equal(out.reportmissing!.code, 'ResourceNotFoundException');
    assert.deepEqual(
      failures('delete').map((f) => f.FailureResource),
      ['ghost'],
    );
    assert.deepEqual(
      rules('after').map((x) => [x.Name, x.State]),
      [['second', 'ENABLED']],
    );
  });

  it('answers PutMetricData with NaN or Infinity as CloudWatch does (InvalidParameterValue naming the member)', async () => {
    const r = await boto3(
      sandbox,
      script(`
t('nan', c.put_metric_data, Namespace='App', MetricData=[{'MetricName': 'm', 'Value': 1.0}, {'MetricName': 'm', 'Value': float('nan')}])
t('inf', c.put_metric_data, Namespace='App', MetricData=[{'MetricName': 'm', 'Values': [1.0, float('inf')]}])
t('ok', c.put_metric_data, Namespace='App', MetricData=[{'MetricName': 'fine', 'Value': 2.5}])
t('list', c.list_metrics, Namespace='App')
`),
    );
    assert.equal(r.code, 0, r.stderr);
    const out = r.json as Record<string, Answer>;
    assert.deepEqual(out.nan, {
      code: 'InvalidParameterValue',
      message: 'The value NaN for parameter MetricData.member.2.Value is invalid.',
      status: 400,
    });
    assert.deepEqual(out.inf, {
      code: 'InvalidParameterValue',
      message: 'The value Infinity for parameter MetricData.member.1.Values.member.2 is invalid.',
      status: 400,
    });
    assert.deepEqual(out.ok!.ok, {});
    // The refused puts stored nothing.
    assert.deepEqual(
      (out.list!.ok as { Metrics: Array<{ MetricName: string }> }).Metrics.map((m) => m.MetricName),
      ['fine'],
    );
  });
});

describe('CloudWatch composite alarms (boto3)', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await withSandbox({ factories: [createCloudWatchService] });
  });
  after(async () => {
    await sandbox.close();
  });

  it('follows its rule over the metric alarms it names, takes Tags on creation, is listed only when AlarmTypes asks', async () => {
    const r = await boto3(
      sandbox,
      script(`
for n in ['api-5xx', 'api-latency']:
    c.put_metric_alarm(AlarmName=n, Namespace='App', MetricName=n, Statistic='Sum', Period=60, EvaluationPeriods=1,
                       Threshold=1, ComparisonOperator='GreaterThanThreshold')
t('put', c.put_composite_alarm, AlarmName='api-down', AlarmRule='ALARM("api-5xx") AND (ALARM(api-latency) OR FALSE)',
  AlarmActions=['arn:aws:sns:us-east-1:000000000000:pager'], Tags=[{'Key': 'team', 'Value': 'api'}])
t('missing', c.put_composite_alarm, AlarmName='x', AlarmRule='ALARM(ghost) OR OK(api-5xx)')
t('syntax', c.put_composite_alarm, AlarmName='x', AlarmRule='ALARM(api-5xx) XOR OK(api-5xx)')
t('metriconly', c.describe_alarms)
t('initial', c.describe_alarms, AlarmTypes=['CompositeAlarm'])
c.set_alarm_state(AlarmName='api-5xx', StateValue='ALARM', StateReason='test')
t('one', c.describe_alarms, AlarmTypes=['CompositeAlarm'])
c.set_alarm_state(AlarmName='api-latency', StateValue='ALARM', StateReason='test')
t('both', c.describe_alarms, AlarmTypes=['CompositeAlarm'], StateValue='ALARM')
t('tags', c.list_tags_for_resource, ResourceARN='arn:aws:cloudwatch:us-east-1:000000000000:alarm:api-down')
t('delete', c.delete_alarms, AlarmNames=['api-down'])
t('after', c.describe_alarms, AlarmTypes=['CompositeAlarm', 'MetricAlarm'])
`),
    );
    assert.equal(r.code, 0, r.stderr);
    const out = r.json as Record<string, Answer>;
    assert.deepEqual(out.put!.ok, {});
    assert.equal(out.missing!.code, 'ValidationError');
    assert.match(out.missing!.message!, /ghost/);
    assert.equal(out.syntax!.code, 'ValidationError');
    const composites = (key: string) =>
      (out[key]!.ok as { CompositeAlarms: Array<{ AlarmName: string; StateValue: string; AlarmArn: string }> }).CompositeAlarms;
    assert.deepEqual(composites('metriconly'), []);
    assert.deepEqual(
      composites('initial').map((a) => [a.AlarmName, a.StateValue]),
      [['api-down', 'OK']],
    );
    assert.equal(composites('initial')[0]!.AlarmArn, 'arn:aws:cloudwatch:us-east-1:000000000000:alarm:api-down');
    assert.deepEqual(
      composites('one').map((a) => a.StateValue),
      ['OK'],
    );
    assert.deepEqual(
      composites('both').map((a) => [a.AlarmName, a.StateValue]),
      [['api-down', 'ALARM']],
    );
    assert.deepEqual((out.tags!.ok as { Tags: unknown }).Tags, [{ Key: 'team', Value: 'api' }]);
    assert.deepEqual(composites('after'), []);
    assert.deepEqual(
      (out.after!.ok as { MetricAlarms: Array<{ AlarmName: string }> }).MetricAlarms.map((a) => a.AlarmName),
      ['api-5xx', 'api-latency'],
    );
  });
});
