import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Sandbox } from '../../../src/local/index.js';
import { createCloudWatchService } from '../../../src/local/services/cloudwatch/cloudwatch-service.js';
import { createLogsService } from '../../../src/local/services/logs/logs-service.js';
import { awsCli, boto3, withSandbox } from '../../helpers/sandbox.js';

/** boto3 code where `t(key, fn, **kwargs)` records {ok} or {code, message} into `out`, printed as JSON. */
const script = (body: string) => `
import time, datetime
from botocore.exceptions import ClientError
l = boto3.client('logs', endpoint_url=endpoint, region_name=region)
c = boto3.client('cloudwatch', endpoint_url=endpoint, region_name=region)
out = {}
def t(key, fn, **kw):
    try:
        r = fn(**kw); r.pop('ResponseMetadata', None); out[key] = {'ok': r}; return r
    except ClientError as e:
        out[key] = {'code': e.response['Error']['Code'], 'message': e.response['Error']['Message']}
now_ms = int(time.time() * 1000)
${body}
print(json.dumps(out, default=str))
`;

interface Answer {
  readonly ok?: Record<string, unknown>;
  readonly code?: string;
  readonly message?: string;
}

type Row = Array<{ field: string; value: string }>;
const asObject = (row: Row) => Object.fromEntries(row.map((f) => [f.field, f.value]));

describe('CloudWatch Logs metric filters and Logs Insights queries (boto3, AWS CLI)', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await withSandbox({ factories: [createLogsService, createCloudWatchService] });
  });
  after(async () => {
    await sandbox.close();
  });

  it('metric filters publish CloudWatch metrics for matching events (terms, JSON selectors, dimensions, default value)', async () => {
    const r = await boto3(
      sandbox,
      script(`
l.create_log_group(logGroupName='/mf'); l.create_log_stream(logGroupName='/mf', logStreamName='s')
t('errors', l.put_metric_filter, logGroupName='/mf', filterName='errors', filterPattern='"ERROR" -retry',
  metricTransformations=[{'metricName': 'Errors', 'metricNamespace': 'MF', 'metricValue': '1', 'defaultValue': 0}])
t('latency', l.put_metric_filter, logGroupName='/mf', filterName='latency', filterPattern='{ $.latency > 0 && $.path = "/api/*" }',
  metricTransformations=[{'metricName': 'Latency', 'metricNamespace': 'MF', 'metricValue': '$.latency', 'unit': 'Milliseconds', 'dimensions': {'Path': '$.path'}}])
t('baddim', l.put_metric_filter, logGroupName='/mf', filterName='x', filterPattern='ERROR',
  metricTransformations=[{'metricName': 'X', 'metricNamespace': 'MF', 'metricValue': '1', 'dimensions': {'D': '$.d'}}])
t('badpattern', l.put_metric_filter, logGroupName='/mf', filterName='x', filterPattern='{ $.latency > }',
  metricTransformations=[{'metricName': 'X', 'metricNamespace': 'MF', 'metricValue': '1'}])
t('nogroup', l.put_metric_filter, logGroupName='/absent', filterName='x', filterPattern='ERROR',
  metricTransformations=[{'metricName': 'X', 'metricNamespace': 'MF', 'metricValue': '1'}])
l.put_log_events(logGroupName='/mf', logStreamName='s', logEvents=[
  {'timestamp': now_ms - 4000, 'message': 'ERROR disk full'},
  {'timestamp': now_ms - 3000, 'message': 'ERROR timeout, will retry'},
  {'timestamp': now_ms - 2000, 'message': json.dumps({'path': '/api/a', 'latency': 30})},
  {'timestamp': now_ms - 1000, 'message': json.dumps({'path': '/api/a', 'latency': 50})},
  {'timestamp': now_ms, 'message': json.dumps({'path': '/static/x', 'latency': 5})}])
# A batch without errors publishes the default value 0.
l.put_log_events(logGroupName='/mf', logStreamName='s', logEvents=[{'timestamp': now_ms + 1, 'message': 'all good'}])
start = datetime.datetime.fromtimestamp(now_ms / 1000 - 600, datetime.timezone.utc)
end = datetime.datetime.fromtimestamp(now_ms / 1000 + 600, datetime.timezone.utc)
t('errstats', c.get_metric_statistics, Namespace='MF', MetricName='Errors', StartTime=start, EndTime=end, Period=3600, Statistics=['Sum', 'SampleCount'])
t('latstats', c.get_metric_statistics, Namespace='MF', MetricName='Latency', Dimensions=[{'Name': 'Path', 'Value': '/api/a'}],
  StartTime=start, EndTime=end, Period=3600, Statistics=['Sum', 'SampleCount', 'Maximum'])
t('metrics', c.list_metrics, Namespace='MF')
t('describe', l.describe_metric_filters, logGroupName='/mf')
t('bymetric', l.describe_metric_filters, metricName='Latency', metricNamespace='MF')
t('halfmetric', l.describe_metric_filters, metricName='Latency')
t('test', l.test_metric_filter, filterPattern='{ $.status = 5* }', logEventMessages=['{"status": 503}', '{"status": 200}', 'not json'])
t('del', l.delete_metric_filter, logGroupName='/mf', filterName='errors')
t('delagain', l.delete_metric_filter, logGroupName='/mf', filterName='errors')
`),
    );
    assert.equal(r.code, 0, r.stderr);
    const out = r.json as Record<string, Answer>;
    assert.deepEqual(out.errors!.ok, {});
    assert.deepEqual(out.latency!.ok, {});
    assert.equal(out.baddim!.code, 'InvalidParameterException');
    assert.equal(out.badpattern!.code, 'InvalidParameterException');
    assert.deepEqual(out.nogroup, { code: 'ResourceNotFoundException', message: 'The specified log group does not exist.' });
    const points = (key: string) => (out[key]!.ok as { Datapoints: Array<Record<string, number>> }).Datapoints;
    // One matching event ("retry" excludes the other) plus the default 0 of the second batch.
    assert.deepEqual(
      points('errstats').map((p) => [p.Sum, p.SampleCount]),
      [[1, 2]],
    );
    assert.deepEqual(
      points('latstats').map((p) => [p.Sum, p.SampleCount, p.Maximum]),
      [[80, 2, 50]],
    );
    const metrics = (out.metrics!.ok as { Metrics: Array<{ MetricName: string; Dimensions: Array<{ Value: string }> }> }).Metrics;
    assert.deepEqual(metrics.map((m) => `${m.MetricName}:${m.Dimensions.map((d) => d.Value).join(',')}`).sort(), [
      'Errors:',
      'Latency:/api/a',
    ]);
    const filters = (key: string) => (out[key]!.ok as { metricFilters: Array<{ filterName: string; logGroupName: string }> }).metricFilters;
    assert.deepEqual(
      filters('describe').map((f) => f.filterName),
      ['errors', 'latency'],
    );
    assert.deepEqual(
      filters('bymetric').map((f) => f.filterName),
      ['latency'],
    );
    assert.equal(out.halfmetric!.code, 'InvalidParameterException');
    const matches = (out.test!.ok as { matches: Array<{ eventNumber: number; extractedValues: Record<string, string> }> }).matches;
    assert.deepEqual(matches, [{ eventNumber: 1, eventMessage: '{"status": 503}', extractedValues: { '$.status': '503' } }]);
    assert.deepEqual(out.del!.ok, {});
    assert.equal(out.delagain!.code, 'ResourceNotFoundException');
  });

  it('runs Logs Insights queries over the stored events: Scheduled, Running, Complete; fields, filter, sort, limit, stats', async () => {
    const r = await boto3(
      sandbox,
      script(`
l.create_log_group(logGroupName='/q'); l.create_log_stream(logGroupName='/q', logStreamName='web')
events = [{'timestamp': now_ms - 5000 + i * 1000, 'message': json.dumps({'path': p, 'status': s, 'ms': ms})}
          for i, (p, s, ms) in enumerate([('/a', 200, 10), ('/b', 500, 80), ('/a', 200, 30), ('/c', 404, 5), ('/a', 503, 90)])]
events.append({'timestamp': now_ms + 100, 'message': 'plain ERROR line'})
l.put_log_events(logGroupName='/q', logStreamName='web', logEvents=events)
def run(key, query, **kw):
    q = t(key + '_start', l.start_query, logGroupName='/q', startTime=now_ms // 1000 - 3600, endTime=now_ms // 1000 + 3600, queryString=query, **kw)
    if not q: return
    statuses = []
    for i in range(5):
        res = l.get_query_results(queryId=q['queryId'])
        statuses.append(res['status'])
        if res['status'] == 'Complete': break
    res.pop('ResponseMetadata', None)
    out[key] = {'ok': res, 'statuses': statuses, 'queryId': q['queryId']}
run('errors', 'fields @timestamp, path, status, ms | filter status >= 500 | sort ms desc')
ptr = [f['value'] for f in out['errors']['ok']['results'][0] if f['field'] == '@ptr'][0]
t('record', l.get_log_record, logRecordPointer=ptr)
t('badptr', l.get_log_record, logRecordPointer='bm9wZQ==')
run('like', 'filter @message like /ERROR/ | fields @message, @logStream')
run('notpath', 'filter path != "/a" and status != 404 | fields path | limit 10')
run('stats', 'stats count(*) as hits, avg(ms) as avgms by path | sort hits desc, path asc')
run('limit', 'fields path | sort @timestamp desc | limit 2')
t('malformed', l.start_query, logGroupName='/q', startTime=0, endTime=now_ms // 1000, queryString='fields path | dedup path')
t('nogroup', l.start_query, logGroupName='/absent', startTime=0, endTime=now_ms // 1000, queryString='fields @message')
q = l.start_query(logGroupName='/q', startTime=0, endTime=now_ms // 1000, queryString='fields @message')
t('describe_running', l.describe_queries, logGroupName='/q', status='Scheduled')
t('stop', l.stop_query, queryId=q['queryId'])
t('describe_cancelled', l.describe_queries, status='Cancelled')
t('unknown', l.get_query_results, queryId='0123456789')
`),
    );
    assert.equal(r.code, 0, r.stderr);
    const out = r.json as Record<string, Answer & { statuses: string[]; queryId: string }>;
    const rows = (key: string) => (out[key]!.ok as { results: Row[] }).results.map(asObject);
    assert.deepEqual(out.errors!.statuses, ['Running', 'Complete']);
    const errors = rows('errors');
    assert.deepEqual(
      errors.map((x) => [x.path, x.status, x.ms]),
      [
        ['/a', '503', '90'],
        ['/b', '500', '80'],
      ],
    );
    assert.match(errors[0]!['@timestamp']!, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$/);
    assert.ok(errors[0]!['@ptr'], '@ptr in each row of a query without stats');
    const stats = (out.errors!.ok as { statistics: { recordsScanned: number; recordsMatched: number } }).statistics;
    assert.equal(stats.recordsScanned, 6);
    assert.equal(stats.recordsMatched, 2);
    const record = (out.record!.ok as { logRecord: Record<string, string> }).logRecord;
    assert.equal(record.path, '/a');
    assert.equal(record.status, '503');
    assert.equal(record['@logStream'], 'web');
    assert.equal(record['@log'], '000000000000:/q');
    assert.equal(out.badptr!.code, 'InvalidParameterException');
    assert.deepEqual(
      rows('like').map((x) => [x['@message'], x['@logStream']]),
      [['plain ERROR line', 'web']],
    );
    assert.deepEqual(
      rows('notpath').map((x) => x.path),
      ['/b'],
    );
    assert.deepEqual(
      rows('stats').map((x) => [x.path, x.hits, x.avgms]),
      [
        ['/a', '3', '43.333333333333336'],
        ['/b', '1', '80'],
        ['/c', '1', '5'],
        [undefined, '1', undefined],
      ],
    );
    assert.equal(rows('limit').length, 2);
    assert.equal(out.malformed!.code, 'MalformedQueryException');
    assert.match(out.malformed!.message!, /dedup/);
    assert.equal(out.nogroup!.code, 'ResourceNotFoundException');
    const queries = (key: string) => (out[key]!.ok as { queries: Array<{ status: string; logGroupName: string }> }).queries;
    assert.equal(queries('describe_running').length, 1);
    assert.deepEqual((out.stop!.ok as { success: boolean }).success, true);
    assert.equal(queries('describe_cancelled').length, 1);
    assert.equal(out.unknown!.code, 'ResourceNotFoundException');
  });

  it('the AWS CLI starts a query and polls it to Complete', async () => {
    await awsCli(sandbox, ['logs', 'create-log-group', '--log-group-name', '/cli']);
    await awsCli(sandbox, ['logs', 'create-log-stream', '--log-group-name', '/cli', '--log-stream-name', 's']);
    const now = Date.now();
    const put = await awsCli(sandbox, [
      'logs',
      'put-log-events',
      '--log-group-name',
      '/cli',
      '--log-stream-name',
      's',
      '--log-events',
      `timestamp=${now - 1000},message=hello world`,
      `timestamp=${now},message=goodbye world`,
    ]);
    assert.equal(put.code, 0, put.stderr);
    const start = await awsCli(sandbox, [
      'logs',
      'start-query',
      '--log-group-name',
      '/cli',
      '--start-time',
      String(Math.floor(now / 1000) - 60),
      '--end-time',
      String(Math.floor(now / 1000) + 60),
      '--query-string',
      'fields @message | filter @message like "hello"',
    ]);
    assert.equal(start.code, 0, start.stderr);
    const id = (start.json as { queryId: string }).queryId;
    let status = '';
    let results: Row[] = [];
    for (let i = 0; i < 5 && status !== 'Complete'; i++) {
      const got = await awsCli(sandbox, ['logs', 'get-query-results', '--query-id', id]);
      assert.equal(got.code, 0, got.stderr);
      ({ status, results } = got.json as { status: string; results: Row[] });
    }
    assert.equal(status, 'Complete');
    assert.deepEqual(
      results.map((row) => asObject(row)['@message']),
      ['hello world'],
    );
  });
});
