import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SandboxEnv } from '../../../src/local/env.js';
import { createCloudWatchService } from '../../../src/local/services/cloudwatch/cloudwatch-service.js';
import { createLogsService } from '../../../src/local/services/logs/logs-service.js';
import { boto3, withSandbox } from '../../helpers/sandbox.js';

const CLIENTS = `
l = boto3.client('logs', endpoint_url=endpoint, region_name=region)
c = boto3.client('cloudwatch', endpoint_url=endpoint, region_name=region)
`;

describe('metric filters see the awslogs driver; the new Logs and CloudWatch resources survive --state-dir', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cortado-logs-state-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('publishes metrics for events written through the LogSink seam, and restores filters, deliveries, dashboards and rules', async () => {
    let env: SandboxEnv | undefined;
    const factories = [
      (e: SandboxEnv) => {
        env = e;
        return createLogsService(e);
      },
      createCloudWatchService,
    ];
    const first = await withSandbox({ factories, stateDir: dir });
    try {
      const setup = await boto3(
        first,
        `${CLIENTS}
l.create_log_group(logGroupName='/ecs/web')
l.put_metric_filter(logGroupName='/ecs/web', filterName='5xx', filterPattern='{ $.status >= 500 }',
  metricTransformations=[{'metricName': 'ServerErrors', 'metricNamespace': 'Web', 'metricValue': '1'}])
l.put_delivery_source(name='src', resourceArn='arn:aws:ecs:us-east-1:000000000000:cluster/c', logType='APPLICATION_LOGS')
d = l.put_delivery_destination(name='dst', deliveryDestinationConfiguration={'destinationResourceArn': 'arn:aws:logs:us-east-1:000000000000:log-group:/ecs/web'})
l.create_delivery(deliverySourceName='src', deliveryDestinationArn=d['deliveryDestination']['arn'])
c.put_dashboard(DashboardName='web', DashboardBody=json.dumps({'widgets': []}))
c.put_insight_rule(RuleName='r', RuleDefinition=json.dumps({'Schema': {'Name': 'CloudWatchLogRule', 'Version': 1}, 'LogGroupNames': ['/ecs/web'],
  'LogFormat': 'JSON', 'Contribution': {'Keys': ['$.ip']}, 'AggregateOn': 'Count'}))
print('{}')
`,
      );
      assert.equal(setup.code, 0, setup.stderr);
      // What a task's awslogs driver does: no API call, straight into the store.
      const now = Date.now();
      env!.seams.logs!.append('/ecs/web', 'web/app/1', [
        { timestamp: now - 2000, message: JSON.stringify({ status: 503 }) },
        { timestamp: now - 1000, message: JSON.stringify({ status: 200 }) },
        { timestamp: now, message: JSON.stringify({ status: 500 }) },
      ]);
      const stats = await boto3(
        first,
        `${CLIENTS}
import datetime
now = datetime.datetime.now(datetime.timezone.utc)
r = c.get_metric_statistics(Namespace='Web', MetricName='ServerErrors', StartTime=now - datetime.timedelta(minutes=10),
  EndTime=now + datetime.timedelta(minutes=1), Period=3600, Statistics=['Sum'])
print(json.dumps([p['Sum'] for p in r['Datapoints']]))
`,
      );
      assert.equal(stats.code, 0, stats.stderr);
      assert.deepEqual(stats.json, [2]);
    } finally {
      await first.close();
    }
    const second = await withSandbox({ factories: [createLogsService, createCloudWatchService], stateDir: dir });
    try {
      const r = await boto3(
        second,
        `${CLIENTS}
print(json.dumps({
  'filters': [f['filterName'] for f in l.describe_metric_filters(logGroupName='/ecs/web')['metricFilters']],
  'deliveries': [d['deliverySourceName'] for d in l.describe_deliveries()['deliveries']],
  'dashboards': [d['DashboardName'] for d in c.list_dashboards()['DashboardEntries']],
  'rules': [x['Name'] for x in c.describe_insight_rules()['InsightRules']],
}))
`,
      );
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(r.json, { filters: ['5xx'], deliveries: ['src'], dashboards: ['web'], rules: ['r'] });
    } finally {
      await second.close();
    }
  });
});
