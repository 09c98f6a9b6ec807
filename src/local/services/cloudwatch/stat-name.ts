// Parses CloudWatch statistic names (Sum, p99.9, tm99, TM(10%:90%), IQM, PR(:300)) into one shape the calculator reads.
export type BasicStatistic = 'SampleCount' | 'Average' | 'Sum' | 'Minimum' | 'Maximum';

export const BASIC_STATISTICS: readonly BasicStatistic[] = ['SampleCount', 'Average', 'Sum', 'Minimum', 'Maximum'];

export type Bound = { readonly kind: 'percent'; readonly value: number } | { readonly kind: 'value'; readonly value: number };

export type TrimmedFunction = 'TM' | 'WM' | 'TC' | 'TS';

export type StatName =
  | { readonly kind: 'basic'; readonly name: BasicStatistic }
  | { readonly kind: 'percentile'; readonly percent: number }
  | { readonly kind: 'trimmed'; readonly fn: TrimmedFunction; readonly lower?: Bound; readonly upper?: Bound }
  /** PR(n:m): the percentage of values v with n < v <= m. */
  | { readonly kind: 'rank'; readonly lower?: number; readonly upper?: number };

// Percentages take at most two decimals, as the CloudWatch statistics definitions allow (p99.99).
const PERCENT = String.raw`(\d{1,3}(?:\.\d{1,2})?)`;
const NUMBER = String.raw`(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)`;

const percentOk = (n: number): boolean => n >= 0 && n <= 100;

function parseBound(text: string): Bound | undefined | 'invalid' {
  if (text === '') return undefined;
  const percent = new RegExp(`^${PERCENT}%$`).exec(text);
  if (percent) {
    const value = Number(percent[1]);
    return percentOk(value) ? { kind: 'percent', value } : 'invalid';
  }
  const value = new RegExp(`^${NUMBER}$`).exec(text);
  return value ? { kind: 'value', value: Number(value[1]) } : 'invalid';
}

function parseRange(fn: string, inner: string): StatName | undefined {
  const parts = inner.split(':');
  if (parts.length !== 2) return undefined;
  const lower = parseBound(parts[0]!);
  const upper = parseBound(parts[1]!);
  if (lower === 'invalid' || upper === 'invalid' || (!lower && !upper)) return undefined;
  if (lower && upper && (lower.kind !== upper.kind || lower.value >= upper.value)) return undefined;
  if (fn === 'PR') {
    if (lower?.kind === 'percent' || upper?.kind === 'percent') return undefined;
    return { kind: 'rank', ...(lower ? { lower: lower.value } : {}), ...(upper ? { upper: upper.value } : {}) };
  }
  return { kind: 'trimmed', fn: fn as TrimmedFunction, ...(lower ? { lower } : {}), ...(upper ? { upper } : {}) };
}

/** Returns undefined for a name CloudWatch does not know (the caller answers with its own error). */
export function parseStatName(text: string): StatName | undefined {
  if ((BASIC_STATISTICS as readonly string[]).includes(text)) return { kind: 'basic', name: text as BasicStatistic };
  if (text === 'IQM') return { kind: 'trimmed', fn: 'TM', lower: { kind: 'percent', value: 25 }, upper: { kind: 'percent', value: 75 } };
  const p = new RegExp(`^p${PERCENT}$`).exec(text);
  if (p) {
    const percent = Number(p[1]);
    return percentOk(percent) ? { kind: 'percentile', percent } : undefined;
  }
  // The one-number shorthand is lowercase only: tm99 = TM(:99%).
  const short = new RegExp(`^(tm|wm|tc|ts)${PERCENT}$`).exec(text);
  if (short) {
    const value = Number(short[2]);
    if (!percentOk(value)) return undefined;
    return { kind: 'trimmed', fn: short[1]!.toUpperCase() as TrimmedFunction, upper: { kind: 'percent', value } };
  }
  const range = /^(TM|WM|TC|TS|PR)\(([^()]*)\)$/.exec(text);
  return range ? parseRange(range[1]!, range[2]!) : undefined;
}

export const isExtended = (stat: StatName): boolean => stat.kind !== 'basic';
