// Runs alarm evaluation on the sandbox clock: fetches each alarm's evaluation range, decides purely, applies the state.
import type { SandboxClock } from '../../clock.js';
import { breaches, evaluateAlarm, evaluationRange, type ComparisonOperator, type TreatMissingData } from './alarm-evaluation.js';
import { setState, type AlarmRecord, type AlarmStore } from './alarm-model.js';
import { stateReason, stateReasonData } from './alarm-reason.js';
import { identityOf } from './metric-identity.js';
import { prepareQueries, returnedSeries, runQueries } from './metric-queries.js';
import { statPoints } from './metric-stat-series.js';
import type { MetricStore } from './metric-store.js';
import { lastWholePeriodEnd } from './period-grid.js';
import { parseStatName } from './stat-name.js';

/** CloudWatch evaluates sub-minute alarms every 10 seconds and the others every minute. */
export const TICK_MS = 10_000;
const TICKS_PER_MINUTE = 6;

export function alarmPeriod(alarm: AlarmRecord): number {
  const c = alarm.config;
  return c.Period ?? c.Metrics?.find((q) => q.MetricStat)?.MetricStat?.Period ?? c.Metrics?.find((q) => q.Period)?.Period ?? 60;
}

/** The alarm's datapoints for the evaluation range ending at the last whole period, oldest first. */
function rangeValues(metrics: MetricStore, alarm: AlarmRecord, now: number): { times: number[]; slots: Array<number | undefined> } {
  const c = alarm.config;
  const period = alarmPeriod(alarm);
  const end = lastWholePeriodEnd(now, period);
  const range = evaluationRange(c.EvaluationPeriods);
  const start = end - range * period * 1000;
  const times = Array.from({ length: range }, (_x, i) => start + i * period * 1000);
  let points: ReadonlyMap<number, number>;
  if (c.Metrics) {
    const prepared = prepareQueries(c.Metrics, 'Metrics');
    const values = runQueries(metrics, prepared, { start, end, now, align: 'exact' });
    const q = prepared.find((p) => p.returnData)!;
    points = returnedSeries(q, values.get(q.id)!)[0]?.points ?? new Map();
  } else {
    points = statPoints(metrics, {
      metric: identityOf(c.Namespace!, c.MetricName!, c.Dimensions),
      stat: parseStatName(c.Statistic ?? c.ExtendedStatistic!)!,
      periodSec: period,
      gridStart: start,
      end,
      ...(c.Unit ? { unit: c.Unit } : {}),
    });
  }
  return { times, slots: times.map((t) => points.get(t)) };
}

export function evaluateOne(metrics: MetricStore, alarms: AlarmStore, alarm: AlarmRecord, now: number): void {
  const c = alarm.config;
  let data: ReturnType<typeof rangeValues>;
  try {
    data = rangeValues(metrics, alarm, now);
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
  if (e.kind === 'keep') return;
  const state = e.kind === 'insufficient' ? 'INSUFFICIENT_DATA' : e.state;
  if (state === alarm.stateValue) return;
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
}

/** Starts the evaluation loop; returns its cancel function. */
export function startAlarmEvaluation(
  clock: SandboxClock,
  metrics: MetricStore,
  alarms: AlarmStore,
  onTick: (now: number) => void = () => {},
): () => void {
  let tick = 0;
  return clock.every(TICK_MS, () => {
    tick++;
    const now = clock.now().getTime();
    for (const alarm of alarms.alarms.values()) {
      if (alarmPeriod(alarm) < 60 || tick % TICKS_PER_MINUTE === 0) evaluateOne(metrics, alarms, alarm, now);
    }
    onTick(now);
  });
}
