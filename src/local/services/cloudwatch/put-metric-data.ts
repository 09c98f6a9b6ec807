// PutMetricData: every datum is checked against CloudWatch's rules before any of them is stored.
import type { SandboxEnv } from '../../env.js';
import type { Handler } from '../../service.js';
import { invalidParameterCombination, invalidParameterValue, missingParameter } from './cloudwatch-errors.js';
import { duplicateDimension, identityOf, type Dimension } from './metric-identity.js';
import { putSample, seriesFor, type MetricStore, type Sample } from './metric-store.js';
import type { StatisticSet } from './sample-cell.js';

interface MetricDatum {
  readonly MetricName: string;
  readonly Dimensions?: readonly Dimension[];
  readonly Timestamp?: Date;
  readonly Value?: number;
  readonly StatisticValues?: StatisticSet;
  readonly Values?: readonly number[];
  readonly Counts?: readonly number[];
  readonly Unit?: string;
  readonly StorageResolution?: number;
}

export const MAX_METRIC_DATA = 1000;
export const MAX_VALUES = 150;
const TWO_WEEKS = 14 * 86_400_000;
const TWO_HOURS = 2 * 3_600_000;
// CloudWatch rejects magnitudes above 2^360 and non-zero ones below 2^-360 (and NaN/Infinity).
const LIMIT = 2 ** 360;

const valueOk = (v: number): boolean => Number.isFinite(v) && Math.abs(v) <= LIMIT && (v === 0 || Math.abs(v) >= 1 / LIMIT);

function checkDimensions(dims: readonly Dimension[] | undefined, at: string): void {
  const dup = duplicateDimension(dims);
  if (dup) throw invalidParameterValue(`The dimension name ${dup} is specified more than once in ${at}.Dimensions.`);
  (dims ?? []).forEach((d, i) => {
    // Dimension names: ASCII without control characters, at least one non-space, not starting with a colon.
    if (!/^[\x20-\x7e]+$/.test(d.Name) || d.Name.trim() === '' || d.Name.startsWith(':')) {
      throw invalidParameterValue(`The value ${d.Name} for parameter ${at}.Dimensions.member.${i + 1}.Name is invalid.`);
    }
  });
}

/** Validates one datum and returns the sample to store. */
export function checkDatum(d: MetricDatum, at: string, now: number): Sample {
  checkDimensions(d.Dimensions, at);
  const has = (x: unknown) => x !== undefined;
  if (has(d.Value) && has(d.Values))
    throw invalidParameterCombination(`The parameters ${at}.Value and ${at}.Values are mutually exclusive and you have specified both.`);
  if (has(d.StatisticValues) && (has(d.Value) || has(d.Values))) {
    throw invalidParameterCombination(
      `The parameters ${at}.StatisticValues and ${at}.${has(d.Value) ? 'Value' : 'Values'} are mutually exclusive and you have specified both.`,
    );
  }
  if (has(d.Counts) && !has(d.Values)) throw invalidParameterCombination(`The parameter ${at}.Counts requires ${at}.Values.`);
  if (d.StorageResolution !== undefined && d.StorageResolution !== 1 && d.StorageResolution !== 60) {
    throw invalidParameterValue(
      `The value ${d.StorageResolution} for parameter ${at}.StorageResolution is invalid. Valid values are 1 and 60.`,
    );
  }
  if (d.Timestamp) {
    const t = d.Timestamp.getTime();
    if (t < now - TWO_WEEKS)
      throw invalidParameterValue(`The parameter ${at}.Timestamp must specify a time no more than two weeks in the past.`);
    if (t > now + TWO_HOURS)
      throw invalidParameterValue(`The parameter ${at}.Timestamp must specify a time no more than two hours in the future.`);
  }
  const badValue = (v: number, param: string) => invalidParameterValue(`The value ${v} for parameter ${param} is invalid.`);
  if (d.Value !== undefined) {
    if (!valueOk(d.Value)) throw badValue(d.Value, `${at}.Value`);
    return { kind: 'value', value: d.Value };
  }
  if (d.Values !== undefined) {
    if (d.Values.length > MAX_VALUES)
      throw invalidParameterValue(`The collection ${at}.Values must not have a size greater than ${MAX_VALUES}.`);
    d.Values.forEach((v, i) => {
      if (!valueOk(v)) throw badValue(v, `${at}.Values.member.${i + 1}`);
    });
    if (d.Counts !== undefined) {
      if (d.Counts.length !== d.Values.length)
        throw invalidParameterValue(`The parameters ${at}.Values and ${at}.Counts must be arrays of the same size.`);
      d.Counts.forEach((c, i) => {
        if (!(Number.isFinite(c) && c >= 0)) throw badValue(c, `${at}.Counts.member.${i + 1}`);
      });
    }
    return { kind: 'values', values: d.Values, ...(d.Counts ? { counts: d.Counts } : {}) };
  }
  if (d.StatisticValues !== undefined) {
    const s = d.StatisticValues;
    for (const k of ['SampleCount', 'Sum', 'Minimum', 'Maximum'] as const)
      if (!valueOk(s[k])) throw badValue(s[k], `${at}.StatisticValues.${k}`);
    if (!(s.SampleCount > 0))
      throw invalidParameterValue(
        `The value ${s.SampleCount} for parameter ${at}.StatisticValues.SampleCount is invalid. It must be greater than 0.`,
      );
    if (s.Minimum > s.Maximum)
      throw invalidParameterValue(`The parameter ${at}.StatisticValues.Minimum must not be greater than ${at}.StatisticValues.Maximum.`);
    return { kind: 'set', set: s };
  }
  throw missingParameter(`The parameter ${at}.Value is required.`);
}

export function putMetricDataHandler(env: SandboxEnv, store: MetricStore): Handler {
  return (input, ctx) => {
    const namespace = String(input.Namespace);
    const direct = (input.MetricData as MetricDatum[] | undefined) ?? [];
    const entity = ((input.EntityMetricData as Array<{ MetricData?: MetricDatum[] }> | undefined) ?? []).flatMap((e) => e.MetricData ?? []);
    if (direct.length === 0 && entity.length === 0) throw missingParameter('The parameter MetricData is required.');
    if (direct.length > MAX_METRIC_DATA)
      throw invalidParameterValue(`The collection MetricData must not have a size greater than ${MAX_METRIC_DATA}.`);
    const now = ctx.now().getTime();
    const checked = [
      ...direct.map((d, i) => ({ d, sample: checkDatum(d, `MetricData.member.${i + 1}`, now) })),
      ...entity.map((d, i) => ({ d, sample: checkDatum(d, `EntityMetricData.MetricData.member.${i + 1}`, now) })),
    ];
    for (const { d, sample } of checked) {
      const series = seriesFor(store, identityOf(namespace, d.MetricName, d.Dimensions), now, () => env.consistency.stamp());
      putSample(series, d.Timestamp?.getTime() ?? now, d.Unit ?? 'None', sample, now, store.retentionMs);
    }
    return {};
  };
}
