// The whole comparison, Kayenta-style: each metric judged, a score (share of judged metrics passing) and the verdict.
import { judgeMetric, type MetricJudgement, type MetricStatus } from './judge-metric.js';
import type { JudgeSpec } from './judge-spec.js';

/** Per-metric samples of one analysis interval, for each side. */
export type MetricSamples = Readonly<Record<string, { readonly canary: readonly number[]; readonly baseline: readonly number[] }>>;

export interface JudgeVerdict {
  readonly status: MetricStatus;
  /** Percent of judged (not no-data) metrics that passed; undefined when none could be judged. */
  readonly score?: number;
  readonly passScore: number;
  readonly metrics: readonly MetricJudgement[];
  readonly reason: string;
}

/**
 * A failing critical metric fails the analysis; otherwise a critical metric without data, or no metric with data, is
 * "not enough data"; otherwise the score decides: pass at or above `passScore`.
 */
export function judge(spec: JudgeSpec, samples: MetricSamples): JudgeVerdict {
  const metrics = spec.metrics.map((m) => judgeMetric(m, spec, samples[m.name]?.canary ?? [], samples[m.name]?.baseline ?? []));
  const judged = metrics.filter((m) => m.status !== 'no-data');
  const passed = judged.filter((m) => m.status === 'pass').length;
  const score = judged.length === 0 ? undefined : (100 * passed) / judged.length;
  const base = { passScore: spec.passScore, metrics, ...(score !== undefined ? { score } : {}) };
  const criticalFail = metrics.find((m) => m.critical && m.status === 'fail');
  if (criticalFail) return { ...base, status: 'fail', reason: `critical metric failed: ${criticalFail.reason}` };
  const criticalMissing = metrics.find((m) => m.critical && m.status === 'no-data');
  if (criticalMissing) return { ...base, status: 'no-data', reason: `critical metric without data: ${criticalMissing.reason}` };
  if (score === undefined) return { ...base, status: 'no-data', reason: metrics.map((m) => m.reason).join('; ') || 'no metrics' };
  const line = `score ${score.toFixed(0)} (pass at ${spec.passScore})`;
  const failed = judged.filter((m) => m.status === 'fail');
  if (score >= spec.passScore) return { ...base, status: 'pass', reason: line };
  return { ...base, status: 'fail', reason: `${line}: ${failed.map((m) => m.reason).join('; ')}` };
}

/** One line per metric, for `canary status` and the release summary. */
export function judgementLines(v: JudgeVerdict): string[] {
  const head = `baseline comparison: ${v.status}${v.score !== undefined ? `, score ${v.score.toFixed(0)}/${v.passScore}` : ''}`;
  return [
    head,
    ...v.metrics.map(
      (m) =>
        `  ${m.status.padEnd(7)} ${m.critical ? '[critical] ' : ''}${m.reason} (n ${m.canary.n}/${m.baseline.n}, outliers ${m.canary.outliers}/${m.baseline.outliers})`,
    ),
  ];
}
