// The traffic plan of ECS's BLUE_GREEN, CANARY and LINEAR strategies: production steps, bake times, and ELB weights.
import type { Json } from './ecs-state.js';

export type NativeStrategy = 'BLUE_GREEN' | 'CANARY' | 'LINEAR';

export const isNativeStrategy = (s: unknown): s is NativeStrategy => s === 'BLUE_GREEN' || s === 'CANARY' || s === 'LINEAR';

/** [API:ECS CanaryConfiguration] and [API:ECS LinearConfiguration] defaults. */
export const CANARY_DEFAULTS = { canaryPercent: 5, canaryBakeTimeInMinutes: 10 } as const;
export const LINEAR_DEFAULTS = { stepPercent: 10, stepBakeTimeInMinutes: 6 } as const;
/** Only BLUE_GREEN requires bakeTimeInMinutes; for CANARY and LINEAR no default is documented (choice: 0). */
export const DEFAULT_BAKE_MINUTES = 0;

export interface TrafficPlan {
  /** The new revision's share of production traffic after each step, percent; the last step is 100. */
  readonly steps: readonly number[];
  /** Wait after every step but the last (canary bake time, linear step bake time). */
  readonly stepBakeMinutes: number;
  /** The deployment bake time after production has fully shifted. */
  readonly bakeMinutes: number;
}

const num = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
const tenths = (percent: number): number => Math.round(percent * 10);

/** LINEAR: +stepPercent until 100 is reached; the last step is 100 even when stepPercent does not divide it (30 → 30, 60, 90, 100). */
export function linearSteps(stepPercent: number): number[] {
  const step = tenths(stepPercent);
  const out: number[] = [];
  for (let t = step; t < 1000; t += step) out.push(t / 10);
  out.push(100);
  return out;
}

export function trafficPlan(strategy: NativeStrategy, dc: Json): TrafficPlan {
  const bakeMinutes = num(dc.bakeTimeInMinutes, DEFAULT_BAKE_MINUTES);
  if (strategy === 'CANARY') {
    const c = (dc.canaryConfiguration as Json | undefined) ?? {};
    const percent = num(c.canaryPercent, CANARY_DEFAULTS.canaryPercent);
    return {
      steps: percent >= 100 ? [100] : [tenths(percent) / 10, 100],
      stepBakeMinutes: num(c.canaryBakeTimeInMinutes, CANARY_DEFAULTS.canaryBakeTimeInMinutes),
      bakeMinutes,
    };
  }
  if (strategy === 'LINEAR') {
    const l = (dc.linearConfiguration as Json | undefined) ?? {};
    return {
      steps: linearSteps(num(l.stepPercent, LINEAR_DEFAULTS.stepPercent)),
      stepBakeMinutes: num(l.stepBakeTimeInMinutes, LINEAR_DEFAULTS.stepBakeTimeInMinutes),
      bakeMinutes,
    };
  }
  return { steps: [100], stepBakeMinutes: 0, bakeMinutes };
}

/**
 * Integer ELB weights (0–999) for a share of traffic on the new revision. Whole percentages use weights that sum to 100
 * (95/5, 100/0), which read as the percentages in DescribeRules; a tenth of a percent needs weights that sum to 1000
 * (2.5 % → 25/975). How AWS turns percentages into weights is unconfirmed.
 */
export function ruleWeights(greenPercent: number): { readonly green: number; readonly blue: number } {
  const t = Math.min(1000, Math.max(0, tenths(greenPercent)));
  if (t % 10 === 0) return { green: t / 10, blue: 100 - t / 10 };
  return { green: t, blue: 1000 - t };
}
