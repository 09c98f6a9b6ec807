// StateReason and StateReasonData text for evaluated alarms, in the style CloudWatch writes them.
import type { ComparisonOperator, Evaluation } from './alarm-evaluation.js';

const OPERATOR_TEXT: Readonly<Record<ComparisonOperator, string>> = {
  GreaterThanOrEqualToThreshold: 'greater than or equal to',
  GreaterThanThreshold: 'greater than',
  LessThanThreshold: 'less than',
  LessThanOrEqualToThreshold: 'less than or equal to',
};

/** Java's Double.toString style, which CloudWatch uses in reasons: 85.0, 0.25. */
export const formatNumber = (v: number): string => (Number.isInteger(v) && Math.abs(v) < 1e7 ? v.toFixed(1) : String(v));

const pad = (n: number) => String(n).padStart(2, '0');

/** dd/MM/yy HH:mm:ss in UTC, as in "85.0 (24/03/21 10:15:00)". */
export const reasonDate = (ms: number): string => {
  const d = new Date(ms);
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCFullYear() % 100)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
};

/** yyyy-MM-dd'T'HH:mm:ss.SSS+0000, the date format of StateReasonData. */
export const reasonDataDate = (ms: number): string => new Date(ms).toISOString().replace('Z', '+0000');

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export interface ReasonContext {
  readonly operator: ComparisonOperator;
  readonly threshold: number;
  readonly n: number;
  readonly m: number;
  /** Bucket start (ms) of each slot of the evaluation range. */
  readonly slotTimes: readonly number[];
}

export function stateReason(e: Evaluation, ctx: ReasonContext): string {
  if (e.kind === 'keep') return '';
  if (e.kind === 'insufficient') return `Insufficient Data: ${plural(e.missing, 'datapoint')} ${e.missing === 1 ? 'was' : 'were'} unknown.`;
  const op = OPERATOR_TEXT[ctx.operator];
  const threshold = formatNumber(ctx.threshold);
  if (e.evaluated.length === 0) {
    const as = e.filledAs === 'breaching' ? 'Breaching' : 'NonBreaching';
    return `Threshold Crossed: no datapoints were received for ${plural(e.filled, 'period')} and ${plural(e.filled, 'missing datapoint')} ${e.filled === 1 ? 'was' : 'were'} treated as [${as}].`;
  }
  const list = e.evaluated.map((p) => `${formatNumber(p.value)} (${reasonDate(ctx.slotTimes[p.index]!)})`).join(', ');
  const alarm = e.state === 'ALARM';
  const counted = alarm ? e.breaching : e.evaluated.length + e.filled - e.breaching;
  const verb = alarm ? op : `not ${op}`;
  if (ctx.n === 1 && e.evaluated.length === 1) return `Threshold Crossed: 1 datapoint [${list}] was ${verb} the threshold (${threshold}).`;
  const transition = alarm
    ? `(minimum ${plural(ctx.m, 'datapoint')} for OK -> ALARM transition)`
    : `(minimum ${plural(ctx.n - ctx.m + 1, 'datapoint')} for ALARM -> OK transition)`;
  return `Threshold Crossed: ${counted} out of the last ${ctx.n} datapoints [${list}] ${counted === 1 ? 'was' : 'were'} ${verb} the threshold (${threshold}) ${transition}.`;
}

export interface ReasonDataContext extends ReasonContext {
  readonly queryDate: number;
  readonly statistic?: string;
  readonly unit?: string;
  readonly period: number;
  readonly slots: ReadonlyArray<number | undefined>;
}

export function stateReasonData(e: Evaluation, ctx: ReasonDataContext): string {
  const recent = ctx.slots.filter((v): v is number => v !== undefined);
  const data: Record<string, unknown> = {
    version: '1.0',
    queryDate: reasonDataDate(ctx.queryDate),
    startDate: reasonDataDate(ctx.slotTimes[0] ?? ctx.queryDate),
    ...(ctx.statistic ? { statistic: ctx.statistic } : {}),
    ...(ctx.unit ? { unit: ctx.unit } : {}),
    period: ctx.period,
    recentDatapoints: recent,
    threshold: ctx.threshold,
  };
  if (e.kind === 'state') {
    data.evaluatedDatapoints = e.evaluated.map((p) => ({ timestamp: reasonDataDate(ctx.slotTimes[p.index]!), value: p.value }));
  }
  return JSON.stringify(data);
}
