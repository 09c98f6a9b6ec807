import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Sandbox } from '../../../src/local/index.js';
import { createCloudWatchService } from '../../../src/local/services/cloudwatch/cloudwatch-service.js';
import { awsCli, boto3, eventually, withSandbox } from '../../helpers/sandbox.js';

interface Alarm {
  AlarmName: string;
  StateValue: string;
  StateReason: string;
  StateReasonData?: string;
  StateTransitionedTimestamp: number;
}

// Speed 60: alarms are evaluated every simulated 10 s (sub-minute periods) or minute, i.e. every 1/6 s or 1 s of real time.
describe('CloudWatch alarms with the AWS CLI and boto3', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await withSandbox({ factories: [createCloudWatchService], speed: 60 });
  });
  after(async () => {
    await sandbox.close();
  });

  const describeAlarm = async (name: string): Promise<Alarm> => {
    const r = await awsCli(sandbox, ['cloudwatch', 'describe-alarms', '--alarm-names', name]);
    assert.equal(r.code, 0, r.stderr);
    const alarm = (r.json as { MetricAlarms: Alarm[] }).MetricAlarms[0];
    assert.ok(alarm, `alarm ${name} exists`);
    return alarm;
  };
  const stateIs = (name: string, state: string) =>
    eventually(
      async () => {
        const a = await describeAlarm(name);
        return a.StateValue === state ? a : undefined;
      },
      60_000,
      200,
      `${name} in ${state}`,
    );
  const put = async (name: string, value: number, at: number) => {
    const r = await awsCli(sandbox, [
      'cloudwatch',
      'put-metric-data',
      '--namespace',
      'Test/Alarms',
      '--metric-data',
      JSON.stringify([{ MetricName: name, Value: value, Timestamp: new Date(at).toISOString() }]),
    ]);
    assert.equal(r.code, 0, r.stderr);
  };

  it('starts INSUFFICIENT_DATA, goes to ALARM on a breaching datapoint and back to OK', async () => {
    const create = await awsCli(sandbox, [
      'cloudwatch',
      'put-metric-alarm',
      '--alarm-name',
      'latency-high',
      '--namespace',
      'Test/Alarms',
      '--metric-name',
      'Latency',
      '--statistic',
      'Maximum',
      '--period',
      '60',
      '--evaluation-periods',
      '1',
      '--threshold',
      '50',
      '--comparison-operator',
      'GreaterThanThreshold',
    ]);
    assert.equal(create.code, 0, create.stderr);
    const initial = await describeAlarm('latency-high');
    assert.equal(initial.StateValue, 'INSUFFICIENT_DATA');
    assert.equal(initial.StateReason, 'Unchecked: Initial alarm creation');
    // Both points sit in minutes that are already whole, the breaching one first; each stays in the
    // 3-minute evaluation range for at least a minute, so nothing here races the clock.
    const lastWholeMinuteEnd = Math.floor(Date.now() / 60_000) * 60_000;
    await put('Latency', 120, lastWholeMinuteEnd - 61_000);
    const alarmed = await stateIs('latency-high', 'ALARM');
    assert.match(
      alarmed.StateReason,
      /^Threshold Crossed: 1 datapoint \[120\.0 \(\d\d\/\d\d\/\d\d \d\d:\d\d:\d\d\)\] was greater than the threshold \(50\.0\)\.$/,
    );
    const data = JSON.parse(alarmed.StateReasonData!) as {
      statistic: string;
      period: number;
      threshold: number;
      evaluatedDatapoints: Array<{ value: number }>;
    };
    assert.deepEqual([data.statistic, data.period, data.threshold, data.evaluatedDatapoints[0]!.value], ['Maximum', 60, 50, 120]);
    await put('Latency', 3, lastWholeMinuteEnd - 1000);
    const ok = await stateIs('latency-high', 'OK');
    assert.match(ok.StateReason, /was not greater than the threshold \(50\.0\)/);
    assert.ok(ok.StateTransitionedTimestamp >= alarmed.StateTransitionedTimestamp);
    const history = await awsCli(sandbox, [
      'cloudwatch',
      'describe-alarm-history',
      '--alarm-name',
      'latency-high',
      '--history-item-type',
      'StateUpdate',
    ]);
    assert.deepEqual(
      (history.json as { AlarmHistoryItems: Array<{ HistorySummary: string }> }).AlarmHistoryItems.map((h) => h.HistorySummary),
      ['Alarm updated from ALARM to OK', 'Alarm updated from INSUFFICIENT_DATA to ALARM'],
    );
  });

  it('alarms on a metric math error rate (boto3)', async () => {
    const r = await boto3(
      sandbox,
      `
import datetime
c=boto3.client('cloudwatch',endpoint_url=endpoint,region_name=region)
stat=lambda i,n:{'Id':i,'ReturnData':False,'MetricStat':{'Metric':{'Namespace':'Test/Alarms','MetricName':n},'Period':60,'Stat':'Sum'}}
c.put_metric_alarm(AlarmName='error-rate',EvaluationPeriods=1,Threshold=10,ComparisonOperator='GreaterThanOrEqualToThreshold',TreatMissingData='notBreaching',
  Metrics=[stat('errors','Errors'),stat('requests','Requests'),{'Id':'rate','Expression':'100 * errors / requests','Label':'Error rate','ReturnData':True}])
# the last second of the last whole minute: evaluated at once, and in range for two more minutes
t=datetime.datetime.fromtimestamp(int(datetime.datetime.now().timestamp()//60*60-1),datetime.timezone.utc)
c.put_metric_data(Namespace='Test/Alarms',MetricData=[{'MetricName':'Errors','Value':2,'Timestamp':t},{'MetricName':'Requests','Values':[1],'Counts':[10],'Timestamp':t}])
a=c.describe_alarms(AlarmNames=['error-rate'])['MetricAlarms'][0]
print(json.dumps({'state':a['StateValue'],'metrics':[m['Id'] for m in a['Metrics']],'dims':'Dimensions' in a}))`,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.json, { state: 'INSUFFICIENT_DATA', metrics: ['errors', 'requests', 'rate'], dims: false });
    const alarmed = await stateIs('error-rate', 'ALARM');
    assert.match(alarmed.StateReason, /\[20\.0 /);
  });

  it('treats missing data as told: breaching alarms, notBreaching is OK', async () => {
    for (const [name, treat] of [
      ['missing-breaching', 'breaching'],
      ['missing-ok', 'notBreaching'],
    ] as const) {
      const r = await awsCli(sandbox, [
        'cloudwatch',
        'put-metric-alarm',
        '--alarm-name',
        name,
        '--namespace',
        'Test/Alarms',
        '--metric-name',
        'Silent',
        '--statistic',
        'Sum',
        '--period',
        '10',
        '--evaluation-periods',
        '3',
        '--datapoints-to-alarm',
        '2',
        '--threshold',
        '1',
        '--comparison-operator',
        'GreaterThanOrEqualToThreshold',
        '--treat-missing-data',
        treat,
      ]);
      assert.equal(r.code, 0, r.stderr);
    }
    const alarmed = await stateIs('missing-breaching', 'ALARM');
    assert.match(alarmed.StateReason, /no datapoints were received for 3 periods and 3 missing datapoints were treated as \[Breaching\]/);
    await stateIs('missing-ok', 'OK');
  });

  it('lets SetAlarmState override the state until the next evaluation', async () => {
    const set = await awsCli(sandbox, [
      'cloudwatch',
      'set-alarm-state',
      '--alarm-name',
      'missing-ok',
      '--state-value',
      'ALARM',
      '--state-reason',
      'testing actions',
    ]);
    assert.equal(set.code, 0, set.stderr);
    // The next evaluation (every real second here) may already have put it back: read the history, not the state.
    await stateIs('missing-ok', 'OK');
    const history = await awsCli(sandbox, [
      'cloudwatch',
      'describe-alarm-history',
      '--alarm-name',
      'missing-ok',
      '--history-item-type',
      'StateUpdate',
      '--scan-by',
      'TimestampAscending',
    ]);
    const items = (history.json as { AlarmHistoryItems: Array<{ HistorySummary: string; HistoryData: string }> }).AlarmHistoryItems;
    assert.deepEqual(
      items.map((h) => h.HistorySummary),
      ['Alarm updated from INSUFFICIENT_DATA to OK', 'Alarm updated from OK to ALARM', 'Alarm updated from ALARM to OK'],
    );
    assert.equal((JSON.parse(items[1]!.HistoryData) as { newState: { stateReason: string } }).newState.stateReason, 'testing actions');
    const unknown = await awsCli(sandbox, [
      'cloudwatch',
      'set-alarm-state',
      '--alarm-name',
      'nope',
      '--state-value',
      'OK',
      '--state-reason',
      'x',
    ]);
    assert.match(unknown.stderr, /\(ResourceNotFound\)/);
    const badJson = await awsCli(sandbox, [
      'cloudwatch',
      'set-alarm-state',
      '--alarm-name',
      'missing-ok',
      '--state-value',
      'OK',
      '--state-reason',
      'x',
      '--state-reason-data',
      '{not json',
    ]);
    assert.match(badJson.stderr, /\(InvalidFormat\)/);
  });

  it('filters and pages DescribeAlarms, deletes idempotently, and finds alarms by metric', async () => {
    const r = await boto3(
      sandbox,
      `
c=boto3.client('cloudwatch',endpoint_url=endpoint,region_name=region)
for i in range(5):
    c.put_metric_alarm(AlarmName='page-%d' % i,Namespace='Test/Pages',MetricName='M',Dimensions=[{'Name':'B','Value':'2'},{'Name':'A','Value':'1'}],Statistic='Average',Period=60,EvaluationPeriods=1,Threshold=1,ComparisonOperator='LessThanThreshold')
pages=[[a['AlarmName'] for a in p['MetricAlarms']] for p in c.get_paginator('describe_alarms').paginate(AlarmNamePrefix='page-',PaginationConfig={'PageSize':2})]
insufficient=len(c.describe_alarms(AlarmNamePrefix='page-',StateValue='INSUFFICIENT_DATA')['MetricAlarms'])
composite=c.describe_alarms(AlarmTypes=['CompositeAlarm'])
for_metric=[a['AlarmName'] for a in c.describe_alarms_for_metric(Namespace='Test/Pages',MetricName='M',Dimensions=[{'Name':'A','Value':'1'},{'Name':'B','Value':'2'}])['MetricAlarms']]
c.delete_alarms(AlarmNames=['page-0','page-1','never-existed'])
left=[a['AlarmName'] for a in c.describe_alarms(AlarmNamePrefix='page-')['MetricAlarms']]
try:
    c.describe_alarms(AlarmNames=['a'],AlarmNamePrefix='a')
    err=None
except Exception as e:
    err=e.response['Error']['Code']
print(json.dumps({'pages':pages,'insufficient':insufficient,'composite':[len(composite['MetricAlarms']),len(composite['CompositeAlarms'])],'for_metric':len(for_metric),'left':left,'err':err}))`,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.json, {
      pages: [['page-0', 'page-1'], ['page-2', 'page-3'], ['page-4']],
      insufficient: 5,
      composite: [0, 0],
      for_metric: 5,
      left: ['page-2', 'page-3', 'page-4'],
      err: 'ValidationError',
    });
    const wait = await awsCli(sandbox, ['cloudwatch', 'wait', 'alarm-exists', '--alarm-names', 'page-2']);
    assert.equal(wait.code, 0, wait.stderr);
  });

  it('rejects alarms CloudWatch would refuse, with ValidationError', async () => {
    const base = [
      'cloudwatch',
      'put-metric-alarm',
      '--alarm-name',
      'bad',
      '--threshold',
      '1',
      '--comparison-operator',
      'GreaterThanThreshold',
    ];
    const cases: ReadonlyArray<readonly [readonly string[], RegExp]> = [
      [
        [
          '--evaluation-periods',
          '1',
          '--statistic',
          'Sum',
          '--metrics',
          '[{"Id":"m","MetricStat":{"Metric":{"Namespace":"N","MetricName":"M"},"Period":60,"Stat":"Sum"}}]',
        ],
        /Statistic should not be set if list of Metrics is set/,
      ],
      [
        [
          '--evaluation-periods',
          '1',
          '--metrics',
          '[{"Id":"m","MetricStat":{"Metric":{"Namespace":"N","MetricName":"M"},"Period":60,"Stat":"Sum"}},{"Id":"e","Expression":"m*2"}]',
        ],
        /Exactly one element of the metrics list should return data/,
      ],
      [
        ['--evaluation-periods', '1441', '--namespace', 'N', '--metric-name', 'M', '--statistic', 'Sum', '--period', '60'],
        /more than a day \(EvaluationPeriods \* Period must be <= 86400\)/,
      ],
      [
        [
          '--evaluation-periods',
          '2',
          '--datapoints-to-alarm',
          '3',
          '--namespace',
          'N',
          '--metric-name',
          'M',
          '--statistic',
          'Sum',
          '--period',
          '60',
        ],
        /DatapointsToAlarm/,
      ],
      [
        ['--evaluation-periods', '1', '--namespace', 'N', '--metric-name', 'M', '--statistic', 'Sum', '--period', '45'],
        /period must be 10, 20, 30 or a multiple of 60/,
      ],
      [
        ['--evaluation-periods', '1', '--namespace', 'N', '--metric-name', 'M', '--period', '60'],
        /Exactly one of Statistic and ExtendedStatistic/,
      ],
      [['--evaluation-periods', '1', '--namespace', 'N', '--metric-name', 'M', '--extended-statistic', 'p101', '--period', '60'], /p101/],
      [
        [
          '--evaluation-periods',
          '1',
          '--namespace',
          'N',
          '--metric-name',
          'M',
          '--statistic',
          'Sum',
          '--period',
          '60',
          '--treat-missing-data',
          'sometimes',
        ],
        /TreatMissingData/,
      ],
    ];
    for (const [args, message] of cases) {
      const r = await awsCli(sandbox, [...base, ...args]);
      assert.match(r.stderr, /\(ValidationError\)/, args.join(' '));
      assert.match(r.stderr, message);
    }
    const gone = await awsCli(sandbox, ['cloudwatch', 'describe-alarms', '--alarm-names', 'bad']);
    assert.deepEqual((gone.json as { MetricAlarms: unknown[] }).MetricAlarms, []);
  });
});
