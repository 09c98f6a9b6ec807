// Parses `canary.baseline`: the baseline service and the statistical judge comparing the canary with it, metric by metric.
import type { BaselineSpec, SampleSource } from '../baseline/baseline-spec.js';
import { JUDGE_DEFAULTS, type Direction, type JudgedMetric } from '../judge/judge-spec.js';
import type { Raw, SectionReader } from './config-reader.js';

const SOURCES: readonly SampleSource[] = ['latency', 'error-rate'];
const DIRECTIONS: readonly Direction[] = ['increase', 'decrease', 'either'];
/** Defaults per source: latency and errors are worse when they rise. */
const DEFAULT_METRICS: readonly Raw[] = [
  { name: 'latency', critical: true },
  { name: 'error-rate', critical: true },
];

/** `0.1`, `10%` → 0.1. */
function fraction(r: SectionReader, path: string, v: unknown): number {
  if (typeof v === 'string' && /^\d+(\.\d+)?%$/.test(v.trim())) return Number(v.trim().slice(0, -1)) / 100;
  return r.num(path, v, { min: 0 });
}

function metric(r: SectionReader, path: string, v: unknown): { readonly m: JudgedMetric; readonly source: SampleSource } {
  const raw = r.mapping(path, v);
  r.keys(path, raw, ['name', 'source', 'direction', 'critical', 'allowed_effect', 'outliers']);
  const name = r.str(`${path}.name`, raw.name);
  const source = (raw.source ?? name) as SampleSource;
  if (!SOURCES.includes(source))
    throw r.fail(raw.source === undefined ? `${path}.name` : `${path}.source`, `one of ${SOURCES.join(', ')} (or set source:)`, source);
  const direction = (raw.direction ?? 'increase') as Direction;
  if (!DIRECTIONS.includes(direction)) throw r.fail(`${path}.direction`, DIRECTIONS.join(', '), raw.direction);
  if (raw.critical !== undefined && typeof raw.critical !== 'boolean') throw r.fail(`${path}.critical`, 'true or false', raw.critical);
  // Error rates are mostly zero: their IQR is 0 and fences would drop every error, so they keep outliers by default.
  const outliers = raw.outliers ?? (source === 'error-rate' ? 'keep' : 'remove');
  if (outliers !== 'keep' && outliers !== 'remove') throw r.fail(`${path}.outliers`, 'remove or keep', raw.outliers);
  return {
    m: {
      name,
      direction,
      critical: raw.critical === true,
      allowedEffect:
        raw.allowed_effect === undefined ? JUDGE_DEFAULTS.allowedEffect : fraction(r, `${path}.allowed_effect`, raw.allowed_effect),
      ...(outliers === 'keep' ? { keepOutliers: true } : {}),
    },
    source,
  };
}

/** `baseline: true` takes every default; `baseline: { enabled: false }` (or `false`) turns it off. */
export function parseBaseline(r: SectionReader, v: unknown, stableService: string): BaselineSpec | undefined {
  const path = 'canary.baseline';
  if (v === false) return undefined;
  const raw: Raw = v === true ? {} : r.mapping(path, v);
  r.keys(path, raw, ['enabled', 'service', 'confidence', 'outlier_factor', 'min_samples', 'pass_score', 'sample_period', 'metrics']);
  if (raw.enabled !== undefined && typeof raw.enabled !== 'boolean') throw r.fail(`${path}.enabled`, 'true or false', raw.enabled);
  if (raw.enabled === false) return undefined;
  const service = raw.service === undefined ? `${stableService}-baseline` : r.str(`${path}.service`, raw.service);
  if (service === stableService) throw r.fail(`${path}.service`, `a service other than the stable one (${stableService})`, service);
  const samplePeriodS = raw.sample_period === undefined ? 1 : r.num(`${path}.sample_period`, raw.sample_period, { min: 1, integer: true });
  if (![1, 5, 10, 20, 30].includes(samplePeriodS) && samplePeriodS % 60 !== 0)
    throw r.fail(`${path}.sample_period`, 'a CloudWatch period: 1, 5, 10, 20, 30 or a multiple of 60 seconds', raw.sample_period);
  const list = raw.metrics === undefined ? DEFAULT_METRICS : r.list(`${path}.metrics`, raw.metrics);
  if (list.length === 0) throw r.fail(`${path}.metrics`, 'at least one metric', raw.metrics);
  const parsed = list.map((m, i) => metric(r, `${path}.metrics[${i}]`, m));
  const seen = new Set<string>();
  parsed.forEach(({ m }, i) => {
    if (seen.has(m.name)) throw r.fail(`${path}.metrics[${i}].name`, 'a name not used by another metric', m.name);
    seen.add(m.name);
  });
  const confidence =
    raw.confidence === undefined ? JUDGE_DEFAULTS.confidence : r.num(`${path}.confidence`, raw.confidence, { min: 0.5, max: 0.9999 });
  return {
    service,
    samplePeriodS,
    sources: Object.fromEntries(parsed.map(({ m, source }) => [m.name, source])),
    judge: {
      confidence,
      outlierFactor:
        raw.outlier_factor === undefined ? JUDGE_DEFAULTS.outlierFactor : r.num(`${path}.outlier_factor`, raw.outlier_factor, { min: 0 }),
      minSamples:
        raw.min_samples === undefined
          ? JUDGE_DEFAULTS.minSamples
          : r.num(`${path}.min_samples`, raw.min_samples, { min: 3, integer: true }),
      passScore:
        raw.pass_score === undefined ? JUDGE_DEFAULTS.passScore : r.num(`${path}.pass_score`, raw.pass_score, { min: 0, max: 100 }),
      metrics: parsed.map(({ m }) => m),
    },
  };
}
