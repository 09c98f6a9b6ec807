// Threshold checks: one metric value against its bounds, and a whole analysis into pass, fail or not-enough-data.
import type { Bounds } from './canary-spec.js';
import type { JudgeVerdict } from './judge/judge-score.js';

/** What a metric provider produced for one window. */
export type MetricOutcome =
  | { readonly kind: 'value'; readonly value: number }
  /** Too little traffic or no datapoints: never a pass, never a failure on its own. */
  | { readonly kind: 'no-data'; readonly reason: string }
  /** The provider could not answer (unreachable, bad query): counts as a failed check. */
  | { readonly kind: 'error'; readonly reason: string };

export type CheckStatus = 'pass' | 'fail' | 'no-data';

export interface CheckResult {
  readonly name: string;
  readonly status: CheckStatus;
  readonly value?: number;
  readonly bounds: Bounds;
  /** Why it did not pass, in words a developer can act on. */
  readonly reason?: string;
}

export interface AnalysisVerdict {
  readonly status: CheckStatus;
  readonly checks: readonly CheckResult[];
  /** Canary requests in the window, when the built-in metrics counted them. */
  readonly requests?: number;
  /** The baseline comparison (canary.baseline), when one ran: per-metric U test, effect and score. */
  readonly judge?: JudgeVerdict;
}

export const formatBounds = (b: Bounds): string =>
  b.min !== undefined && b.max !== undefined ? `${b.min}..${b.max}` : b.min !== undefined ? `>= ${b.min}` : `<= ${b.max}`;

const round = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(1) : v.toFixed(3).replace(/\.?0+$/, ''));

export function evaluateCheck(name: string, bounds: Bounds, outcome: MetricOutcome): CheckResult {
  if (outcome.kind === 'no-data') return { name, status: 'no-data', bounds, reason: outcome.reason };
  if (outcome.kind === 'error') return { name, status: 'fail', bounds, reason: outcome.reason };
  const v = outcome.value;
  if (Number.isNaN(v)) return { name, status: 'no-data', bounds, reason: 'the query returned NaN' };
  if (bounds.min !== undefined && v < bounds.min)
    return { name, status: 'fail', value: v, bounds, reason: `${name} ${round(v)} is below the minimum ${bounds.min}` };
  if (bounds.max !== undefined && v > bounds.max)
    return { name, status: 'fail', value: v, bounds, reason: `${name} ${round(v)} is above the maximum ${bounds.max}` };
  return { name, status: 'pass', value: v, bounds };
}

/** Any failed check fails the analysis; otherwise any check without data makes it "not enough data"; otherwise it passes. */
export function verdictOf(checks: readonly CheckResult[], requests?: number): AnalysisVerdict {
  const status: CheckStatus = checks.some((c) => c.status === 'fail')
    ? 'fail'
    : checks.some((c) => c.status === 'no-data') || checks.length === 0
      ? 'no-data'
      : 'pass';
  return requests === undefined ? { status, checks } : { status, checks, requests };
}

/** One line naming every check that did not pass. */
export function verdictReason(v: AnalysisVerdict): string {
  const bad = v.checks.filter((c) => c.status !== 'pass');
  if (v.checks.length === 0) return 'no metrics were checked';
  return bad.map((c) => c.reason ?? `${c.name}: ${c.status}`).join('; ') || 'all checks passed';
}

/** Every check with its value against its bounds, for the event log: "success-rate 99.8 (>= 99) pass, latency 12 (<= 500) pass". */
export function verdictLine(v: AnalysisVerdict): string {
  const checks = v.checks.map((c) => `${c.name} ${c.value === undefined ? '-' : round(c.value)} (${formatBounds(c.bounds)}) ${c.status}`);
  return `${checks.join(', ')}${v.requests !== undefined ? `; ${v.requests} canary requests` : ''}`;
}
