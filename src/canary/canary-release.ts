// The library's canary operations (start, resume, promote, abort, pause): each writes intent to AWS, then drives or hands off.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { UsageError } from '../core/errors.js';
import { msg } from '../core/io-host.js';
import { describeService, readTags, registerRevision, removeTags, writeTags } from './canary-services.js';
import { isTerminal, type CanaryState, type OperatorRequest } from './canary-state.js';
import type { NativeState } from './ecs-native/native-state.js';
import { runController } from './canary-controller.js';
import { decodeLease, leaseVerdict } from './lease.js';
import type { ReleaseDeps, ReleaseTarget } from './release-context.js';
import type { RevisionChange } from './revision.js';
import { decodeState, encodeRequest, encodeState, TAG, type Tag } from './state-tags.js';
import { runNativeController, startNativeRelease } from './ecs-native/native-controller.js';
import { decodeNativeState } from './ecs-native/native-tags.js';
import { summarize, type ReleaseSummary } from './release-summary.js';

export const defaultOwner = (): string => `${hostname().replace(/[^\w.-]/g, '-')}:${process.pid}:${randomBytes(3).toString('hex')}`;

export type ReleaseSource =
  | { readonly kind: 'change'; readonly change: RevisionChange }
  | { readonly kind: 'task-definition'; readonly arn: string };

/** What an operation ended with: the release as it left it, and whether a controller elsewhere carries on. */
export interface ReleaseOutcome {
  readonly state: ReleaseSummary | undefined;
  readonly handedOff: boolean;
}

/** The release recorded in these tags, whichever flow wrote it. */
export function recordedRelease(t: ReleaseTarget, tags: readonly Tag[]): ReleaseSummary | undefined {
  const s = t.spec.router.kind === 'ecs-native' ? decodeNativeState(tags) : decodeState(tags);
  return s ? summarize(s) : undefined;
}

const ended = (s: ReleaseSummary | undefined) => s !== undefined && s.outcome !== 'in-progress';

/** Runs the controller of the target's flow here until the release ends (or another controller takes it). */
async function drive(t: ReleaseTarget, deps: ReleaseDeps, signal: AbortSignal): Promise<ReleaseSummary | undefined> {
  const s: CanaryState | NativeState | undefined = t.spec.router.kind === 'ecs-native' ? await runNativeController(t, deps, signal) : await runController(t, deps, signal);
  return s ? summarize(s) : undefined;
}

async function canaryArn(t: ReleaseTarget, deps: ReleaseDeps, signal: AbortSignal): Promise<string> {
  return (await describeService(deps.aws.ecs, t.cluster, t.canaryService, signal)).serviceArn!;
}

/** Starts a release: refuses while another is in flight, registers the revision, records it, and runs it here. */
export async function startRelease(t: ReleaseTarget, deps: ReleaseDeps, source: ReleaseSource, signal: AbortSignal): Promise<ReleaseOutcome> {
  if (t.spec.router.kind === 'ecs-native') {
    const s = await startNativeRelease(t, deps, source, signal);
    return { state: s ? summarize(s) : undefined, handedOff: false };
  }
  const { aws, clock } = deps;
  const arn = await canaryArn(t, deps, signal);
  const current = decodeState(await readTags(aws.ecs, arn, signal));
  if (current && !isTerminal(current.phase)) {
    throw new UsageError('CANARY_IN_PROGRESS', `release ${current.releaseId} of ${current.revision} is ${current.phase.kind}`, 'see `cortado canary status`; `cortado canary abort` ends it, `cortado canary resume` continues it');
  }
  await deps.router.reconcile({ cluster: t.cluster, stableService: t.stableService, canaryService: t.canaryService }, signal);
  const stable = await describeService(aws.ecs, t.cluster, t.stableService, signal);
  const revision = source.kind === 'task-definition' ? source.arn : await registerRevision(aws.ecs, stable, source.change, signal);
  const now = clock.now().getTime();
  const state: CanaryState = { releaseId: `r${now.toString(36)}`, revision, startedAt: now, phase: { kind: 'deploying' }, failedChecks: 0, noDataStreak: 0 };
  await removeTags(aws.ecs, arn, [TAG.request, TAG.paused, TAG.analysis, TAG.reason], signal);
  await writeTags(aws.ecs, arn, encodeState(state).filter((x) => x.value !== ''), signal);
  deps.io.notify(msg('info', 'CANARY_STARTED', `release ${state.releaseId}: ${revision} to ${t.canaryService}, steps ${t.spec.steps.join(' → ')}%`, { releaseId: state.releaseId, revision, steps: t.spec.steps }));
  const final = await runController(t, deps, signal);
  return { state: final ? summarize(final) : undefined, handedOff: false };
}

/**
 * Continues a release from the step AWS records (after a pause or a killed controller). A lease that is still
 * renewed means a live controller: it is left to carry on (handedOff). A lease that runs out is taken over.
 */
export async function resumeRelease(t: ReleaseTarget, deps: ReleaseDeps, signal: AbortSignal): Promise<ReleaseOutcome> {
  const arn = await canaryArn(t, deps, signal);
  await removeTags(deps.aws.ecs, arn, [TAG.paused], signal);
  let seen: number | undefined;
  for (;;) {
    const tags = await readTags(deps.aws.ecs, arn, signal);
    const state = recordedRelease(t, tags);
    if (!state) throw new UsageError('CANARY_NO_RELEASE', `no release is recorded on ${t.canaryService}`, 'start one with `cortado canary start`');
    if (ended(state)) return { state, handedOff: false };
    const lease = leaseVerdict(decodeLease(tags), deps.owner, deps.clock.now().getTime());
    if (lease.kind !== 'held') return { state: await drive(t, deps, signal), handedOff: false };
    if (seen !== undefined && lease.until !== seen) return { state, handedOff: true };
    seen ??= lease.until;
    deps.io.notify(msg('info', 'CANARY_LEASE_WAIT', `controller ${lease.owner} holds the release until ${new Date(lease.until).toISOString()}; taking over if it stops renewing`, lease));
    await deps.clock.sleep(Math.max(50, Math.min(lease.until - deps.clock.now().getTime() + 10, t.spec.pollMs)), signal);
  }
}

/**
 * Records an operator request. A live controller elsewhere picks it up (handedOff); with none, this process
 * becomes the controller. `abort` always waits until the rollback has finished.
 */
export async function requestRelease(t: ReleaseTarget, deps: ReleaseDeps, request: OperatorRequest, signal: AbortSignal): Promise<ReleaseOutcome> {
  const arn = await canaryArn(t, deps, signal);
  const tags = await readTags(deps.aws.ecs, arn, signal);
  const state = recordedRelease(t, tags);
  if (!state || ended(state)) throw new UsageError('CANARY_NO_RELEASE', `no release is in progress on ${t.canaryService}${state ? ` (the last one ${state.phase})` : ''}`);
  await writeTags(deps.aws.ecs, arn, [encodeRequest(request, deps.owner, deps.clock.now().getTime())], signal);
  deps.io.notify(msg('info', 'CANARY_REQUESTED', `${request.kind} requested for release ${state.releaseId}`, { request }));
  const lease = leaseVerdict(decodeLease(tags), deps.owner, deps.clock.now().getTime());
  if (lease.kind === 'held') {
    if (request.kind !== 'abort') return { state, handedOff: true };
    for (;;) {
      await deps.clock.sleep(t.spec.pollMs, signal);
      const s = recordedRelease(t, await readTags(deps.aws.ecs, arn, signal));
      if (ended(s)) return { state: s, handedOff: false };
    }
  }
  return { state: await drive(t, deps, signal), handedOff: false };
}

/** Holds the release at its current weight (a running controller stops analysing and advancing until `resume`). */
export async function pauseRelease(t: ReleaseTarget, deps: ReleaseDeps, signal: AbortSignal): Promise<ReleaseSummary> {
  const arn = await canaryArn(t, deps, signal);
  const state = recordedRelease(t, await readTags(deps.aws.ecs, arn, signal));
  if (!state || ended(state)) throw new UsageError('CANARY_NO_RELEASE', `no release is in progress on ${t.canaryService}`);
  await writeTags(deps.aws.ecs, arn, [{ key: TAG.paused, value: 'true' }], signal);
  deps.io.notify(msg('info', 'CANARY_PAUSED', `release ${state.releaseId} paused at ${state.phase}`));
  return state;
}
