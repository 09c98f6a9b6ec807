// The ALB release engine: read state and requests from AWS, decide one step (pure), apply it, write state back; until done.
import { CortadoError } from '../core/errors.js';
import { msg } from '../core/io-host.js';
import { applyAction, type EffectResult } from './canary-effects.js';
import { describeService, readTags, removeTags, rolloutOf, writeTags } from './canary-services.js';
import { isTerminal, type CanaryState } from './canary-state.js';
import { verdictLine, verdictReason } from './check-evaluation.js';
import { notifyAll } from './hooks/notifier.js';
import { decodeLease, encodeLease, leaseNeedsRenewal, leaseVerdict } from './lease.js';
import { nextStep, type Observation } from './next-step.js';
import type { ReleaseDeps, ReleaseTarget } from './release-context.js';
import { decodePaused, decodeRequest, decodeState, encodeState, TAG, type Tag } from './state-tags.js';

/** Tags that differ from what AWS already has: a write only when something changed. */
const changed = (want: readonly Tag[], have: readonly Tag[]) => want.filter((t) => have.find((h) => h.key === t.key)?.value !== t.value);

export class LeaseHeldError extends CortadoError {
  constructor(owner: string, until: number) {
    super('CANARY_LEASE_HELD', `another controller (${owner}) runs this release until ${new Date(until).toISOString()} unless it stops renewing`, { source: 'user', hint: 'wait for it, or run `cortado canary resume` after it has stopped' });
  }
}

/**
 * Runs the release recorded on the canary service until it succeeds, fails or is aborted; returns the final state.
 * Killed at any point, it leaves AWS in a state `resume` continues from (each action is idempotent).
 */
export async function runController(t: ReleaseTarget, deps: ReleaseDeps, signal: AbortSignal): Promise<CanaryState | undefined> {
  const { aws, clock } = deps;
  const spec = t.spec;
  const canarySvc = await describeService(aws.ecs, t.cluster, t.canaryService, signal);
  const arn = canarySvc.serviceArn!;
  const tags = await readTags(aws.ecs, arn, signal);
  const state = decodeState(tags);
  if (!state || isTerminal(state.phase)) return state;
  const lease = leaseVerdict(decodeLease(tags), deps.owner, clock.now().getTime());
  if (lease.kind === 'held') throw new LeaseHeldError(lease.owner, lease.until);
  await writeTags(aws.ecs, arn, [encodeLease({ owner: deps.owner, until: clock.now().getTime() + spec.leaseMs })], signal);
  // Tag writes are last-writer-wins: read the lease back, so of two controllers starting together one backs off.
  const won = decodeLease(await readTags(aws.ecs, arn, signal));
  if (won && won.owner !== deps.owner) throw new LeaseHeldError(won.owner, won.until);
  try {
    return await drive(t, deps, arn, state, signal);
  } catch (e) {
    // Interrupted (Ctrl-C): give the lease back so `resume` elsewhere need not wait for it to run out.
    if (signal.aborted) await removeTags(aws.ecs, arn, [TAG.lease], AbortSignal.timeout(2000)).catch(() => undefined);
    throw e;
  }
}

async function drive(t: ReleaseTarget, deps: ReleaseDeps, arn: string, initial: CanaryState, signal: AbortSignal): Promise<CanaryState> {
  const { aws, clock, io } = deps;
  const spec = t.spec;
  let state = initial;
  let tags: Tag[];
  const route = await deps.router.reconcile({ cluster: t.cluster, stableService: t.stableService, canaryService: t.canaryService }, signal);
  const stableDesired = (await describeService(aws.ecs, t.cluster, t.stableService, signal)).desiredCount ?? 1;
  io.notify(msg('info', 'CANARY_CONTROLLER', `controller ${deps.owner} runs release ${state.releaseId} from ${state.phase.kind}`, { owner: deps.owner, phase: state.phase, route }));
  let last: EffectResult = {};
  for (;;) {
    tags = await readTags(aws.ecs, arn, signal);
    const now = clock.now().getTime();
    const current = decodeLease(tags);
    if (current && current.owner !== deps.owner && current.until > now) throw new LeaseHeldError(current.owner, current.until);
    if (leaseNeedsRenewal(current, deps.owner, now, spec.leaseMs)) await writeTags(aws.ecs, arn, [encodeLease({ owner: deps.owner, until: now + spec.leaseMs })], signal);
    const persisted = tags;
    const obs: Observation = {
      now, paused: decodePaused(tags), stableDesired,
      ...(decodeRequest(tags) ? { request: decodeRequest(tags)! } : {}),
      ...(state.phase.kind === 'starting' ? { canary: rolloutOf(await describeService(aws.ecs, t.cluster, t.canaryService, signal), state.revision) } : {}),
      ...(state.phase.kind === 'promoting' && state.phase.stage === 'wait-stable' ? { stable: rolloutOf(await describeService(aws.ecs, t.cluster, t.stableService, signal), state.revision) } : {}),
      ...(last.analysis ? { analysis: last.analysis } : {}),
      ...(last.gate ? { gate: { open: last.gate.ok, reason: last.gate.reason } } : {}),
      ...(last.hooks ? { hooks: last.hooks } : {}),
    };
    const d = nextStep(spec, state, obs);
    if (last.analysis) {
      const v = last.analysis;
      io.notify(msg(v.status === 'pass' ? 'info' : 'warn', 'CANARY_ANALYSIS', `analysis ${v.status}: ${v.status === 'pass' ? verdictLine(v) : verdictReason(v)}`, { verdict: v, observed: last.observed, phase: state.phase, failedChecks: d.next.failedChecks, at: now }));
    }
    const entryWrite = d.entry ? writeTags(aws.ecs, arn, changed(encodeState(d.entry), persisted), signal) : Promise.resolve();
    const [result] = await Promise.all([applyAction(d.action, state, t, route, deps, signal), entryWrite]);
    last = result;
    const before = state;
    state = d.next;
    const wanted = encodeState(state);
    await writeTags(aws.ecs, arn, changed(wanted, d.entry ? encodeState(d.entry) : persisted), signal);
    if (d.consumedRequest) await removeTags(aws.ecs, arn, [TAG.request], signal);
    if (before.phase.kind !== state.phase.kind) await announce(t, deps, before, state, d.why, signal);
    else if (d.action.kind !== 'wait' && d.action.kind !== 'analyse') io.notify(msg('debug', 'CANARY_STEP', d.why, { phase: state.phase }));
    if (isTerminal(state.phase)) break;
  }
  await removeTags(aws.ecs, arn, [TAG.lease], signal);
  return state;
}

async function announce(t: ReleaseTarget, deps: ReleaseDeps, from: CanaryState, to: CanaryState, why: string, signal: AbortSignal): Promise<void> {
  const level = to.phase.kind === 'failed' || to.phase.kind === 'rolling-back' || to.phase.kind === 'aborted' ? 'warn' : 'info';
  deps.io.notify(msg(level, 'CANARY_PHASE', `${t.stableService}: ${from.phase.kind} → ${to.phase.kind}: ${why}`, { from: from.phase, to: to.phase, why, releaseId: to.releaseId, at: deps.clock.now().getTime() }));
  const failures = await notifyAll(t.spec.notify, { service: t.stableService, from: from.phase.kind, to: to.phase.kind, why }, signal);
  for (const f of failures) deps.io.notify(msg('warn', 'CANARY_NOTIFY_FAILED', f));
}
