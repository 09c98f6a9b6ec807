// Metric alarms as stored (configuration in the API's own field names, state, history) and as DescribeAlarms returns them.
import type { AlarmStateValue } from './alarm-evaluation.js';
import type { Dimension } from './metric-identity.js';
import type { MetricDataQueryInput } from './metric-queries.js';

/** What PutMetricAlarm sets, in PutMetricAlarm's field names. */
export interface AlarmConfig {
  readonly AlarmName: string;
  readonly AlarmDescription?: string;
  readonly ActionsEnabled: boolean;
  readonly OKActions: readonly string[];
  readonly AlarmActions: readonly string[];
  readonly InsufficientDataActions: readonly string[];
  readonly MetricName?: string;
  readonly Namespace?: string;
  readonly Statistic?: string;
  readonly ExtendedStatistic?: string;
  readonly Dimensions: readonly Dimension[];
  readonly Period?: number;
  readonly Unit?: string;
  readonly EvaluationPeriods: number;
  readonly DatapointsToAlarm?: number;
  readonly Threshold: number;
  readonly ComparisonOperator: string;
  readonly TreatMissingData?: string;
  readonly EvaluateLowSampleCountPercentile?: string;
  readonly Metrics?: readonly MetricDataQueryInput[];
}

export interface AlarmRecord {
  config: AlarmConfig;
  readonly arn: string;
  tags: ReadonlyArray<{ readonly Key: string; readonly Value: string }>;
  configUpdatedAt: number;
  stateValue: AlarmStateValue;
  stateReason: string;
  stateReasonData?: string;
  stateUpdatedAt: number;
  stateTransitionedAt: number;
  stamp: number;
  /** Managed alarms (Application Auto Scaling's) count their periods on the sandbox clock: see simulatedGrid. */
  simulatedPeriods?: boolean;
}

export type HistoryItemType = 'ConfigurationUpdate' | 'StateUpdate' | 'Action';

/** Alarm actions that Auto Scaling runs (repeated at every evaluation while the alarm stays in the state, as CloudWatch does). */
export const isAutoScalingAction = (arn: string): boolean => /^arn:[^:]+:autoscaling:/.test(arn);

export interface HistoryItem {
  readonly AlarmName: string;
  readonly AlarmType: 'MetricAlarm';
  readonly Timestamp: number;
  readonly HistoryItemType: HistoryItemType;
  readonly HistorySummary: string;
  readonly HistoryData: string;
}

export interface AlarmStore {
  readonly alarms: Map<string, AlarmRecord>;
  history: HistoryItem[];
}

export const createAlarmStore = (): AlarmStore => ({ alarms: new Map(), history: [] });

/** History is kept for two weeks. */
export const HISTORY_MS = 14 * 86_400_000;

/** DescribeAlarms' MetricAlarm shape. */
export function toMetricAlarm(a: AlarmRecord): Record<string, unknown> {
  const c = a.config;
  return {
    ...c,
    Dimensions: c.Metrics ? undefined : c.Dimensions,
    AlarmArn: a.arn,
    AlarmConfigurationUpdatedTimestamp: new Date(a.configUpdatedAt),
    StateValue: a.stateValue,
    StateReason: a.stateReason,
    ...(a.stateReasonData !== undefined ? { StateReasonData: a.stateReasonData } : {}),
    StateUpdatedTimestamp: new Date(a.stateUpdatedAt),
    StateTransitionedTimestamp: new Date(a.stateTransitionedAt),
  };
}

export function addHistory(store: AlarmStore, item: HistoryItem, now: number): void {
  store.history.push(item);
  const oldest = now - HISTORY_MS;
  if (store.history.length > 0 && store.history[0]!.Timestamp < oldest) store.history = store.history.filter((h) => h.Timestamp >= oldest);
}

/** Moves the alarm to a state, recording a StateUpdate history item; timestamps follow MetricAlarm's definitions. */
export function setState(
  store: AlarmStore,
  alarm: AlarmRecord,
  state: AlarmStateValue,
  reason: string,
  reasonData: string | undefined,
  now: number,
): void {
  const old = { stateValue: alarm.stateValue, stateReason: alarm.stateReason };
  const transitioned = alarm.stateValue !== state;
  alarm.stateValue = state;
  alarm.stateReason = reason;
  if (reasonData !== undefined) alarm.stateReasonData = reasonData;
  else delete alarm.stateReasonData;
  alarm.stateUpdatedAt = now;
  if (transitioned) alarm.stateTransitionedAt = now;
  const newState: Record<string, unknown> = { stateValue: state, stateReason: reason };
  if (reasonData !== undefined) newState.stateReasonData = JSON.parse(reasonData) as unknown;
  addHistory(
    store,
    {
      AlarmName: alarm.config.AlarmName,
      AlarmType: 'MetricAlarm',
      Timestamp: now,
      HistoryItemType: 'StateUpdate',
      HistorySummary: `Alarm updated from ${old.stateValue} to ${state}`,
      HistoryData: JSON.stringify({ version: '1.0', oldState: old, newState }),
    },
    now,
  );
}
