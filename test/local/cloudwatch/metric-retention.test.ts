// CloudWatch keeps 1 s data for 3 simulated hours: the store drops older data (unless an alarm still reads it).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CloudWatch } from '@aws-sdk/client-cloudwatch';
import type { Sandbox } from '../../../src/local/index.js';
import { createCloudWatchService } from '../../../src/local/services/cloudwatch/cloudwatch-service.js';
import { createMetricSink, createMetricStore, pruneStore, RETENTION_MS } from '../../../src/local/services/cloudwatch/metric-store.js';
import { eventually, sdkConfig, withSandbox } from '../../helpers/sandbox.js';

describe('metric store retention', () => {
  it('prunes data older than the store retention and keeps newer data', () => {
    const retention = 10_000;
    const store = createMetricStore(retention);
    let now = 1_000_000_000_000;
    const sink = createMetricSink(store, () => now);
    const dimensions = [{ name: 'LoadBalancer', value: 'app/x/1' }];
    const put = (at: number) => sink.put({ namespace: 'Test', name: 'M', dimensions, value: 1, timestamp: new Date(at) });
    put(now - 500);
    put(now);
    now += retention - 1_000;
    pruneStore(store, now);
    assert.equal([...store.series.values()][0]!.cells.size, 2, 'both inside the window');
    now += 1_500;
    pruneStore(store, now);
    assert.deepEqual(
      [...[...store.series.values()][0]!.cells.keys()].map((s) => s * 1000),
      [now - retention - 500],
      'the older one went',
    );
    put(now - retention - 100);
    assert.equal([...store.series.values()][0]!.cells.size, 1, 'a datum older than retention is not stored');
  });
});

/** 3 simulated hours are 3 real seconds. */
const SPEED = 3600;

describe('CloudWatch retention on the sandbox clock (SDK, --speed 3600)', () => {
  let sandbox: Sandbox;
  let cw: CloudWatch;
  before(async () => {
    sandbox = await withSandbox({ factories: [createCloudWatchService], speed: SPEED });
    cw = new CloudWatch(sdkConfig(sandbox));
  });
  after(async () => {
    cw?.destroy();
    await sandbox.close();
  });

  const put = async (name: string, at: Date) => {
    await cw.putMetricData({ Namespace: 'Test/Retention', MetricData: [{ MetricName: name, Value: 1, Timestamp: at }] });
  };
  const count = async (name: string, at: Date) => {
    const out = await cw.getMetricStatistics({
      Namespace: 'Test/Retention',
      MetricName: name,
      StartTime: new Date(at.getTime() - 120_000),
      EndTime: new Date(at.getTime() + 120_000),
      Period: 60,
      Statistics: ['SampleCount'],
    });
    return (out.Datapoints ?? []).reduce((n, d) => n + (d.SampleCount ?? 0), 0);
  };

  it('drops 1 s data 3 simulated hours after its timestamp', async () => {
    const at = new Date();
    await put('Short', at);
    assert.equal(await count('Short', at), 1);
    const goneAt = await eventually(
      async () => ((await count('Short', at)) === 0 ? Date.now() : undefined),
      30_000,
      50,
      'the datum pruned',
    );
    assert.ok(
      (goneAt - at.getTime()) * SPEED >= RETENTION_MS,
      `pruned after ${((goneAt - at.getTime()) * SPEED) / 3_600_000} simulated hours`,
    );
    const listed = await cw.listMetrics({ Namespace: 'Test/Retention' });
    assert.deepEqual(
      listed.Metrics?.map((m) => m.MetricName),
      ['Short'],
      'the metric stays listed (two weeks after its last put)',
    );
  });

  it('keeps what an alarm on real-time periods still reads, and drops it once the alarm is gone', async () => {
    // Period 30 s, one evaluation period: the alarm reads (1 + 2) periods back, plus the one under way: 2 real minutes.
    await cw.putMetricAlarm({
      AlarmName: 'reads-back',
      Namespace: 'Test/Retention',
      MetricName: 'Kept',
      Statistic: 'SampleCount',
      Period: 30,
      EvaluationPeriods: 1,
      Threshold: 5,
      ComparisonOperator: 'GreaterThanThreshold',
    });
    const at = new Date();
    await put('Kept', at);
    // Ten retention windows of the sandbox clock pass: without the alarm, the datum would be gone.
    await new Promise((r) => setTimeout(r, (10 * RETENTION_MS) / SPEED));
    assert.equal(await count('Kept', at), 1, 'still there while the alarm reads it');
    await cw.deleteAlarms({ AlarmNames: ['reads-back'] });
    await eventually(async () => ((await count('Kept', at)) === 0 ? true : undefined), 30_000, 50, 'the datum pruned after the alarm went');
  });
});
