// The one controller loop of both routers: take the lease, then read state from AWS, decide one step (pure), apply it, write state back.
import { msg } from '../core/io-host.js';
import { readTags, removeTags, writeTags } from './canary-services.js';
import type { EffectResult } from './canary-effects.js';
import { verdictLine, verdictReason } from './check-evaluation.js';
import { notifyAll } from './hooks/notifier.js';
import type { Lease } from '../ecs/lease.js';
import type { ReleaseDeps, ReleaseTarget } from './release-context.js';
import { isEnded, type BaseObservation, type FlowDecision, type FlowState, type ReleaseFlow } from './release-flow.js';
import { giveBackLease, keepLease, takeLease, type LeaseSite } from '../ecs/tag-lease.js';
import { decodePaused, decodeRequest, TAG, type Tag } from './state-tags.js';

/** How a controller run ended: the state it left (none recorded: undefined), or the lease of the controller it left the release to. */
export interface RunResult<S> {
  readonly state: S | undefined;
  readonly heldBy?: Lease;
}

/** Tags that differ from what AWS already has: a write only when something changed. */
const changed = (want: readonly Tag[], have: readonly Tag[]) => want.filter((t) => have.find((h) => h.key === t.key)?.value !== t.value);

export const leaseSiteOf = (t: ReleaseTarget, deps: ReleaseDeps, arn: string): LeaseSite => ({
  ecs: deps.aws.ecs,
  arn,
  key: TAG.lease,
  owner: deps.owner,
  leaseMs: t.spec.leaseMs,
  clock: deps.clock,
});

/**
 * Runs the release recorded on the tagged service (`t.canaryService`) until it succeeds, fails or is aborted, or
 * backs off when another controller holds it. Killed at any point, it leaves AWS in a state `resume` continues from
 * (each action is idempotent); interrupted (the signal), it gives the lease back so `resume` elsewhere need not wait.
 */
export async function runRelease<S extends FlowState, A extends { readonly kind: string }>(
  flow: ReleaseFlow<S, A>,
  t: ReleaseTarget,
  deps: ReleaseDeps,
  arn: string,
  signal: AbortSignal,
): Promise<RunResult<S>> {
  const tags = await readTags(deps.aws.ecs, arn, signal);
  const state = flow.decode(tags);
  if (!state || isEnded(state)) return { state };
  const site = leaseSiteOf(t, deps, arn);
  const heldBy = await takeLease(site, tags, signal);
  if (heldBy) return { state, heldBy };
  try {
    return await drive(flow, t, deps, site, state, signal);
  } catch (e) {
    if (signal.aborted) await giveBackLease(site);
    throw e;
  }
}

async function drive<S extends FlowState, A extends { readonly kind: string }>(
  flow: ReleaseFlow<S, A>,
  t: ReleaseTarget,
  deps: ReleaseDeps,
  site: LeaseSite,
  initial: S,
  signal: AbortSignal,
): Promise<RunResult<S>> {
  const { aws, clock, io } = deps;
  const arn = site.arn;
  let state = initial;
  const run = await flow.open(t, deps, state, signal);
  io.notify(
    msg('info', 'CANARY_CONTROLLER', `controller ${deps.owner} runs release ${state.releaseId} from ${state.phase.kind}`, {
      owner: deps.owner,
      phase: state.phase,
      route: run.route,
    }),
  );
  let last: EffectResult = {};
  for (;;) {
    const tags = await readTags(aws.ecs, arn, signal);
    const heldBy = await keepLease(site, tags, signal);
    if (heldBy) return { state, heldBy };
    const now = clock.now().getTime();
    const request = decodeRequest(tags);
    const base: BaseObservation = {
      now,
      paused: decodePaused(tags),
      ...(request ? { request } : {}),
      ...(last.analysis ? { analysis: last.analysis } : {}),
      ...(last.gate ? { gate: { open: last.gate.ok, reason: last.gate.reason } } : {}),
      ...(last.hooks ? { hooks: last.hooks } : {}),
    };
    const d = await run.step(state, base, signal);
    if (last.analysis) {
      const v = last.analysis;
      io.notify(
        msg(
          v.status === 'pass' ? 'info' : 'warn',
          'CANARY_ANALYSIS',
          `analysis ${v.status}: ${v.status === 'pass' ? verdictLine(v) : verdictReason(v)}`,
          {
            verdict: v,
            ...(last.observed ? { observed: last.observed } : {}),
            ...(state.weight !== undefined ? { weight: state.weight } : {}),
            phase: state.phase,
            failedChecks: d.next.failedChecks,
            at: now,
          },
        ),
      );
    }
    const entryWrite = d.entry ? writeTags(aws.ecs, arn, changed(flow.encode(d.entry), tags), signal) : Promise.resolve();
    const [result] = await Promise.all([run.apply(d.action, state, signal), entryWrite]);
    last = result;
    const before = state;
    state = d.next;
    await writeTags(aws.ecs, arn, changed(flow.encode(state), d.entry ? flow.encode(d.entry) : tags), signal);
    if (d.consumedRequest) await removeTags(aws.ecs, arn, [TAG.request], signal);
    await announce(flow, t, deps, before, d, signal);
    if (isEnded(state)) break;
  }
  await giveBackLease(site, signal);
  return { state };
}

/** A phase change (or a flow's milestone) is an event and a notification; other actions a debug line. */
async function announce<S extends FlowState, A extends { readonly kind: string }>(
  flow: ReleaseFlow<S, A>,
  t: ReleaseTarget,
  deps: ReleaseDeps,
  from: S,
  d: FlowDecision<S, A>,
  signal: AbortSignal,
): Promise<void> {
  const to = d.next;
  const moved = from.phase.kind !== to.phase.kind;
  if (moved || flow.milestone(d.action)) {
    const level = to.phase.kind === 'failed' || to.phase.kind === 'rolling-back' || to.phase.kind === 'aborted' ? 'warn' : 'info';
    const text = moved ? `${t.stableService}: ${from.phase.kind} → ${to.phase.kind}: ${d.why}` : `${t.stableService}: ${d.why}`;
    deps.io.notify(
      msg(level, 'CANARY_PHASE', text, {
        from: from.phase,
        to: to.phase,
        phase: to.phase,
        action: d.action,
        why: d.why,
        releaseId: to.releaseId,
        at: deps.clock.now().getTime(),
      }),
    );
  } else if (d.action.kind !== 'wait' && d.action.kind !== 'analyse') {
    deps.io.notify(msg('debug', 'CANARY_STEP', d.why, { phase: to.phase }));
  }
  if (!moved) return;
  const failures = await notifyAll(
    t.spec.notify,
    { service: t.stableService, from: from.phase.kind, to: to.phase.kind, why: d.why },
    signal,
  );
  for (const f of failures) deps.io.notify(msg('warn', 'CANARY_NOTIFY_FAILED', f));
}
