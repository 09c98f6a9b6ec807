// DescribeAlarms, DescribeAlarmsForMetric, DeleteAlarms, SetAlarmState and DescribeAlarmHistory.
import { AwsError } from '../../aws-error.js';
import type { SandboxEnv } from '../../env.js';
import { paginate } from '../../paginate.js';
import type { Handler } from '../../service.js';
import type { AlarmStateValue } from './alarm-evaluation.js';
import { setState, toMetricAlarm, type AlarmRecord, type AlarmStore } from './alarm-model.js';
import { invalidNextToken, resourceNotFound, validationError } from './cloudwatch-errors.js';
import { identityOf, metricKey, type Dimension } from './metric-identity.js';

export const DEFAULT_MAX_RECORDS = 50;
export const MAX_RECORDS = 100;

const byName = (a: AlarmRecord, b: AlarmRecord) =>
  a.config.AlarmName < b.config.AlarmName ? -1 : a.config.AlarmName > b.config.AlarmName ? 1 : 0;

const pageOptions = { defaultSize: DEFAULT_MAX_RECORDS, maxSize: MAX_RECORDS, badToken: invalidNextToken };

export function alarmHandlers(env: SandboxEnv, store: AlarmStore): Record<string, Handler> {
  const visible = () => [...store.alarms.values()].filter((a) => env.consistency.visible(a.stamp)).sort(byName);
  return {
    DescribeAlarms: (input) => {
      const names = input.AlarmNames as string[] | undefined;
      const prefix = input.AlarmNamePrefix as string | undefined;
      if (names && prefix !== undefined) throw validationError('AlarmNames and AlarmNamePrefix cannot be specified together.');
      const types = (input.AlarmTypes as string[] | undefined) ?? ['MetricAlarm'];
      const actionPrefix = input.ActionPrefix as string | undefined;
      const matching = types.includes('MetricAlarm')
        ? visible().filter(
            (a) =>
              (!names || names.includes(a.config.AlarmName)) &&
              (prefix === undefined || a.config.AlarmName.startsWith(prefix)) &&
              (input.StateValue === undefined || a.stateValue === input.StateValue) &&
              (actionPrefix === undefined ||
                [...a.config.AlarmActions, ...a.config.OKActions, ...a.config.InsufficientDataActions].some((x) =>
                  x.startsWith(actionPrefix),
                )),
          )
        : [];
      const page = paginate(
        matching,
        { nextToken: input.NextToken, maxResults: input.MaxRecords },
        pageOptions,
        JSON.stringify([names ?? null, prefix ?? null, input.StateValue ?? null, actionPrefix ?? null, types]),
      );
      return { MetricAlarms: page.items.map(toMetricAlarm), CompositeAlarms: [], ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
    },
    DescribeAlarmsForMetric: (input) => {
      const key = metricKey(identityOf(String(input.Namespace), String(input.MetricName), input.Dimensions as Dimension[] | undefined));
      const MetricAlarms = visible()
        .filter((a) => {
          const c = a.config;
          if (c.Metrics || c.Namespace === undefined || c.MetricName === undefined) return false;
          return (
            metricKey(identityOf(c.Namespace, c.MetricName, c.Dimensions)) === key &&
            (input.Statistic === undefined || c.Statistic === input.Statistic) &&
            (input.ExtendedStatistic === undefined || c.ExtendedStatistic === input.ExtendedStatistic) &&
            (input.Period === undefined || c.Period === input.Period) &&
            (input.Unit === undefined || c.Unit === input.Unit)
          );
        })
        .map(toMetricAlarm);
      return { MetricAlarms };
    },
    // Like CloudWatch, deleting a name that does not exist is not an error.
    DeleteAlarms: (input) => {
      for (const name of input.AlarmNames as string[]) store.alarms.delete(name);
      return {};
    },
    SetAlarmState: (input, ctx) => {
      const name = String(input.AlarmName);
      const alarm = store.alarms.get(name);
      if (!alarm) throw resourceNotFound(`Alarm ${name} not found`);
      const data = input.StateReasonData as string | undefined;
      if (data !== undefined) {
        try {
          JSON.parse(data);
        } catch {
          throw new AwsError('InvalidFormat', 'StateReasonData is not valid JSON.');
        }
      }
      setState(store, alarm, input.StateValue as AlarmStateValue, String(input.StateReason), data, ctx.now().getTime());
      return {};
    },
    DescribeAlarmHistory: (input) => {
      const types = (input.AlarmTypes as string[] | undefined) ?? ['MetricAlarm'];
      const start = (input.StartDate as Date | undefined)?.getTime() ?? -Infinity;
      const end = (input.EndDate as Date | undefined)?.getTime() ?? Infinity;
      const items = store.history.filter(
        (h) =>
          types.includes(h.AlarmType) &&
          (input.AlarmName === undefined || h.AlarmName === input.AlarmName) &&
          (input.HistoryItemType === undefined || h.HistoryItemType === input.HistoryItemType) &&
          h.Timestamp >= start &&
          h.Timestamp <= end,
      );
      if ((input.ScanBy ?? 'TimestampDescending') === 'TimestampDescending') items.reverse();
      const page = paginate(
        items,
        { nextToken: input.NextToken, maxResults: input.MaxRecords },
        pageOptions,
        JSON.stringify([input.AlarmName ?? null, input.HistoryItemType ?? null, start, end, input.ScanBy ?? null, types]),
      );
      return {
        AlarmHistoryItems: page.items.map((h) => ({ ...h, Timestamp: new Date(h.Timestamp) })),
        ...(page.nextToken ? { NextToken: page.nextToken } : {}),
      };
    },
  };
}
