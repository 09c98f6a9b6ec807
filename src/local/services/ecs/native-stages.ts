// The lifecycle of a BLUE_GREEN/CANARY/LINEAR deployment as a pure step function: stages, hook gates, weights, bake waits, rollback.
import type { HookRun, HookStage, HookTargetType, NativeProgress, Outcome, Point, TaskPlan } from './native-progress.js';
import { stageOf, taskPlanOf } from './native-progress.js';

export interface StageObservation {
  /** Sandbox clock, epoch ms. */
  readonly now: number;
  /** A simulated duration (as AWS would take it) in real ms: the clock's speed. */
  readonly real: (simulatedMs: number) => number;
  /** The revision that should serve runs its desired count, all healthy. */
  readonly primaryReady: boolean;
  /** Every revision being scaled down has no task left. */
  readonly othersGone: boolean;
  readonly newHookId: (targetType: HookTargetType) => string;
  /**
   * The task plan `primaryReady` and `othersGone` were observed under. A point that runs another plan (CLEAN_UP stops
   * blue, a rollback fills blue) waits for the next observation instead of reading a stale one.
   */
  readonly plan?: TaskPlan;
}

export type StageEffect =
  | { readonly kind: 'weights'; readonly production: number; readonly test: number }
  | { readonly kind: 'rollback'; readonly reason: string }
  | { readonly kind: 'finished'; readonly outcome: Outcome };

export interface StageResult {
  readonly next: NativeProgress;
  readonly effects: readonly StageEffect[];
  /** Every point entered on the way, in order (stages passed within one call included). */
  readonly entered: readonly Point[];
}

const MINUTE = 60_000;

/** Where each point's hooks run; the traffic-shift points of a rollback run their (Lambda-only) hooks again. */
const HOOK_STAGE: Partial<Record<Point['kind'], HookStage>> = {
  reconcile: 'RECONCILE_SERVICE',
  'pre-scale-up': 'PRE_SCALE_UP',
  'post-scale-up': 'POST_SCALE_UP',
  'test-shift': 'TEST_TRAFFIC_SHIFT',
  'post-test-shift': 'POST_TEST_TRAFFIC_SHIFT',
  'pre-production': 'PRE_PRODUCTION_TRAFFIC_SHIFT',
  production: 'PRODUCTION_TRAFFIC_SHIFT',
  'post-production': 'POST_PRODUCTION_TRAFFIC_SHIFT',
  'rollback-production': 'PRODUCTION_TRAFFIC_SHIFT',
  'rollback-test': 'TEST_TRAFFIC_SHIFT',
};

function nextPoint(p: NativeProgress, obs: StageObservation): Point {
  const pt = p.point;
  const blue = p.blueDeploymentId !== undefined;
  const last = p.plan.steps.length - 1;
  switch (pt.kind) {
    case 'pending':
      return pt.reconcile ? { kind: 'reconcile' } : blue ? { kind: 'pre-scale-up' } : { kind: 'scale-up' };
    case 'reconcile':
      return blue ? { kind: 'pre-scale-up' } : { kind: 'scale-up' };
    case 'pre-scale-up':
      return { kind: 'scale-up' };
    case 'scale-up':
      return blue ? { kind: 'post-scale-up' } : { kind: 'clean-up' };
    case 'post-scale-up':
      return { kind: 'test-shift' };
    case 'test-shift':
      return { kind: 'post-test-shift' };
    case 'post-test-shift':
      return { kind: 'pre-production', step: 0 };
    case 'pre-production':
      return { kind: 'production', step: pt.step };
    case 'production':
      return pt.step < last
        ? { kind: 'step-bake', step: pt.step, until: obs.now + obs.real(p.plan.stepBakeMinutes * MINUTE) }
        : { kind: 'post-production' };
    case 'step-bake':
      return { kind: 'pre-production', step: pt.step + 1 };
    case 'post-production':
      return { kind: 'bake', until: obs.now + obs.real(p.plan.bakeMinutes * MINUTE) };
    case 'bake':
      return { kind: 'clean-up' };
    case 'clean-up':
      return { kind: 'done', outcome: 'SUCCESSFUL', stage: 'CLEAN_UP' };
    case 'rollback-production':
      return { kind: 'rollback-test' };
    case 'rollback-test':
      return { kind: 'rollback-clean-up' };
    case 'rollback-clean-up':
      return { kind: 'done', outcome: 'ROLLBACK_SUCCESSFUL', stage: 'CLEAN_UP' };
    case 'done':
      return pt;
  }
}

const samePlan = (a: TaskPlan, b: TaskPlan): boolean => a.primary === b.primary && a.launch === b.launch && a.keepBlue === b.keepBlue;

/** The work a point waits for besides its hooks. */
function pointDone(p: NativeProgress, obs: StageObservation): boolean {
  const pt = p.point;
  const observed = obs.plan === undefined || samePlan(obs.plan, taskPlanOf(p));
  switch (pt.kind) {
    case 'reconcile':
    case 'clean-up':
      return observed && obs.othersGone;
    case 'scale-up':
      return observed && obs.primaryReady;
    case 'step-bake':
    case 'bake':
      return obs.now >= pt.until;
    case 'rollback-clean-up':
      return observed && obs.primaryReady && obs.othersGone;
    case 'done':
      return false;
    default:
      return true;
  }
}

/** The weights a point sets as it starts: ECS moves the listener rules itself. */
function weightsAt(p: NativeProgress, pt: Point): { production: number; test: number } | undefined {
  const blue = p.blueDeploymentId !== undefined;
  switch (pt.kind) {
    case 'reconcile':
      return blue ? { production: 0, test: 0 } : undefined;
    case 'scale-up':
      return blue ? undefined : { production: 100, test: 100 };
    case 'test-shift':
      return { production: 0, test: 100 };
    case 'production':
      return { production: p.plan.steps[pt.step] ?? 100, test: 100 };
    case 'rollback-production':
      return { production: 0, test: 0 };
    default:
      return undefined;
  }
}

/** Lambda hooks are not invoked locally and count as SUCCEEDED at once; PAUSE hooks wait for ContinueServiceDeployment. */
function runsFor(p: NativeProgress, stage: HookStage | undefined, obs: StageObservation): HookRun[] {
  // A first deployment has no revision to shift traffic from: its hooks do not run (choice, see spec.md).
  if (!stage || p.blueDeploymentId === undefined) return [];
  return p.hooks
    .filter((h) => h.stages.includes(stage))
    .map((h) => ({
      hookId: obs.newHookId(h.targetType),
      targetType: h.targetType,
      ...(h.targetArn ? { targetArn: h.targetArn } : {}),
      status: h.targetType === 'PAUSE' ? 'AWAITING_ACTION' : 'SUCCEEDED',
      expiresAt: obs.now + obs.real(h.timeoutMinutes * MINUTE),
      timeoutAction: h.timeoutAction,
    }));
}

function enter(p: NativeProgress, pt: Point, obs: StageObservation): StageResult {
  const effects: StageEffect[] = [];
  const w = weightsAt(p, pt);
  if (w) effects.push({ kind: 'weights', ...w });
  if (pt.kind === 'done') effects.push({ kind: 'finished', outcome: pt.outcome });
  const runs = runsFor(p, pt.kind === 'done' ? undefined : HOOK_STAGE[pt.kind], obs);
  return {
    next: {
      ...p,
      point: pt,
      ...(w ?? {}),
      ...(runs.length > 0 ? { runs } : {}),
      awaitingHooks: runs.some((r) => r.status !== 'SUCCEEDED'),
    },
    effects,
    entered: [pt],
  };
}

type Gate = { readonly kind: 'pass' | 'wait' } | { readonly kind: 'rollback'; readonly reason: string };

/** Times out expired PAUSE hooks, then: all done (SUCCEEDED, or TIMED_OUT with CONTINUE) passes; FAILED or TIMED_OUT with ROLLBACK rolls back. */
export function judgeRuns(runs: readonly HookRun[], now: number): { readonly runs: readonly HookRun[]; readonly gate: Gate } {
  const next = runs.map((r) => (r.status === 'AWAITING_ACTION' && r.expiresAt <= now ? { ...r, status: 'TIMED_OUT' as const } : r));
  const bad = next.find((r) => r.status === 'FAILED' || (r.status === 'TIMED_OUT' && r.timeoutAction === 'ROLLBACK'));
  if (bad)
    return {
      runs: next,
      gate: {
        kind: 'rollback',
        reason: bad.status === 'FAILED' ? `Lifecycle hook ${bad.hookId} failed.` : `Lifecycle hook ${bad.hookId} timed out.`,
      },
    };
  const passed = next.every((r) => r.status === 'SUCCEEDED' || r.status === 'TIMED_OUT');
  return { runs: next, gate: { kind: passed ? 'pass' : 'wait' } };
}

/** Production (and test) traffic returns to blue at once; then the rollback's hooks run and green is scaled in. */
export function startRollback(p: NativeProgress, obs: StageObservation, reason: string): StageResult {
  const runs = p.runs.map((r) => (r.status === 'AWAITING_ACTION' || r.status === 'IN_PROGRESS' ? { ...r, status: 'FAILED' as const } : r));
  const entered = enter({ ...p, runs }, { kind: 'rollback-production' }, obs);
  return { next: entered.next, effects: [{ kind: 'rollback', reason }, ...entered.effects], entered: entered.entered };
}

/** The deployment failed without a rollback option: it stops where it is (blue keeps serving). */
export function stopDeployment(p: NativeProgress): StageResult {
  const point: Point = { kind: 'done', outcome: 'STOPPED', stage: stageOf(p.point) ?? 'SCALE_UP' };
  return { next: { ...p, point, awaitingHooks: false }, effects: [{ kind: 'finished', outcome: 'STOPPED' }], entered: [point] };
}

/** Moves through every point whose work and hooks are done; stops at the first that must wait. */
export function advanceStages(p: NativeProgress, obs: StageObservation): StageResult {
  const effects: StageEffect[] = [];
  const entered: Point[] = [];
  let cur = p;
  for (let guard = 0; guard < 200 && cur.point.kind !== 'done'; guard++) {
    if (cur.awaitingHooks) {
      const judged = judgeRuns(cur.runs, obs.now);
      cur = { ...cur, runs: judged.runs };
      if (judged.gate.kind === 'rollback') {
        const r = startRollback(cur, obs, judged.gate.reason);
        effects.push(...r.effects);
        entered.push(...r.entered);
        cur = r.next;
        continue;
      }
      if (judged.gate.kind === 'wait') break;
      cur = { ...cur, awaitingHooks: false };
    }
    if (!pointDone(cur, obs)) break;
    const step = enter(cur, nextPoint(cur, obs), obs);
    effects.push(...step.effects);
    entered.push(...step.entered);
    cur = step.next;
  }
  return { next: cur, effects, entered };
}

export const initialProgress = (
  base: Omit<NativeProgress, 'point' | 'production' | 'test' | 'runs' | 'awaitingHooks'>,
  reconcile: boolean,
): NativeProgress => ({ ...base, point: { kind: 'pending', reconcile }, production: 0, test: 0, runs: [], awaitingHooks: false });
