// PutCompositeAlarm, and DescribeAlarms/DeleteAlarms/SetAlarmState extended to composite alarms.
import type { SandboxEnv } from '../../env.js';
import type { Handler } from '../../service.js';
import type { AlarmStateValue } from './alarm-evaluation.js';
import type { AlarmStore } from './alarm-model.js';
import { evaluateComposites, putCompositeAlarm, toCompositeAlarm, type CompositeStore } from './composite-alarms.js';
import { validationError } from './cloudwatch-errors.js';

export function compositeHandlers(
  env: SandboxEnv,
  alarms: AlarmStore,
  composites: CompositeStore,
  metricHandlers: Readonly<Record<string, Handler>>,
): Record<string, Handler> {
  const metricState = (name: string): AlarmStateValue | undefined => alarms.alarms.get(name)?.stateValue;
  return {
    PutCompositeAlarm: (input, ctx) => {
      const name = String(input.AlarmName);
      if (alarms.alarms.has(name)) throw validationError(`The alarm name ${name} is already used by a metric alarm.`);
      const now = ctx.now().getTime();
      putCompositeAlarm(env, composites, input, (n) => alarms.alarms.has(n) || composites.has(n), now);
      evaluateComposites(composites, metricState, now);
      return {};
    },
    // Composite alarms are listed on the first page only, after the page of metric alarms (when AlarmTypes asks for them).
    DescribeAlarms: (input, ctx) => {
      const out = metricHandlers.DescribeAlarms!(input, ctx) as Record<string, unknown>;
      const types = (input.AlarmTypes as string[] | undefined) ?? ['MetricAlarm'];
      if (!types.includes('CompositeAlarm') || input.NextToken !== undefined) return out;
      const names = input.AlarmNames as string[] | undefined;
      const prefix = input.AlarmNamePrefix as string | undefined;
      const actionPrefix = input.ActionPrefix as string | undefined;
      const CompositeAlarms = [...composites.values()]
        .filter(
          (a) =>
            (!names || names.includes(a.AlarmName)) &&
            (prefix === undefined || a.AlarmName.startsWith(prefix)) &&
            (input.StateValue === undefined || a.StateValue === input.StateValue) &&
            (actionPrefix === undefined ||
              [...a.AlarmActions, ...a.OKActions, ...a.InsufficientDataActions].some((x) => x.startsWith(actionPrefix))),
        )
        .sort((a, b) => (a.AlarmName < b.AlarmName ? -1 : 1))
        .map(toCompositeAlarm);
      return { ...out, CompositeAlarms };
    },
    DeleteAlarms: (input, ctx) => {
      for (const name of input.AlarmNames as string[]) composites.delete(name);
      return metricHandlers.DeleteAlarms!(input, ctx);
    },
    SetAlarmState: (input, ctx) => {
      const composite = composites.get(String(input.AlarmName));
      const now = ctx.now().getTime();
      if (!composite) {
        const out = metricHandlers.SetAlarmState!(input, ctx);
        // Composite alarms follow a state change of an alarm they name at once, not at the next evaluation.
        evaluateComposites(composites, metricState, now);
        return out;
      }
      const state = input.StateValue as AlarmStateValue;
      if (composite.StateValue !== state) composite.StateTransitionedTimestamp = now;
      composite.StateValue = state;
      composite.StateReason = String(input.StateReason);
      composite.StateUpdatedTimestamp = now;
      return {};
    },
  };
}
