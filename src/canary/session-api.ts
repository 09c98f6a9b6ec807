// Canary releases as functions over a session: what the package exports, so every host (CLI, HTTP server) makes one call.
import type { Session } from '../session/index.js';
import { openSessionRelease } from './config/canary-section.js';
import { pauseRelease, requestRelease, type ReleaseOutcome, type ReleaseSource, resumeRelease, startRelease } from './canary-release.js';
import { readCanaryStatus, type CanaryStatusView } from './canary-status.js';
import type { ReleaseSummary } from './release-summary.js';

/** Starts a release of the config's `canary:` section and runs it to its end (or hands it to the controller that holds it). */
export async function start(session: Session, source: ReleaseSource): Promise<ReleaseOutcome> {
  const r = await openSessionRelease(session);
  return startRelease(r.target, r.deps, source, session.signal);
}

/** Continues a recorded release here (after a controller died, or to take over a paused one once resumed). */
export async function resume(session: Session): Promise<ReleaseOutcome> {
  const r = await openSessionRelease(session);
  return resumeRelease(r.target, r.deps, session.signal);
}

/** Answers the confirm-promotion gate; with skipAnalysis, skips the remaining steps too. */
export async function promote(session: Session, opts: { readonly skipAnalysis?: boolean } = {}): Promise<ReleaseOutcome> {
  const r = await openSessionRelease(session);
  return requestRelease(r.target, r.deps, { kind: 'promote', skipAnalysis: opts.skipAnalysis === true }, session.signal);
}

/** All traffic back to stable at once, canary to zero. */
export async function abort(session: Session): Promise<ReleaseOutcome> {
  const r = await openSessionRelease(session);
  return requestRelease(r.target, r.deps, { kind: 'abort' }, session.signal);
}

/** Holds the release at its current weight until resumed. */
export async function pause(session: Session): Promise<ReleaseSummary> {
  const r = await openSessionRelease(session);
  return pauseRelease(r.target, r.deps, session.signal);
}

/** The release as AWS records it: weights set and observed, both services, the last analysis. */
export async function status(session: Session): Promise<CanaryStatusView> {
  const r = await openSessionRelease(session);
  return readCanaryStatus(r.target, r.deps, session.signal);
}
