// AWS's six-field cron syntax (EventBridge Scheduler and rules) checked field by field and translated to croner's.
//
// AWS: minutes hours day-of-month month day-of-week year, day-of-week 1–7 = SUN–SAT, years 1970–2199, exactly one
// of day-of-month and day-of-week is `?`. croner does the calendar arithmetic; this module decides what AWS accepts.

export type CronFieldName = 'minutes' | 'hours' | 'day-of-month' | 'month' | 'day-of-week' | 'year';

interface FieldRule {
  readonly name: CronFieldName;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

const RULES: readonly FieldRule[] = [
  { name: 'minutes', min: 0, max: 59 },
  { name: 'hours', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  { name: 'day-of-week', min: 1, max: 7, names: DAYS },
  { name: 'year', min: 1970, max: 2199 },
];

export type CronFieldsResult =
  | { readonly kind: 'ok'; readonly fields: readonly string[]; readonly pattern: string }
  | { readonly kind: 'invalid'; readonly reason: string };

const invalid = (reason: string): CronFieldsResult => ({ kind: 'invalid', reason });

/** A value of the field: a number in range, or one of its names (case-insensitive, as AWS accepts `mon`). */
function value(rule: FieldRule, text: string): number | undefined {
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    return n >= rule.min && n <= rule.max ? n : undefined;
  }
  const i = rule.names?.indexOf(text.toUpperCase()) ?? -1;
  return i >= 0 ? i + rule.min : undefined;
}

/** One comma-separated element: `*`, `n`, `n-m`, `*\/s`, `n/s`, `n-m/s`; returns croner's spelling or undefined. */
function element(rule: FieldRule, text: string): string | undefined {
  const [range, step, extra] = text.split('/');
  if (range === undefined || extra !== undefined) return undefined;
  if (step !== undefined && !(/^\d+$/.test(step) && Number(step) >= 1 && Number(step) <= rule.max)) return undefined;
  const suffix = step === undefined ? '' : `/${step}`;
  if (range === '*') return `*${suffix}`;
  const [lo, hi, more] = range.split('-');
  if (lo === undefined || more !== undefined) return undefined;
  const from = value(rule, lo);
  if (from === undefined) return undefined;
  if (hi === undefined) return step === undefined ? String(from) : `${from}-${rule.max}${suffix}`; // `0/15` is Quartz's start/step
  const to = value(rule, hi);
  return to === undefined ? undefined : `${from}-${to}${suffix}`;
}

/** Day-of-month extras: `L` (last day), `LW`, `nW` (weekday nearest the nth). */
function dayOfMonthSpecial(text: string): string | undefined {
  if (text === 'L' || text === 'LW') return text;
  const w = /^(\d{1,2})W$/.exec(text);
  return w && Number(w[1]) >= 1 && Number(w[1]) <= 31 ? `${Number(w[1])}W` : undefined;
}

/** Day-of-week extras: `L` (last day of the week: Saturday), `nL` (last such weekday of the month), `n#k`. */
function dayOfWeekSpecial(rule: FieldRule, text: string): string | undefined {
  if (text === 'L') return '7';
  const last = /^(\w+)L$/.exec(text);
  if (last) {
    const d = value(rule, last[1] ?? '');
    return d === undefined ? undefined : `${d}#L`;
  }
  const nth = /^(\w+)#([1-5])$/.exec(text);
  if (nth) {
    const d = value(rule, nth[1] ?? '');
    return d === undefined ? undefined : `${d}#${nth[2]}`;
  }
  return undefined;
}

function field(rule: FieldRule, text: string): string | undefined {
  if (text === '?') return rule.name === 'day-of-month' || rule.name === 'day-of-week' ? '*' : undefined;
  const parts = text.split(',');
  const out: string[] = [];
  for (const part of parts) {
    const special =
      rule.name === 'day-of-month' ? dayOfMonthSpecial(part) : rule.name === 'day-of-week' ? dayOfWeekSpecial(rule, part) : undefined;
    if (special !== undefined && parts.length > 1 && /[LW#]/.test(part)) return undefined;
    const translated = special ?? element(rule, part);
    if (translated === undefined) return undefined;
    out.push(translated);
  }
  return out.join(',');
}

/**
 * Checks the six fields inside `cron(...)` and gives croner's seven-part pattern (seconds first, weekdays in Quartz
 * numbering, day-of-month AND day-of-week since one of them is always `?`).
 */
export function translateAwsCron(body: string): CronFieldsResult {
  const fields = body.trim().split(/\s+/);
  if (fields.length !== 6)
    return invalid(`a cron expression has 6 fields (minutes hours day-of-month month day-of-week year), got ${fields.length}`);
  const [, , dom, , dow] = fields;
  if ((dom === '?') === (dow === '?'))
    return invalid('exactly one of day-of-month and day-of-week must be ? (you cannot specify both, or leave both out)');
  const out: string[] = ['0'];
  for (const [i, rule] of RULES.entries()) {
    const text = fields[i] ?? '';
    const translated = field(rule, text);
    if (translated === undefined)
      return invalid(
        `the ${rule.name} field "${text}" is not valid (${rule.min}–${rule.max}${rule.names ? ` or ${rule.names[0]}–${rule.names.at(-1)}` : ''})`,
      );
    out.push(translated);
  }
  return { kind: 'ok', fields, pattern: out.join(' ') };
}
