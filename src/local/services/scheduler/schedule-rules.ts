// What CreateSchedule and UpdateSchedule accept beyond the model's own constraints, and the defaults AWS fills in.
import { isTimeZone, parseScheduleExpression, type ScheduleExpression } from '../../schedule-expression/index.js';
import { validation, type Json, type RetryPolicy, type ScheduleConfig } from './scheduler-state.js';

/** RetryPolicy when the target has none [API:Scheduler RetryPolicy: defaults 86400 s and 185 attempts]. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { MaximumEventAgeInSeconds: 86_400, MaximumRetryAttempts: 185 };

/** A recurring schedule's StartDate may lie at most this far in the past [API:Scheduler CreateSchedule StartDate]. */
const START_DATE_SLACK_MS = 5 * 60_000;

const time = (v: unknown): number | undefined => (v instanceof Date ? v.getTime() : undefined);

export function parsedExpression(text: string): ScheduleExpression {
  const parsed = parseScheduleExpression(text, 'scheduler');
  if (parsed.kind === 'invalid') throw validation(`Invalid Schedule Expression ${text}.`);
  return parsed.expression;
}

/** Validates the input of CreateSchedule/UpdateSchedule (already checked against the model) into a schedule's config. */
export function scheduleConfig(input: Json, now: number): ScheduleConfig {
  const expressionText = input.ScheduleExpression as string;
  const expression = parsedExpression(expressionText);
  const timezone = (input.ScheduleExpressionTimezone as string | undefined) ?? 'UTC';
  if (!isTimeZone(timezone)) throw validation(`Invalid timezone ${timezone}.`);

  const window = input.FlexibleTimeWindow as { Mode: 'OFF' | 'FLEXIBLE'; MaximumWindowInMinutes?: number };
  if (window.Mode === 'FLEXIBLE' && window.MaximumWindowInMinutes === undefined)
    throw validation('MaximumWindowInMinutes is required when FlexibleTimeWindow Mode is FLEXIBLE.');

  const startDate = time(input.StartDate);
  const endDate = time(input.EndDate);
  if (expression.kind !== 'at' && startDate !== undefined && startDate < now - START_DATE_SLACK_MS)
    throw validation('The StartDate you specify cannot be earlier than 5 minutes ago.');
  if (startDate !== undefined && endDate !== undefined && endDate <= startDate)
    throw validation('The EndDate you specify must be after the StartDate.');
  if (expression.kind !== 'at' && endDate !== undefined && endDate <= now)
    throw validation('The EndDate you specify cannot be in the past.');

  const target = input.Target as Json & { Arn: string; RoleArn: string; RetryPolicy?: Partial<RetryPolicy> };
  const retry: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...(target.RetryPolicy ?? {}) };
  return {
    scheduleExpression: expressionText,
    scheduleExpressionTimezone: timezone,
    flexibleTimeWindow: window,
    target: { ...target, RetryPolicy: retry },
    state: (input.State as 'ENABLED' | 'DISABLED' | undefined) ?? 'ENABLED',
    actionAfterCompletion: (input.ActionAfterCompletion as 'NONE' | 'DELETE' | undefined) ?? 'NONE',
    description: input.Description as string | undefined,
    startDate,
    endDate,
    kmsKeyArn: input.KmsKeyArn as string | undefined,
  };
}
