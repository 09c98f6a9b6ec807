// One metric's verdict: canary samples against baseline samples, after outlier removal, by a Mann-Whitney U test and an effect size.
import type { Direction, JudgedMetric, JudgeSpec } from './judge-spec.js';
import { mean, median, removeOutliers } from './outliers.js';
import { mannWhitney, type Alternative } from './rank-sum.js';

export type MetricStatus = 'pass' | 'fail' | 'no-data';

/** Everything that explains one metric's verdict, for `canary status`, the summary and --output json. */
export interface MetricJudgement {
  readonly name: string;
  readonly status: MetricStatus;
  readonly critical: boolean;
  readonly direction: Direction;
  /** Samples used (after outlier removal) and dropped as outliers, per side. */
  readonly canary: SampleSummary;
  readonly baseline: SampleSummary;
  /** U of the canary sample, and the p-value of the test in the metric's direction. */
  readonly u?: number;
  readonly p?: number;
  readonly method?: 'exact' | 'normal';
  /** canary mean ÷ baseline mean − 1 (0.3 = 30% higher). */
  readonly effect?: number;
  readonly allowedEffect: number;
  readonly reason: string;
}

export interface SampleSummary {
  readonly n: number;
  readonly outliers: number;
  readonly median?: number;
  readonly mean?: number;
}

const alternativeOf: Record<Direction, Alternative> = { increase: 'greater', decrease: 'less', either: 'two-sided' };

/** Relative change of the means; a zero baseline gives 0 when the canary is zero too, else ±Infinity. */
export function relativeEffect(canaryMean: number, baselineMean: number): number {
  if (baselineMean === 0) return canaryMean === 0 ? 0 : canaryMean > 0 ? Infinity : -Infinity;
  return canaryMean / baselineMean - 1;
}

const pct = (e: number) => (Number.isFinite(e) ? `${e >= 0 ? '+' : ''}${(e * 100).toFixed(1)}%` : e > 0 ? '+inf' : '-inf');
const fmtP = (p: number) => (p < 0.0001 ? p.toExponential(1) : p.toFixed(4));

function beyondAllowed(direction: Direction, effect: number, allowed: number): boolean {
  if (direction === 'increase') return effect > allowed;
  if (direction === 'decrease') return effect < -allowed;
  return Math.abs(effect) > allowed;
}

function summary(kept: readonly number[], outliers: number): SampleSummary {
  return kept.length === 0 ? { n: 0, outliers } : { n: kept.length, outliers, median: median(kept), mean: mean(kept) };
}

/**
 * The metric fails when the test finds the canary worse than the baseline at the configured confidence AND the change
 * of the means exceeds the allowed effect; either alone passes. Too few samples on either side is no data.
 */
export function judgeMetric(
  metric: JudgedMetric,
  spec: Pick<JudgeSpec, 'confidence' | 'outlierFactor' | 'minSamples'>,
  canarySamples: readonly number[],
  baselineSamples: readonly number[],
): MetricJudgement {
  const k = metric.keepOutliers ? 0 : spec.outlierFactor;
  const c = removeOutliers(canarySamples, k);
  const b = removeOutliers(baselineSamples, k);
  const base = {
    name: metric.name,
    critical: metric.critical,
    direction: metric.direction,
    canary: summary(c.kept, c.removed),
    baseline: summary(b.kept, b.removed),
    allowedEffect: metric.allowedEffect,
  };
  if (c.kept.length < spec.minSamples || b.kept.length < spec.minSamples)
    return {
      ...base,
      status: 'no-data',
      reason: `${metric.name}: ${c.kept.length} canary and ${b.kept.length} baseline samples, ${spec.minSamples} needed on each side`,
    };
  const test = mannWhitney(c.kept, b.kept, alternativeOf[metric.direction]);
  const effect = relativeEffect(mean(c.kept), mean(b.kept));
  const alpha = 1 - spec.confidence;
  const significant = test.p < alpha;
  const large = beyondAllowed(metric.direction, effect, metric.allowedEffect);
  const fail = significant && large;
  const what = `${metric.name}: canary ${pct(effect)} vs baseline (allowed ${metric.direction === 'decrease' ? '-' : '+'}${(metric.allowedEffect * 100).toFixed(0)}%), p=${fmtP(test.p)}`;
  const reason = fail
    ? `${what} < ${fmtP(alpha)}: worse than the baseline`
    : significant
      ? `${what}: a significant change within the allowed effect`
      : `${what}: no significant difference at ${(spec.confidence * 100).toFixed(0)}%`;
  return { ...base, status: fail ? 'fail' : 'pass', u: test.u, p: test.p, method: test.method, effect, reason };
}
