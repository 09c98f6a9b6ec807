// The configuration of the baseline comparison: per metric a direction, an allowed effect and a critical flag, and the pass score.

/** Which change is a regression: `increase` (latency, errors), `decrease` (throughput, success rate), or `either`. */
export type Direction = 'increase' | 'decrease' | 'either';

export interface JudgedMetric {
  readonly name: string;
  readonly direction: Direction;
  /** A failing critical metric fails the analysis whatever the score. */
  readonly critical: boolean;
  /**
   * Relative change of the mean (canary ÷ baseline − 1) tolerated even when significant: 0.1 lets the canary be 10%
   * worse. A significant change beyond it fails the metric; within it the metric passes.
   */
  readonly allowedEffect: number;
  /** Skip outlier removal: for sparse counts (errors), where the IQR is 0 and every non-zero value would be an "outlier". */
  readonly keepOutliers?: boolean;
}

export interface JudgeSpec {
  /** Confidence of the one-sided (two-sided for `either`) Mann-Whitney test: a metric fails when p < 1 − confidence. */
  readonly confidence: number;
  /** Tukey fence multiplier k for outlier removal (values outside [Q1 − k·IQR, Q3 + k·IQR] are dropped); 0 keeps all. */
  readonly outlierFactor: number;
  /** Samples each side needs, after outlier removal, for a metric to be judged at all. */
  readonly minSamples: number;
  /** Share of judged metrics (percent) that must pass. */
  readonly passScore: number;
  readonly metrics: readonly JudgedMetric[];
}

export const JUDGE_DEFAULTS = { confidence: 0.95, outlierFactor: 3, minSamples: 10, passScore: 95, allowedEffect: 0.1 } as const;
