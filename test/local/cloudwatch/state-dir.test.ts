import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCloudWatchService } from '../../../src/local/services/cloudwatch/cloudwatch-service.js';
import { awsCli, withSandbox } from '../../helpers/sandbox.js';

describe('CloudWatch state survives a restart with --state-dir', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cortado-cw-state-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps metric data, alarms and their history', async () => {
    const first = await withSandbox({ factories: [createCloudWatchService], stateDir: dir });
    try {
      const put = await awsCli(first, [
        'cloudwatch',
        'put-metric-data',
        '--namespace',
        'Test/State',
        '--metric-data',
        '[{"MetricName":"Hits","Values":[1,2,3],"Counts":[2,2,2],"Unit":"Count"}]',
      ]);
      assert.equal(put.code, 0, put.stderr);
      const alarm = await awsCli(first, [
        'cloudwatch',
        'put-metric-alarm',
        '--alarm-name',
        'kept',
        '--namespace',
        'Test/State',
        '--metric-name',
        'Hits',
        '--statistic',
        'Sum',
        '--period',
        '60',
        '--evaluation-periods',
        '1',
        '--threshold',
        '100',
        '--comparison-operator',
        'GreaterThanThreshold',
      ]);
      assert.equal(alarm.code, 0, alarm.stderr);
    } finally {
      await first.close();
    }
    const second = await withSandbox({ factories: [createCloudWatchService], stateDir: dir });
    try {
      const now = Math.floor(Date.now() / 1000);
      const stats = await awsCli(second, [
        'cloudwatch',
        'get-metric-statistics',
        '--namespace',
        'Test/State',
        '--metric-name',
        'Hits',
        '--statistics',
        'Sum',
        'SampleCount',
        '--period',
        '3600',
        '--start-time',
        String(now - 3600),
        '--end-time',
        String(now + 60),
      ]);
      assert.equal(stats.code, 0, stats.stderr);
      const points = (stats.json as { Datapoints: Array<{ Sum: number; SampleCount: number }> }).Datapoints;
      assert.deepEqual(
        points.map((p) => [p.Sum, p.SampleCount]),
        [[12, 6]],
      );
      const p50 = await awsCli(second, [
        'cloudwatch',
        'get-metric-statistics',
        '--namespace',
        'Test/State',
        '--metric-name',
        'Hits',
        '--extended-statistics',
        'p50',
        '--period',
        '3600',
        '--start-time',
        String(now - 3600),
        '--end-time',
        String(now + 60),
      ]);
      assert.deepEqual((p50.json as { Datapoints: Array<{ ExtendedStatistics: unknown }> }).Datapoints[0]!.ExtendedStatistics, { p50: 2 });
      const alarms = await awsCli(second, ['cloudwatch', 'describe-alarms', '--alarm-names', 'kept']);
      assert.equal((alarms.json as { MetricAlarms: Array<{ AlarmName: string }> }).MetricAlarms[0]?.AlarmName, 'kept');
      const history = await awsCli(second, ['cloudwatch', 'describe-alarm-history', '--alarm-name', 'kept']);
      assert.equal((history.json as { AlarmHistoryItems: unknown[] }).AlarmHistoryItems.length, 1);
    } finally {
      await second.close();
    }
  });
});
