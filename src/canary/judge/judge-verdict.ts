// Folds the baseline comparison into an analysis verdict: one check per judged metric, and the worse of the two statuses.
import type { Bounds } from '../canary-spec.js';
import type { AnalysisVerdict, CheckResult, CheckStatus } from '../check-evaluation.js';
import type { JudgedMetric } from './judge-spec.js';
import type { JudgeVerdict } from './judge-score.js';

/** The allowed effect as bounds on the effect in percent (a `baseline:<metric>` check's bounds). */
export const boundsOf = (m: Pick<JudgedMetric, 'direction' | 'allowedEffect'>): Bounds => {
  const a = Math.round(m.allowedEffect * 1000) / 10;
  return m.direction === 'increase' ? { max: a } : m.direction === 'decrease' ? { min: -a } : { min: -a, max: a };
};

const worse = (a: CheckStatus, b: CheckStatus): CheckStatus =>
  a === 'fail' || b === 'fail' ? 'fail' : a === 'no-data' || b === 'no-data' ? 'no-data' : 'pass';

/**
 * Pure: each judged metric becomes a check named `baseline:<metric>` whose value is the effect in percent (canary vs
 * baseline); a failed comparison fails the analysis, one without data leaves its status as the other checks make it.
 */
export function withJudgement(v: AnalysisVerdict, j: JudgeVerdict): AnalysisVerdict {
  const checks: CheckResult[] = j.metrics.map((m) => ({
    name: `baseline:${m.name}`,
    status: m.status,
    ...(m.effect !== undefined && Number.isFinite(m.effect) ? { value: Math.round(m.effect * 10_000) / 100 } : {}),
    bounds: boundsOf(m),
    ...(m.status !== 'pass' ? { reason: m.reason } : {}),
  }));
  // Not enough samples yet (the baseline starting, the first periods of a step) holds nothing back: only a judged
  // failure counts. The step interval is long enough for min_samples periods (checked with the config).
  const status = j.status === 'no-data' ? v.status : worse(v.status, j.status);
  return { ...v, status, checks: [...v.checks, ...checks], judge: j };
}

/** The bounds of a check by name: a fixed-bound metric's own, or a judged metric's allowed effect. */
export function checkBounds(
  metrics: readonly { readonly name: string; readonly bounds: Bounds }[],
  judged: readonly JudgedMetric[],
  name: string,
): Bounds {
  const fixed = metrics.find((m) => m.name === name);
  if (fixed) return fixed.bounds;
  const j = name.startsWith('baseline:') ? judged.find((m) => `baseline:${m.name}` === name) : undefined;
  return j ? boundsOf(j) : {};
}
