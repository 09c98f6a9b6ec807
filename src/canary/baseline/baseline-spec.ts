// The `canary.baseline` settings: a fresh service on the stable revision beside the canary, and how the two are compared.
import type { JudgeSpec } from '../judge/judge-spec.js';

/** Where a judged metric's samples come from: per-period datapoints of each side's target group. */
export type SampleSource =
  /** TargetResponseTime, the Average of each period, in milliseconds. */
  | 'latency'
  /** Target 5xx plus connection errors over RequestCount, in percent, per period with requests. */
  | 'error-rate';

export interface BaselineSpec {
  /** The baseline ECS service (default `<stable>-baseline`), created from the canary service's settings. */
  readonly service: string;
  /** CloudWatch period of each sample, seconds (1, 5, 10, 20, 30 or n × 60). */
  readonly samplePeriodS: number;
  readonly judge: JudgeSpec;
  /** The source of each judged metric, by name. */
  readonly sources: Readonly<Record<string, SampleSource>>;
}
