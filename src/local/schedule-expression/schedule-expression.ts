// Parses `cron(...)`, `rate(...)` and `at(...)` schedule expressions as EventBridge Scheduler (and rules) accept them.
import { translateAwsCron } from './aws-cron-fields.js';
import { fromNaiveMs, naiveMs, type LocalDateTime } from './zoned-time.js';

export type RateUnit = 'minute' | 'hour' | 'day';

export type ScheduleExpression =
  | { readonly kind: 'cron'; readonly text: string; readonly fields: readonly string[]; readonly pattern: string }
  | { readonly kind: 'rate'; readonly text: string; readonly value: number; readonly unit: RateUnit; readonly periodMs: number }
  | { readonly kind: 'at'; readonly text: string; readonly local: LocalDateTime };

export type ParsedScheduleExpression =
  { readonly kind: 'ok'; readonly expression: ScheduleExpression } | { readonly kind: 'invalid'; readonly reason: string };

/**
 * `scheduler` is EventBridge Scheduler (cron, rate, at; `rate(1 minutes)` accepted); `rules` is an EventBridge
 * rule's ScheduleExpression (no at(); the unit is singular for 1 and plural above, as the EventBridge guide says).
 */
export type ExpressionDialect = 'scheduler' | 'rules';

const UNIT_MS: Readonly<Record<RateUnit, number>> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

const invalid = (reason: string): ParsedScheduleExpression => ({ kind: 'invalid', reason });

function parseRate(text: string, body: string, dialect: ExpressionDialect): ParsedScheduleExpression {
  const m = /^(\d+) (minute|hour|day)(s?)$/.exec(body);
  if (!m) return invalid('a rate expression is rate(value unit) with a positive whole value and a unit of minutes, hours or days');
  const value = Number(m[1]);
  const unit = m[2] as RateUnit;
  if (!(value >= 1) || !Number.isSafeInteger(value)) return invalid('the rate value must be a positive whole number');
  if (dialect === 'rules' && (value === 1) === (m[3] === 's'))
    return invalid(`the rate unit is singular for a value of 1 and plural otherwise (rate(1 ${unit}), rate(5 ${unit}s))`);
  return { kind: 'ok', expression: { kind: 'rate', text, value, unit, periodMs: value * UNIT_MS[unit] } };
}

function parseAt(text: string, body: string): ParsedScheduleExpression {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(body);
  if (!m) return invalid('a one-time expression is at(yyyy-mm-ddThh:mm:ss)');
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const local: LocalDateTime = { year, month, day, hour, minute, second };
  const roundTrip = fromNaiveMs(naiveMs(local));
  const same = (Object.keys(local) as (keyof LocalDateTime)[]).every((k) => roundTrip[k] === local[k]);
  if (!same || hour > 23) return invalid(`${body} is not a date and time that exists`);
  return { kind: 'ok', expression: { kind: 'at', text, local } };
}

export function parseScheduleExpression(text: string, dialect: ExpressionDialect = 'scheduler'): ParsedScheduleExpression {
  const m = /^(cron|rate|at)\((.*)\)$/s.exec(text);
  if (!m)
    return invalid(
      dialect === 'scheduler' ? 'the expression must be cron(...), rate(...) or at(...)' : 'the expression must be cron(...) or rate(...)',
    );
  const body = m[2] ?? '';
  switch (m[1]) {
    case 'rate':
      return parseRate(text, body, dialect);
    case 'at':
      return dialect === 'scheduler' ? parseAt(text, body) : invalid('an EventBridge rule does not take at(...) expressions');
    default: {
      const cron = translateAwsCron(body);
      return cron.kind === 'ok' ? { kind: 'ok', expression: { kind: 'cron', text, fields: cron.fields, pattern: cron.pattern } } : cron;
    }
  }
}
