// Runs alarm evaluation on the sandbox clock: fetches each alarm's evaluation range, decides purely, applies the state, runs Auto Scaling actions.
import type { SandboxClock } from '../../clock.js';
import type { AlarmActionCall } from '../../env.js';
import {
  breaches,
  evaluateAlarm,
  evaluationRange,
  type ComparisonOperator,
  type Evaluation,
  type TreatMissingData,
} from './alarm-evaluation.js';
import { addHistory, isAutoScalingAction, setState, type AlarmRecord, type AlarmStore } from './alarm-model.js';
import { stateReason, stateReasonData } from './alarm-reason.js';
import { identityOf } from './metric-identity.js';
import { prepareQueries, returnedSeries, runQueries, type MetricDataQueryInput } from './metric-queries.js';
import { statPoints } from './metric-stat-series.js';
import type { MetricStore } from './metric-store.js';
import { lastWholePeriodEnd, simulatedGrid } from './period-grid.js';
import { parseStatName } from './stat-name.js';

/** CloudWatch evaluates sub-minute alarms every 10 seconds and the others every minute. */
export const TICK_MS = 10_000;
const TICKS_PER_MINUTE = 6;

export function alarmPeriod(alarm: AlarmRecord): number {
  const c = alarm.config;
  return c.Period ?? c.Metrics?.find((q) => q.MetricStat)?.MetricStat?.Period ?? c.Metrics?.find((q) => q.Period)?.Period ?? 60;
}

/** Where an alarm's buckets lie in real time: its own period, or its simulated period compressed by the speed. */
export interface AlarmGrid {
  readonly seconds: number;
  /** Multiplies Sum and SampleCount datapoints (1 for alarms on real time). */
  readonly countScale: number;
}

export const gridOf = (alarm: AlarmRecord, speed: number): AlarmGrid =>
  alarm.simulatedPeriods ? simulatedGrid(alarmPeriod(alarm), speed) : { seconds: alarmPeriod(alarm), countScale: 1 };

/** How far back (real ms) the alarm's evaluation reads: the metric store keeps at least that much. */
export const alarmReachMs = (alarm: AlarmRecord, speed: number): number =>
  (evaluationRange(alarm.config.EvaluationPeriods) + 1) * gridOf(alarm, speed).seconds * 1000;

const withPeriod = (metrics: readonly MetricDataQueryInput[], seconds: number): MetricDataQueryInput[] =>
  metrics.map((q) => ({
    ...q,
    ...(q.MetricStat ? { MetricStat: { ...q.MetricStat, Period: seconds } } : {}),
    ...(q.Period !== undefined ? { Period: seconds } : {}),
  }));

/** The alarm's datapoints for the evaluation range ending at the last whole period, oldest first. */
function rangeValues(
  metrics: MetricStore,
  alarm: AlarmRecord,
  now: number,
  grid: AlarmGrid,
): { times: number[]; slots: Array<number | undefined> } {
  const c = alarm.config;
  const period = grid.seconds;
  const end = lastWholePeriodEnd(now, period);
  const range = evaluationRange(c.EvaluationPeriods);
  const start = end - range * period * 1000;
  const times = Array.from({ length: range }, (_x, i) => start + i * period * 1000);
  let points: ReadonlyMap<number, number>;
  if (c.Metrics) {
    const prepared = prepareQueries(grid.countScale === 1 ? c.Metrics : withPeriod(c.Metrics, period), 'Metrics');
    const values = runQueries(metrics, prepared, { start, end, now, align: 'exact' });
    const q = prepared.find((p) => p.returnData)!;
    points = returnedSeries(q, values.get(q.id)!)[0]?.points ?? new Map();
  } else {
    const statName = c.Statistic ?? c.ExtendedStatistic!;
    points = statPoints(metrics, {
      metric: identityOf(c.Namespace!, c.MetricName!, c.Dimensions),
      stat: parseStatName(statName)!,
      periodSec: period,
      gridStart: start,
      end,
      ...(c.Unit ? { unit: c.Unit } : {}),
    });
    if (grid.countScale !== 1 && (statName === 'Sum' || statName === 'SampleCount')) {
      points = new Map([...points].map(([t, v]) => [t, v * grid.countScale]));
    }
  }
  return { times, slots: times.map((t) => points.get(t)) };
}

/** What one evaluation found: the state after it, whether it changed, and the newest datapoint it saw. */
export interface EvaluationOutcome {
  readonly state: AlarmRecord['stateValue'];
  readonly changed: boolean;
  readonly newestValue?: number;
}

const newestOf = (e: Evaluation, slots: ReadonlyArray<number | undefined>): number | undefined => {
  if (e.kind === 'state' && e.evaluated.length > 0) return e.evaluated[0]!.value;
  for (let i = slots.length - 1; i >= 0; i--) if (slots[i] !== undefined) return slots[i];
  return undefined;
};

export function evaluateOne(
  metrics: MetricStore,
  alarms: AlarmStore,
  alarm: AlarmRecord,
  now: number,
  grid: AlarmGrid = gridOf(alarm, 1),
): EvaluationOutcome {
  const c = alarm.config;
  let data: ReturnType<typeof rangeValues>;
  try {
    data = rangeValues(metrics, alarm, now, grid);
  } catch {
    // An expression that cannot be evaluated (e.g. it yields a scalar) leaves the alarm without data.
    data = { times: [], slots: [] };
  }
  const n = c.EvaluationPeriods;
  const m = c.DatapointsToAlarm ?? n;
  const operator = c.ComparisonOperator as ComparisonOperator;
  const e = evaluateAlarm({
    slots: data.slots,
    n,
    m,
    treatMissing: (c.TreatMissingData ?? 'missing') as TreatMissingData,
    isBreaching: (v) => breaches(operator, v, c.Threshold),
  });
  const newest = newestOf(e, data.slots);
  const unchanged = { state: alarm.stateValue, changed: false, ...(newest !== undefined ? { newestValue: newest } : {}) };
  if (e.kind === 'keep') return unchanged;
  const state = e.kind === 'insufficient' ? 'INSUFFICIENT_DATA' : e.state;
  if (state === alarm.stateValue) return unchanged;
  const reasonCtx = { operator, threshold: c.Threshold, n, m, slotTimes: data.times };
  const reasonData = stateReasonData(e, {
    ...reasonCtx,
    queryDate: now,
    period: alarmPeriod(alarm),
    slots: data.slots,
    ...((c.Statistic ?? c.ExtendedStatistic) ? { statistic: c.Statistic ?? c.ExtendedStatistic } : {}),
    ...(c.Unit ? { unit: c.Unit } : {}),
  });
  setState(alarms, alarm, state, stateReason(e, reasonCtx), reasonData, now);
  return { state, changed: true, ...(newest !== undefined ? { newestValue: newest } : {}) };
}

/**
 * Runs the actions of the alarm's state: Auto Scaling actions at every evaluation while the state holds (CloudWatch repeats
 * them), each recorded as an Action history item; other actions (SNS, EC2, ...) are stored, never run.
 */
export function runActions(
  alarms: AlarmStore,
  alarm: AlarmRecord,
  outcome: EvaluationOutcome,
  now: number,
  invoke: ((call: AlarmActionCall) => void) | undefined,
): void {
  const c = alarm.config;
  if (!c.ActionsEnabled || !invoke) return;
  const list = outcome.state === 'ALARM' ? c.AlarmActions : outcome.state === 'OK' ? c.OKActions : c.InsufficientDataActions;
  for (const actionArn of list.filter(isAutoScalingAction)) {
    let failure: string | undefined;
    try {
      invoke({
        actionArn,
        alarmName: c.AlarmName,
        alarmArn: alarm.arn,
        state: outcome.state,
        threshold: c.Threshold,
        ...(outcome.newestValue !== undefined ? { newestValue: outcome.newestValue } : {}),
      });
    } catch (e) {
      failure = e instanceof Error ? e.message : String(e);
    }
    addHistory(
      alarms,
      {
        AlarmName: c.AlarmName,
        AlarmType: 'MetricAlarm',
        Timestamp: now,
        HistoryItemType: 'Action',
        HistorySummary: failure ? `Failed to execute action ${actionArn}` : `Successfully executed action ${actionArn}`,
        HistoryData: JSON.stringify({
          actionState: failure ? 'Failed' : 'Succeeded',
          stateUpdateTimestamp: alarm.stateUpdatedAt,
          ...(failure ? { error: failure } : {}),
        }),
      },
      now,
    );
  }
}

/** Starts the evaluation loop; returns its cancel function. `invoke` runs Auto Scaling actions (absent: none run). */
export function startAlarmEvaluation(
  clock: SandboxClock,
  metrics: MetricStore,
  alarms: AlarmStore,
  onTick: (now: number) => void = () => {},
  invoke?: () => ((call: AlarmActionCall) => void) | undefined,
): () => void {
  let tick = 0;
  /** Simulated-period alarms: the end of the last bucket evaluated, so each bucket is evaluated once. */
  const evaluatedUpTo = new Map<string, number>();
  return clock.every(TICK_MS, () => {
    tick++;
    const now = clock.now().getTime();
    for (const alarm of [...alarms.alarms.values()]) {
      const grid = gridOf(alarm, clock.speed);
      if (alarm.simulatedPeriods) {
        const end = lastWholePeriodEnd(now, grid.seconds);
        if (evaluatedUpTo.get(alarm.config.AlarmName) === end) continue;
        evaluatedUpTo.set(alarm.config.AlarmName, end);
      } else if (alarmPeriod(alarm) >= 60 && tick % TICKS_PER_MINUTE !== 0) continue;
      const outcome = evaluateOne(metrics, alarms, alarm, now, grid);
      runActions(alarms, alarm, outcome, now, invoke?.());
    }
    for (const name of evaluatedUpTo.keys()) if (!alarms.alarms.has(name)) evaluatedUpTo.delete(name);
    onTick(now);
  });
}
