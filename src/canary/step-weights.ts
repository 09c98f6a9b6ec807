// Weight maths: the canary weight of each step, the canary task count at a weight, and ALB's integer weights.
import type { CanaryTasks } from './canary-spec.js';

/** Flagger-style `step_weight` + `max_weight`: 10, 20, … up to max_weight (inclusive, clamped). */
export function linearSteps(stepWeight: number, maxWeight: number): readonly number[] {
  const steps: number[] = [];
  for (let w = stepWeight; w < maxWeight; w += stepWeight) steps.push(w);
  steps.push(maxWeight);
  return steps;
}

/** Weights of the two sides, percent of requests; stable + canary = 100. */
export interface Weights {
  readonly stable: number;
  readonly canary: number;
}

export const weightsFor = (canary: number): Weights => ({ stable: 100 - canary, canary });

/** ALB forward weights are integers 0–999; percentages map onto them one to one. */
export function toForwardWeights(w: Weights): { readonly stable: number; readonly canary: number } {
  return { stable: Math.round(w.stable), canary: Math.round(w.canary) };
}

/** Reads a forward action's weights back as percentages (any scale ALB accepts); both zero is "no traffic". */
export function fromForwardWeights(stable: number, canary: number): Weights {
  const total = stable + canary;
  if (total <= 0) return { stable: 0, canary: 0 };
  const c = Math.round((canary / total) * 1000) / 10;
  return { stable: Math.round((100 - c) * 10) / 10, canary: c };
}

/** Canary task count for a weight: fixed, or enough to carry that share of the stable service's load. */
export function canaryTaskCount(tasks: CanaryTasks, canaryWeight: number, stableDesired: number): number {
  if (tasks.kind === 'fixed') return tasks.count;
  return Math.max(tasks.min, Math.ceil((stableDesired * canaryWeight) / 100));
}
