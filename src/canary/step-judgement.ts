// The analysis rule shared by every flow: when to analyse, and whether a step advances, holds or rolls back.
import type { AnalysisVerdict } from './check-evaluation.js';
import { verdictReason } from './check-evaluation.js';

export interface StepTiming {
  readonly stepStartedAt: number;
  readonly nextAnalysisAt: number;
}

export interface Counters {
  readonly failedChecks: number;
  readonly noDataStreak: number;
}

export interface AnalysisRules {
  readonly intervalMs: number;
  readonly analysisIntervalMs: number;
  readonly threshold: number;
  readonly noDataLimit: number;
}

export type Judgement =
  | { readonly kind: 'analyse' }
  | { readonly kind: 'wait'; readonly until: number }
  /** Recorded, the step stays: too early, not enough data, or a failure under the threshold. */
  | { readonly kind: 'hold'; readonly counters: Counters; readonly nextAnalysisAt: number }
  | { readonly kind: 'advance'; readonly counters: Counters }
  | { readonly kind: 'rollback'; readonly counters: Counters; readonly reason: string };

/**
 * `threshold` counts failed analyses over the whole release (cumulative, never reset by a pass);
 * "not enough data" is its own result: it never passes a step, and `noDataLimit` of them in a row roll back.
 */
export function judgeStep(
  rules: AnalysisRules,
  timing: StepTiming,
  counters: Counters,
  now: number,
  analysis: AnalysisVerdict | undefined,
): Judgement {
  if (analysis === undefined) return now >= timing.nextAnalysisAt ? { kind: 'analyse' } : { kind: 'wait', until: timing.nextAnalysisAt };
  const nextAnalysisAt = Math.max(timing.nextAnalysisAt + rules.analysisIntervalMs, now);
  if (analysis.status === 'fail') {
    const c = { failedChecks: counters.failedChecks + 1, noDataStreak: 0 };
    if (c.failedChecks >= rules.threshold)
      return {
        kind: 'rollback',
        counters: c,
        reason: `analysis failed ${c.failedChecks} time(s), threshold ${rules.threshold}: ${verdictReason(analysis)}`,
      };
    return { kind: 'hold', counters: c, nextAnalysisAt };
  }
  if (analysis.status === 'no-data') {
    const c = { failedChecks: counters.failedChecks, noDataStreak: counters.noDataStreak + 1 };
    if (c.noDataStreak >= rules.noDataLimit)
      return {
        kind: 'rollback',
        counters: c,
        reason: `not enough data in ${c.noDataStreak} analyses in a row: ${verdictReason(analysis)}`,
      };
    return { kind: 'hold', counters: c, nextAnalysisAt };
  }
  const c = { failedChecks: counters.failedChecks, noDataStreak: 0 };
  if (now >= timing.stepStartedAt + rules.intervalMs) return { kind: 'advance', counters: c };
  return { kind: 'hold', counters: c, nextAnalysisAt };
}

/** The window an analysis looks at: since the weights last changed, at most one step interval back. */
export function analysisWindow(
  rules: Pick<AnalysisRules, 'intervalMs' | 'analysisIntervalMs'>,
  since: number,
  now: number,
): { readonly start: number; readonly end: number } {
  const span = Math.max(rules.intervalMs, rules.analysisIntervalMs);
  return { start: Math.max(since, now - span), end: now };
}
