// The deployment circuit breaker's settings and failure threshold, from deploymentConfiguration.deploymentCircuitBreaker.
import { invalidParameter } from './ecs-errors.js';
import type { Json } from './ecs-state.js';

export const MIN_THRESHOLD = 3;
export const MAX_THRESHOLD = 200;

export type ThresholdType = 'COUNT' | 'BOUNDED_PERCENT' | 'UNBOUNDED_PERCENT';

export interface ThresholdConfiguration {
  readonly type: ThresholdType;
  readonly value: number;
}

/** [API:ECS ThresholdConfiguration]: "By default, ... a type of BOUNDED_PERCENT with a value of 50." */
export const DEFAULT_THRESHOLD: ThresholdConfiguration = { type: 'BOUNDED_PERCENT', value: 50 };

export interface CircuitBreaker {
  readonly enable: boolean;
  readonly rollback: boolean;
  /** [API:ECS DeploymentCircuitBreaker] resetOnHealthyTask: a task reaching healthy resets the failure count (default true). */
  readonly resetOnHealthyTask: boolean;
  readonly threshold: ThresholdConfiguration;
}

/**
 * [API:ECS ThresholdType]: COUNT is the value itself; the percent types multiply value% by the desired count (rounded up,
 * as the older fixed rule `ceil(0.5 × desiredCount)` did); BOUNDED_PERCENT clamps the result to 3–200. A threshold is at
 * least 1 (our choice: a zero threshold would fail a deployment before any task ran).
 */
export function circuitBreakerThreshold(desiredCount: number, config: ThresholdConfiguration = DEFAULT_THRESHOLD): number {
  if (config.type === 'COUNT') return Math.max(1, config.value);
  const raw = Math.ceil((desiredCount * config.value) / 100);
  if (config.type === 'UNBOUNDED_PERCENT') return Math.max(1, raw);
  return Math.min(MAX_THRESHOLD, Math.max(MIN_THRESHOLD, raw));
}

/** A deployment's failure count once one of its tasks became healthy (reset unless resetOnHealthyTask is false). */
export const failuresAfterHealthyTask = (failed: number, cb: Pick<CircuitBreaker, 'resetOnHealthyTask'>): number =>
  cb.resetOnHealthyTask ? 0 : failed;

/** The breaker a service's deploymentConfiguration asks for, AWS's defaults filled in. */
export function circuitBreakerOf(deploymentConfiguration: Json): CircuitBreaker {
  const cb = (deploymentConfiguration.deploymentCircuitBreaker as Json | undefined) ?? {};
  const tc = cb.thresholdConfiguration as Json | undefined;
  return {
    enable: cb.enable === true,
    rollback: cb.rollback === true,
    resetOnHealthyTask: cb.resetOnHealthyTask !== false,
    threshold: tc ? { type: tc.type as ThresholdType, value: Number(tc.value) } : DEFAULT_THRESHOLD,
  };
}

/** The wire layer checked type and presence; ECS's threshold value is an integer (wording ours). */
export function checkCircuitBreaker(dc: Json): void {
  const tc = (dc.deploymentCircuitBreaker as Json | undefined)?.thresholdConfiguration as Json | undefined;
  if (tc === undefined) return;
  const v = tc.value;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0)
    throw invalidParameter(`thresholdConfiguration.value must be a non-negative integer, got ${String(v)}.`);
}
