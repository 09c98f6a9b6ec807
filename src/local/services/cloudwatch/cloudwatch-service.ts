// CloudWatch metrics and alarms (JSON 1.0 with query compatibility, and the Query protocol), and the MetricSink seam.
import type { SandboxEnv } from '../../env.js';
import { loadModel } from '../../model/model.js';
import type { SandboxService } from '../../service.js';
import { alarmReachMs, startAlarmEvaluation } from './alarm-evaluator.js';
import { alarmHandlers } from './alarm-handlers.js';
import { evaluateComposites, type CompositeAlarm, type CompositeStore } from './composite-alarms.js';
import { compositeHandlers } from './composite-handlers.js';
import { dashboardHandlers, type Dashboard, type DashboardStore } from './dashboards.js';
import { insightRuleHandlers, type InsightRule, type InsightRuleStore } from './insight-rules.js';
import { tagHandlers, type Tagged } from './resource-tags.js';
import { arn } from '../../ids.js';
import { createAlarmStore, type AlarmRecord, type AlarmStore, type HistoryItem } from './alarm-model.js';
import { getMetricDataHandler } from './get-metric-data.js';
import { getMetricStatisticsHandler } from './get-metric-statistics.js';
import { listMetricsHandler } from './list-metrics.js';
import {
  createMetricSink,
  createMetricStore,
  pruneStore,
  restoreMetricStore,
  RETENTION_MS,
  snapshotMetricStore,
  type MetricStoreSnapshot,
} from './metric-store.js';
import { putAlarm, putMetricAlarmHandler } from './put-metric-alarm.js';
import { putMetricDataHandler } from './put-metric-data.js';

/** Pruning runs this often (real ms), or ten times per retention window when that is shorter (high --speed). */
const PRUNE_EVERY_MS = 60_000;

interface CloudWatchSnapshot {
  readonly metrics: MetricStoreSnapshot;
  readonly alarms: readonly AlarmRecord[];
  readonly history: readonly HistoryItem[];
  readonly dashboards?: readonly Dashboard[];
  readonly insightRules?: readonly InsightRule[];
  readonly compositeAlarms?: readonly CompositeAlarm[];
}

function restoreAlarms(store: AlarmStore, alarms: readonly AlarmRecord[] | undefined, history: readonly HistoryItem[] | undefined): void {
  store.alarms.clear();
  for (const a of alarms ?? []) store.alarms.set(a.config.AlarmName, { ...a, stamp: 0 });
  store.history = [...(history ?? [])];
}

export function createCloudWatchService(env: SandboxEnv): SandboxService {
  // CloudWatch keeps 1 s data for 3 hours: simulated hours, as the sandbox publishes its metrics on the sandbox clock.
  const retention = env.clock.real(RETENTION_MS);
  const metrics = createMetricStore(retention);
  const alarms = createAlarmStore();
  const dashboards: DashboardStore = new Map();
  const insightRules: InsightRuleStore = new Map();
  const composites: CompositeStore = new Map();
  const taggable = (type: string, id: string): Tagged | undefined =>
    type === 'alarm' ? (alarms.alarms.get(id) ?? composites.get(id)) : type === 'insight-rule' ? insightRules.get(id) : dashboards.get(id);
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
      if (now - lastPrune >= Math.min(PRUNE_EVERY_MS, retention / 10)) {
        // An alarm on real-time periods may read further back than 3 simulated hours at a high --speed: its data stays.
        let reach = retention;
        for (const a of alarms.alarms.values()) reach = Math.max(reach, alarmReachMs(a, env.clock.speed));
        metrics.retentionMs = reach;
        pruneStore(metrics, now);
        lastPrune = now;
      }
      // Composite alarms follow the states the evaluation just set.
      if (composites.size > 0) evaluateComposites(composites, (name) => alarms.alarms.get(name)?.stateValue, now);
    },
    () => env.seams.scalingPolicies && ((call) => env.seams.scalingPolicies!.invoke(call)),
  );
  const metricAlarmHandlers = alarmHandlers(env, alarms);
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
      ...metricAlarmHandlers,
      ...compositeHandlers(env, alarms, composites, metricAlarmHandlers),
      // Dashboards are global in CloudWatch (no region in their ARN); here each region keeps its own.
      ...dashboardHandlers(dashboards, (name) => arn('cloudwatch', '', env.accountId, `dashboard/${name}`)),
      ...insightRuleHandlers(insightRules),
      ...tagHandlers(taggable),
    },
    snapshot: (): CloudWatchSnapshot => ({
      metrics: snapshotMetricStore(metrics),
      alarms: [...alarms.alarms.values()],
      history: alarms.history,
      dashboards: [...dashboards.values()],
      insightRules: [...insightRules.values()],
      compositeAlarms: [...composites.values()],
    }),
    restore: (state) => {
      const s = state as Partial<CloudWatchSnapshot> | undefined;
      restoreMetricStore(metrics, s?.metrics);
      restoreAlarms(alarms, s?.alarms, s?.history);
      dashboards.clear();
      for (const d of s?.dashboards ?? []) dashboards.set(d.name, { ...d });
      insightRules.clear();
      for (const r of s?.insightRules ?? []) insightRules.set(r.name, { ...r });
      composites.clear();
      for (const a of s?.compositeAlarms ?? []) composites.set(a.AlarmName, { ...a });
    },
    close: async () => {
      stop();
    },
  };
}
