// One duration grammar for every flag and config field: Go-style sums ("500ms", "90s", "10m", "1h30m", "7d"), plain seconds where a field says so.
import type { Code } from '../core/codes.js';
import { UsageError } from '../core/errors.js';
import { describeValue } from './shape/shape.js';

const UNITS: Readonly<Record<string, number>> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};
const TERMS = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h|d|w))+$/;
const TERM = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h|d|w)/g;

export interface DurationRule {
  /** A plain number (`90`, `"90"`, `1.5`) is seconds: only for fields documented in seconds. */
  readonly bareSeconds?: boolean;
  /** Bounds in milliseconds. */
  readonly min?: number;
  readonly max?: number;
}

/** What the grammar accepts, for messages. */
export const DURATION_FORM = 'a duration such as 30s, 10m, 1h30m or 500ms';

/** Pure: whole milliseconds, or undefined when `value` is not a duration (bounds are not checked here). */
export function parseDuration(value: unknown, rule: Pick<DurationRule, 'bareSeconds'> = {}): number | undefined {
  if (typeof value === 'number') return rule.bareSeconds && Number.isFinite(value) && value >= 0 ? Math.round(value * 1000) : undefined;
  if (typeof value !== 'string') return undefined;
  const s = value.trim();
  if (s === '0') return 0;
  if (rule.bareSeconds && /^\d+(\.\d+)?$/.test(s)) return Math.round(Number(s) * 1000);
  if (!TERMS.test(s)) return undefined;
  let total = 0;
  for (const m of s.matchAll(TERM)) total += Number(m[1]) * UNITS[m[2]!]!;
  return Math.round(total);
}

export function formatDuration(ms: number): string {
  if (ms % 3_600_000 === 0 && ms > 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0 && ms > 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}

/** The expectation a rule describes: "a duration such as ... (or a number of seconds) of at least 1s". */
export function durationExpectation(rule: DurationRule = {}): string {
  const min = rule.min !== undefined && rule.min > 1 ? rule.min : undefined;
  const bounds =
    min !== undefined && rule.max !== undefined
      ? ` from ${formatDuration(min)} to ${formatDuration(rule.max)}`
      : min !== undefined
        ? ` of at least ${formatDuration(min)}`
        : rule.max !== undefined
          ? ` of at most ${formatDuration(rule.max)}`
          : '';
  return `${DURATION_FORM}${rule.bareSeconds ? ' (or a number of seconds)' : ''}${bounds}`;
}

const within = (ms: number, rule: DurationRule) => (rule.min === undefined || ms >= rule.min) && (rule.max === undefined || ms <= rule.max);

export interface DurationField extends DurationRule {
  /** The field path (`canary.interval`), named in the message and set on the error. */
  readonly field: string;
  readonly file?: string;
  readonly code?: Code;
  readonly hint?: string;
}

/** A config field's duration, or a UsageError naming the file, the field, the expectation and what was received. */
export function readDuration(value: unknown, at: DurationField): number {
  const ms = parseDuration(value, at);
  if (ms !== undefined && within(ms, at)) return ms;
  const where = `${at.file ? `${at.file}: ` : ''}${at.field}`;
  throw new UsageError(at.code ?? 'BAD_CONFIG', `${where}: expected ${durationExpectation(at)}, got ${describeValue(value)}`, {
    ...(at.file !== undefined ? { file: at.file } : {}),
    field: at.field,
    ...(at.hint !== undefined ? { hint: at.hint } : {}),
  });
}

/** A flag's duration (`--timeout 90s`), or a UsageError naming the flag and what it got. */
export function readDurationOption(raw: string, option: string, rule: DurationRule = { min: 1 }, code: Code = 'BAD_OPTION'): number {
  const ms = parseDuration(raw, rule);
  if (ms !== undefined && within(ms, rule)) return ms;
  throw new UsageError(code, `${option} expects ${durationExpectation(rule)}, got ${JSON.stringify(raw)}`, { field: option });
}
