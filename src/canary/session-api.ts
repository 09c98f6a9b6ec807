// Canary releases as functions over a session: what the package exports, so every host (CLI, HTTP server) makes one call.
import type { Session } from '../session/index.js';
import { openSessionRelease } from './config/canary-section.js';
import { pauseRelease, requestRelease, type ReleaseOutcome, type ReleaseSource, resumeRelease, startRelease } from './canary-release.js';
import { readCanaryStatus, type CanaryStatusView } from './canary-status.js';
import type { ReleaseSummary } from './release-summary.js';
import { describeService, readTags } from './canary-services.js';
import type { Actor } from './action-tag.js';
import { recordedRelease } from './canary-release.js';
import { decodeLease, leaseVerdict } from '../ecs/lease.js';
import { decodePaused, TAG } from './state-tags.js';

/** The release of the session's config, acted on by `actor` when a host names one (recorded with the change made). */
async function opened(session: Session, actor: Actor | undefined) {
  const r = await openSessionRelease(session);
  return actor ? { ...r, deps: { ...r.deps, actor } } : r;
}

/** Starts a release of the config's `canary:` section and runs it to its end (or hands it to the controller that holds it). */
export async function start(session: Session, source: ReleaseSource, actor?: Actor): Promise<ReleaseOutcome> {
  const r = await opened(session, actor);
  return startRelease(r.target, r.deps, source, session.signal);
}

/** Continues a recorded release here (after a controller died, or to take over a paused one once resumed). */
export async function resume(session: Session, actor?: Actor): Promise<ReleaseOutcome> {
  const r = await opened(session, actor);
  return resumeRelease(r.target, r.deps, session.signal);
}

/** Answers the confirm-promotion gate; with skipAnalysis, skips the remaining steps too. */
export async function promote(
  session: Session,
  opts: { readonly skipAnalysis?: boolean; readonly actor?: Actor } = {},
): Promise<ReleaseOutcome> {
  const r = await opened(session, opts.actor);
  return requestRelease(r.target, r.deps, { kind: 'promote', skipAnalysis: opts.skipAnalysis === true }, session.signal);
}

/** All traffic back to stable at once, canary to zero. */
export async function abort(session: Session, actor?: Actor): Promise<ReleaseOutcome> {
  const r = await opened(session, actor);
  return requestRelease(r.target, r.deps, { kind: 'abort' }, session.signal);
}

/** Holds the release at its current weight until resumed. */
export async function pause(session: Session, actor?: Actor): Promise<ReleaseSummary> {
  const r = await opened(session, actor);
  return pauseRelease(r.target, r.deps, session.signal);
}

/** The release as AWS records it: weights set and observed, both services, the last analysis. */
export async function status(session: Session): Promise<CanaryStatusView> {
  const r = await openSessionRelease(session);
  return readCanaryStatus(r.target, r.deps, session.signal);
}

/**
 * A release in progress that no controller holds (its lease ran out or was never taken), and not paused on purpose:
 * one a controller should take over with `resume`. Reads two things from AWS; analyses nothing.
 */
export async function orphaned(session: Session): Promise<boolean> {
  const r = await openSessionRelease(session);
  const svc = await describeService(r.deps.aws.ecs, r.target.cluster, r.target.canaryService, session.signal);
  const tags = await readTags(r.deps.aws.ecs, svc.serviceArn!, session.signal);
  const state = recordedRelease(r.target, tags);
  if (!state || state.outcome !== 'in-progress' || decodePaused(tags)) return false;
  return leaseVerdict(decodeLease(tags, TAG.lease), r.deps.owner, session.clock.now().getTime()).kind !== 'held';
}
