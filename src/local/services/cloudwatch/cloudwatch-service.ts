// CloudWatch metrics and alarms (JSON 1.0 with query compatibility, and the Query protocol), and the MetricSink seam.
import type { SandboxEnv } from '../../env.js';
import { loadModel } from '../../model/model.js';
import type { SandboxService } from '../../service.js';
import { startAlarmEvaluation } from './alarm-evaluator.js';
import { alarmHandlers } from './alarm-handlers.js';
import { createAlarmStore, type AlarmRecord, type AlarmStore, type HistoryItem } from './alarm-model.js';
import { getMetricDataHandler } from './get-metric-data.js';
import { getMetricStatisticsHandler } from './get-metric-statistics.js';
import { listMetricsHandler } from './list-metrics.js';
import {
  createMetricSink,
  createMetricStore,
  pruneStore,
  restoreMetricStore,
  snapshotMetricStore,
  type MetricStoreSnapshot,
} from './metric-store.js';
import { putAlarm, putMetricAlarmHandler } from './put-metric-alarm.js';
import { putMetricDataHandler } from './put-metric-data.js';

const PRUNE_EVERY_MS = 60_000;

interface CloudWatchSnapshot {
  readonly metrics: MetricStoreSnapshot;
  readonly alarms: readonly AlarmRecord[];
  readonly history: readonly HistoryItem[];
}

function restoreAlarms(store: AlarmStore, alarms: readonly AlarmRecord[] | undefined, history: readonly HistoryItem[] | undefined): void {
  store.alarms.clear();
  for (const a of alarms ?? []) store.alarms.set(a.config.AlarmName, { ...a, stamp: 0 });
  store.history = [...(history ?? [])];
}

export function createCloudWatchService(env: SandboxEnv): SandboxService {
  const metrics = createMetricStore();
  const alarms = createAlarmStore();
  env.seams.metrics = createMetricSink(metrics, () => env.clock.now().getTime());
  // Application Auto Scaling creates and deletes its target tracking alarms here.
  env.seams.alarms = {
    put: (input, options) => putAlarm(env, alarms, { ...input }, env.clock.now().getTime(), options),
    delete: (names) => {
      for (const name of names) alarms.alarms.delete(name);
    },
  };
  let lastPrune = env.clock.now().getTime();
  const stop = startAlarmEvaluation(
    env.clock,
    metrics,
    alarms,
    (now) => {
      // Retention is wall-clock time, whatever the speed factor.
      if (now - lastPrune >= PRUNE_EVERY_MS) {
        pruneStore(metrics, now);
        lastPrune = now;
      }
    },
    () => env.seams.scalingPolicies && ((call) => env.seams.scalingPolicies!.invoke(call)),
  );
  return {
    name: 'cloudwatch',
    model: loadModel('cloudwatch'),
    // A missing member is MissingParameter ("The parameter Namespace is required."), other violations ValidationError.
    validation: { code: 'ValidationError', missing: { code: 'MissingParameter', message: (name) => `The parameter ${name} is required.` } },
    handlers: {
      PutMetricData: putMetricDataHandler(env, metrics),
      GetMetricData: getMetricDataHandler(metrics),
      GetMetricStatistics: getMetricStatisticsHandler(metrics),
      ListMetrics: listMetricsHandler(env, metrics),
      PutMetricAlarm: putMetricAlarmHandler(env, alarms),
      ...alarmHandlers(env, alarms),
    },
    snapshot: (): CloudWatchSnapshot => ({
      metrics: snapshotMetricStore(metrics),
      alarms: [...alarms.alarms.values()],
      history: alarms.history,
    }),
    restore: (state) => {
      const s = state as Partial<CloudWatchSnapshot> | undefined;
      restoreMetricStore(metrics, s?.metrics);
      restoreAlarms(alarms, s?.alarms, s?.history);
    },
    close: async () => {
      stop();
    },
  };
}
