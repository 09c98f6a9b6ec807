// Pure: from the load observed over time and the service's counts, the desired count — fast out (panic), guarded in (stabilisation).
import type { AutoscaleSpec } from './autoscale-spec.js';

export type DecisionSpec = Pick<AutoscaleSpec, 'target' | 'utilization' | 'spareTasks' | 'min' | 'max' | 'scaleOut' | 'scaleIn'>;

export interface Observation {
  readonly now: number;
  /** The load summed over the tasks that answered; undefined when none did (never read as zero). */
  readonly load: number | undefined;
  /** Running tasks whose load is unknown this poll (down, or a counter read for the first time). */
  readonly missing: number;
  /** The scaled service's desired count (what ECS records, or what this controller set and ECS does not show yet). */
  readonly desired: number;
  /** The canary service's desired count: its own controller sets it from its weight; 0 without a canary. */
  readonly canaryDesired: number;
  /** An ECS deployment is in progress: no scale-in meanwhile, as Application Auto Scaling does. */
  readonly deploying: boolean;
  /** The scalable target's MinCapacity/MaxCapacity, when Application Auto Scaling has one. */
  readonly bounds?: { readonly min: number; readonly max: number };
}

interface Point {
  readonly at: number;
  readonly value: number;
}

export interface DecisionState {
  /** When this controller first observed the service: a scale-in needs a full stabilisation window of history. */
  readonly since: number;
  readonly samples: readonly Point[];
  /** Total task counts recommended at each poll, over the stabilisation window. */
  readonly recommendations: readonly Point[];
  readonly overPolls: number;
  readonly panicUntil: number;
}

export const initialDecisionState = (now: number): DecisionState => ({
  since: now,
  samples: [],
  recommendations: [],
  overPolls: 0,
  panicUntil: 0,
});

export type Decision =
  | { readonly kind: 'hold'; readonly count: number; readonly want: number; readonly panic: boolean; readonly why: string }
  | {
      readonly kind: 'scale';
      readonly direction: 'out' | 'in';
      readonly from: number;
      readonly to: number;
      readonly panic: boolean;
      readonly why: string;
    };

export interface DecisionResult {
  readonly decision: Decision;
  readonly next: DecisionState;
}

const mean = (ps: readonly Point[]): number => ps.reduce((s, p) => s + p.value, 0) / ps.length;
const fmt = (n: number): string => String(Math.round(n * 100) / 100);
const secs = (ms: number): string => `${Math.round(ms / 100) / 10} s`;

/** The service count's bounds: the config's, narrowed by the scalable target's. */
export function countBounds(spec: Pick<DecisionSpec, 'min' | 'max'>, bounds?: Observation['bounds']): { lo: number; hi: number } {
  const lo = Math.max(spec.min, bounds?.min ?? 0);
  const hi = Math.max(lo, Math.min(spec.max, bounds?.max ?? Infinity));
  return { lo, hi };
}

/** Total tasks `load` needs: ceil(load / (target × utilization)) plus the spare tasks. */
export const tasksFor = (spec: DecisionSpec, load: number): number =>
  Math.ceil(load / (spec.target * spec.utilization) - 1e-9) + spec.spareTasks;

export function decide(spec: DecisionSpec, state: DecisionState, obs: Observation): DecisionResult {
  const { now } = obs;
  const { lo, hi } = countBounds(spec, obs.bounds);
  const d = obs.desired;
  const hold = (why: string, want = d, panic = false, next = state): DecisionResult => ({
    decision: { kind: 'hold', count: d, want, panic, why },
    next,
  });
  const scale = (to: number, why: string, panic: boolean, next: DecisionState): DecisionResult => ({
    decision: { kind: 'scale', direction: to > d ? 'out' : 'in', from: d, to, why, panic },
    next,
  });
  if (d < lo) return scale(lo, `below the minimum ${lo}`, false, state);
  if (d > hi) return scale(hi, `above the maximum ${hi}`, false, state);
  if (obs.load === undefined) return hold(`no task answered${obs.missing ? ` (${obs.missing} down)` : ''}: holding at ${d}`);

  const perTask = spec.target * spec.utilization;
  const total = d + obs.canaryDesired;
  const keep = Math.max(spec.scaleOut.stableWindowMs, spec.scaleOut.panicWindowMs);
  const samples = [...state.samples, { at: now, value: obs.load }].filter((p) => p.at > now - keep);
  const stableMean = mean(samples.filter((p) => p.at > now - spec.scaleOut.stableWindowMs));
  const sizedFor = Math.max(total - spec.spareTasks, 1) * perTask;

  const over = obs.load > spec.scaleOut.panicThreshold * sizedFor;
  const overPolls = over ? state.overPolls + 1 : 0;
  const panicUntil = overPolls >= spec.scaleOut.panicPolls ? now + spec.scaleOut.panicWindowMs : state.panicUntil;
  const panic = now < panicUntil;

  const ratio = stableMean / sizedFor;
  const withinTolerance = total - spec.spareTasks >= 1 && Math.abs(ratio - 1) <= spec.scaleOut.tolerance;
  const stableRec = withinTolerance ? total : tasksFor(spec, stableMean);
  // In panic the count only goes up: sized for this poll's load when it is itself over the threshold, never chasing peaks below it.
  const rec = panic ? Math.max(total, stableRec, over ? tasksFor(spec, obs.load) : 0) : stableRec;
  const recommendations = [...state.recommendations, { at: now, value: rec }].filter((p) => p.at > now - spec.scaleIn.stabilizationMs);
  const next: DecisionState = { since: state.since, samples, recommendations, overPolls, panicUntil };

  const clamp = (n: number) => Math.min(hi, Math.max(lo, n - obs.canaryDesired));
  const want = clamp(rec);
  const basis = panic
    ? `panic: load ${fmt(obs.load)} is ${fmt(obs.load / sizedFor)}× what ${total} task(s) are sized for`
    : `mean load ${fmt(stableMean)} over ${secs(spec.scaleOut.stableWindowMs)}`;
  if (want > d && !panic && now - state.since < spec.scaleOut.stableWindowMs)
    // A mean over the first few polls of a fresh controller is noise (one late reading doubles it): stable mode acts on a
    // full window, as scale-in does on a full stabilisation window; a surge is panic's, which acts at once.
    return hold(
      `mean load ${fmt(stableMean)} over ${secs(now - state.since)} needs ${want}; stable mode waits until ${secs(spec.scaleOut.stableWindowMs)} of history`,
      want,
      panic,
      next,
    );
  if (want > d) {
    const to = spec.scaleOut.maxStep === undefined ? want : Math.min(want, d + spec.scaleOut.maxStep);
    return scale(to, `${basis} needs ${want}${to < want ? ` (max step ${spec.scaleOut.maxStep})` : ''}`, panic, next);
  }
  if (want === d) return hold(`${basis}: ${d} task(s) fit`, want, panic, next);

  const guarded = clamp(Math.max(...recommendations.map((p) => p.value)));
  if (obs.deploying) return hold(`${basis} needs ${want}, but no scale-in during a deployment`, want, panic, next);
  if (obs.missing > 0) return hold(`${basis} needs ${want}, but ${obs.missing} task(s) did not answer: no scale-in`, want, panic, next);
  if (now - state.since < spec.scaleIn.stabilizationMs)
    return hold(`${basis} needs ${want}; scale-in waits until ${secs(spec.scaleIn.stabilizationMs)} of history`, want, panic, next);
  if (guarded >= d)
    return hold(`${basis} needs ${want}; the highest over ${secs(spec.scaleIn.stabilizationMs)} is ${guarded}`, want, panic, next);
  const to = spec.scaleIn.maxStep === undefined ? guarded : Math.max(guarded, d - spec.scaleIn.maxStep);
  return scale(to, `${basis} needs ${want}, highest over ${secs(spec.scaleIn.stabilizationMs)} ${guarded}`, panic, next);
}
