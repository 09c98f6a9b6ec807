// PutMetricAlarm: checks a single-metric or metric-math alarm, then creates it (INSUFFICIENT_DATA) or replaces its configuration.
import type { SandboxEnv } from '../../env.js';
import { arn } from '../../ids.js';
import type { Handler, Input } from '../../service.js';
import { STATIC_OPERATORS, TREAT_MISSING_DATA } from './alarm-evaluation.js';
import { addHistory, toMetricAlarm, type AlarmConfig, type AlarmStore } from './alarm-model.js';
import { validationError } from './cloudwatch-errors.js';
import { duplicateDimension, type Dimension } from './metric-identity.js';
import { prepareQueries, type MetricDataQueryInput } from './metric-queries.js';
import { isAlarmPeriod } from './period-grid.js';
import { parseStatName } from './stat-name.js';

export const MAX_ALARM_METRICS = 20;
export const MAX_ALARM_METRIC_STATS = 10;
const DAY = 86_400;

const SINGLE_METRIC_FIELDS = ['MetricName', 'Namespace', 'Statistic', 'ExtendedStatistic', 'Dimensions', 'Period', 'Unit'] as const;

function checkMetrics(metrics: readonly MetricDataQueryInput[], input: Input): number {
  for (const f of SINGLE_METRIC_FIELDS)
    if (input[f] !== undefined) throw validationError(`${f} should not be set if list of Metrics is set.`);
  if (metrics.length === 0 || metrics.length > MAX_ALARM_METRICS)
    throw validationError(`The list of Metrics must contain between 1 and ${MAX_ALARM_METRICS} elements.`);
  const stats = metrics.filter((q) => q.MetricStat);
  if (stats.length > MAX_ALARM_METRIC_STATS)
    throw validationError(`The list of Metrics may contain at most ${MAX_ALARM_METRIC_STATS} elements with MetricStat.`);
  if (metrics.filter((q) => q.ReturnData ?? true).length !== 1)
    throw validationError('Exactly one element of the metrics list should return data.');
  prepareQueries(metrics, 'Metrics');
  const periods = new Set(stats.map((q) => q.MetricStat!.Period));
  for (const p of periods)
    if (!isAlarmPeriod(p))
      throw validationError(`The value ${p} for a MetricStat Period is not valid. The period must be 10, 20, 30 or a multiple of 60.`);
  if (periods.size > 1) throw validationError('All metrics in the list of Metrics must have the same period.');
  const period = [...periods][0] ?? metrics.find((q) => q.Period)?.Period;
  if (period === undefined) throw validationError('The list of Metrics must retrieve at least one metric with MetricStat.');
  return period;
}

function checkSingleMetric(input: Input): number {
  if (input.MetricName === undefined || input.Namespace === undefined)
    throw validationError('MetricName and Namespace must be specified, or a list of Metrics.');
  const hasStat = input.Statistic !== undefined;
  const hasExtended = input.ExtendedStatistic !== undefined;
  if (hasStat === hasExtended) throw validationError('Exactly one of Statistic and ExtendedStatistic must be specified.');
  if (hasExtended) {
    const stat = parseStatName(String(input.ExtendedStatistic));
    if (!stat || stat.kind === 'basic')
      throw validationError(`The value ${String(input.ExtendedStatistic)} for parameter ExtendedStatistic is not supported.`);
  }
  const dup = duplicateDimension(input.Dimensions as Dimension[] | undefined);
  if (dup) throw validationError(`The dimension name ${dup} is specified more than once in Dimensions.`);
  if (input.Period === undefined) throw validationError('Period must be specified when Metrics is not set.');
  const period = input.Period as number;
  if (!isAlarmPeriod(period))
    throw validationError(`The value ${period} for parameter Period is not valid. The period must be 10, 20, 30 or a multiple of 60.`);
  return period;
}

/** Returns the configuration to store; throws CloudWatch's ValidationError for anything it would refuse. */
export function checkAlarmInput(input: Input): AlarmConfig {
  if (input.EvaluationCriteria !== undefined) throw validationError('cortado local does not emulate PromQL alarms (EvaluationCriteria).');
  const operator = input.ComparisonOperator as string | undefined;
  if (operator === undefined) throw validationError('ComparisonOperator must be specified.');
  if (!(STATIC_OPERATORS as readonly string[]).includes(operator) || input.ThresholdMetricId !== undefined) {
    throw validationError(`cortado local does not emulate anomaly detection alarms (ComparisonOperator ${operator}, ThresholdMetricId).`);
  }
  if (input.Threshold === undefined) throw validationError('Threshold must be specified.');
  const n = input.EvaluationPeriods as number | undefined;
  if (n === undefined) throw validationError('EvaluationPeriods must be specified.');
  const m = input.DatapointsToAlarm as number | undefined;
  if (m !== undefined && m > n) throw validationError(`DatapointsToAlarm (${m}) must be less than or equal to EvaluationPeriods (${n}).`);
  const metrics = input.Metrics as MetricDataQueryInput[] | undefined;
  const period = metrics ? checkMetrics(metrics, input) : checkSingleMetric(input);
  if (period < 3600 && n * period > DAY)
    throw validationError(`Metrics cannot be checked across more than a day (EvaluationPeriods * Period must be <= ${DAY})`);
  if (n * period > 7 * DAY)
    throw validationError(`Metrics cannot be checked across more than a week (EvaluationPeriods * Period must be <= ${7 * DAY})`);
  const treat = input.TreatMissingData as string | undefined;
  if (treat !== undefined && !(TREAT_MISSING_DATA as readonly string[]).includes(treat)) {
    throw validationError(
      `The value ${treat} for parameter TreatMissingData is not valid. Valid values are ${TREAT_MISSING_DATA.join(', ')}.`,
    );
  }
  const low = input.EvaluateLowSampleCountPercentile as string | undefined;
  if (low !== undefined && low !== 'evaluate' && low !== 'ignore')
    throw validationError(
      `The value ${low} for parameter EvaluateLowSampleCountPercentile is not valid. Valid values are evaluate and ignore.`,
    );
  const actions = (name: 'OKActions' | 'AlarmActions' | 'InsufficientDataActions'): string[] => {
    const list = (input[name] as string[] | undefined) ?? [];
    for (const a of list) if (!/^arn:[^:]+:[^:]+:/.test(a)) throw validationError(`Invalid arn syntax: ${a}`);
    return list;
  };
  const optional = <K extends string>(k: K) => (input[k] !== undefined ? { [k]: input[k] } : {});
  return {
    AlarmName: String(input.AlarmName),
    ...optional('AlarmDescription'),
    ActionsEnabled: (input.ActionsEnabled as boolean | undefined) ?? true,
    OKActions: actions('OKActions'),
    AlarmActions: actions('AlarmActions'),
    InsufficientDataActions: actions('InsufficientDataActions'),
    ...optional('MetricName'),
    ...optional('Namespace'),
    ...optional('Statistic'),
    ...optional('ExtendedStatistic'),
    Dimensions: (input.Dimensions as Dimension[] | undefined) ?? [],
    ...optional('Period'),
    ...optional('Unit'),
    EvaluationPeriods: n,
    ...optional('DatapointsToAlarm'),
    Threshold: input.Threshold as number,
    ComparisonOperator: operator,
    ...optional('TreatMissingData'),
    ...optional('EvaluateLowSampleCountPercentile'),
    ...(metrics ? { Metrics: metrics } : {}),
  } as AlarmConfig;
}

/** Creates or updates an alarm from PutMetricAlarm's input: the API handler and the AlarmRegistry seam both come here. */
export function putAlarm(
  env: SandboxEnv,
  store: AlarmStore,
  input: Input,
  now: number,
  options: { readonly simulatedPeriods?: boolean } = {},
): void {
  const config = checkAlarmInput(input);
  const existing = store.alarms.get(config.AlarmName);
  if (existing) {
    // An update replaces the configuration and keeps the state; tags are only taken on creation.
    existing.config = config;
    existing.configUpdatedAt = now;
    existing.stamp = env.consistency.stamp();
    if (options.simulatedPeriods) existing.simulatedPeriods = true;
    else delete existing.simulatedPeriods;
  } else {
    store.alarms.set(config.AlarmName, {
      config,
      arn: arn('cloudwatch', env.region, env.accountId, `alarm:${config.AlarmName}`),
      tags: (input.Tags as Array<{ Key: string; Value: string }> | undefined) ?? [],
      configUpdatedAt: now,
      stateValue: 'INSUFFICIENT_DATA',
      stateReason: 'Unchecked: Initial alarm creation',
      stateUpdatedAt: now,
      stateTransitionedAt: now,
      stamp: env.consistency.stamp(),
      ...(options.simulatedPeriods ? { simulatedPeriods: true } : {}),
    });
  }
  const alarm = toMetricAlarm(store.alarms.get(config.AlarmName)!);
  addHistory(
    store,
    {
      AlarmName: config.AlarmName,
      AlarmType: 'MetricAlarm',
      Timestamp: now,
      HistoryItemType: 'ConfigurationUpdate',
      HistorySummary: `Alarm "${config.AlarmName}" ${existing ? 'updated' : 'created'}`,
      HistoryData: JSON.stringify({
        version: '1.0',
        type: existing ? 'Update' : 'Create',
        [existing ? 'updatedAlarm' : 'createdAlarm']: alarm,
      }),
    },
    now,
  );
}

export function putMetricAlarmHandler(env: SandboxEnv, store: AlarmStore): Handler {
  return (input, ctx) => {
    putAlarm(env, store, input, ctx.now().getTime());
    return {};
  };
}
