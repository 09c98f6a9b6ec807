// The metric provider extension point: one small interface; one file per backend; createMetricProviders() picks them.
import type { MetricCheck } from '../canary-spec.js';
import type { ResolvedRoute } from '../routers/traffic-router.js';

export interface TimeWindow {
  readonly start: Date;
  readonly end: Date;
}

export interface MetricContext {
  /** What is analysed: since the weights last changed, at most one step interval back. */
  readonly window: TimeWindow;
  /** What the stable side is compared over (comparison checks): the release so far. */
  readonly baseline: TimeWindow;
  readonly route: ResolvedRoute;
  readonly minRequests: number;
  readonly periodS: number;
}

export interface MetricReading {
  readonly value: number;
  /** Canary requests counted, when the reading knows them. */
  readonly requests?: number;
}

/** "Not enough data": too little traffic or no datapoints. Its own result, never a pass. */
export class NoDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NoDataError';
  }
}

export interface MetricProvider {
  readonly kind: 'cloudwatch' | 'prometheus' | 'http';
  /** Throws NoDataError when there is nothing to judge; any other error is a failed check. */
  query(check: MetricCheck, ctx: MetricContext, signal: AbortSignal): Promise<MetricReading>;
}
