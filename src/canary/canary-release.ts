// The library's canary operations (start, resume, promote, abort, pause): each writes intent to AWS, then drives or hands off.
import { UsageError } from '../core/errors.js';
import { msg } from '../core/io-host.js';
import { actorTags } from './action-tag.js';
import { albFlow } from './alb-flow.js';
import { describeService, readTags, registerRevision, removeTags, writeTags } from './canary-services.js';
import type { OperatorRequest } from './canary-state.js';
import { nativeFlow } from './ecs-native/native-flow.js';
import { decodeLease, leaseVerdict } from '../ecs/lease.js';
import type { ReleaseDeps, ReleaseTarget } from './release-context.js';
import type { FlowState, ReleaseFlow } from './release-flow.js';
import { giveBackLease, leaseKeeper, takeLease } from '../ecs/tag-lease.js';
import { leaseSiteOf, runRelease } from './release-loop.js';
import type { RevisionChange } from './revision.js';
import { encodeRequest, TAG, type Tag } from './state-tags.js';
import { summarize, type ReleaseSummary } from './release-summary.js';
import { taskCountFlow } from './task-count-flow.js';

export type ReleaseSource =
  { readonly kind: 'change'; readonly change: RevisionChange } | { readonly kind: 'task-definition'; readonly arn: string };

/** What an operation ended with: the release as it left it, and whether a controller elsewhere carries on. */
export interface ReleaseOutcome {
  readonly state: ReleaseSummary | undefined;
  /** The request was recorded for the live controller elsewhere, which acts on it. */
  readonly handedOff: boolean;
  /** This process backed off: the controller named here holds the release (it is in progress elsewhere). */
  readonly heldBy?: string;
  /** The operator request this command made (`abort`: an aborted release is what was asked). */
  readonly asked?: OperatorRequest['kind'];
}

/** Calls `fn` with the flow of the target's router: the one place the two routers' flows are told apart. */
function withFlow<R>(t: ReleaseTarget, fn: <S extends FlowState, A extends { readonly kind: string }>(flow: ReleaseFlow<S, A>) => R): R {
  if (t.spec.router.kind === 'tasks') return fn(taskCountFlow);
  return t.spec.router.kind === 'ecs-native' ? fn(nativeFlow) : fn(albFlow);
}

/** The release recorded in these tags, whichever flow wrote it. */
export function recordedRelease(t: ReleaseTarget, tags: readonly Tag[]): ReleaseSummary | undefined {
  return withFlow(t, (flow) => {
    const s = flow.decode(tags);
    return s ? summarize(s) : undefined;
  });
}

const ended = (s: ReleaseSummary | undefined) => s !== undefined && s.outcome !== 'in-progress';

/** The tagged service: the canary service (alb), the service itself (ecs-native). */
async function taggedArn(t: ReleaseTarget, deps: ReleaseDeps, signal: AbortSignal): Promise<string> {
  return (await describeService(deps.aws.ecs, t.cluster, t.canaryService, signal)).serviceArn!;
}

/** Runs the controller here until the release ends, or backs off to the controller that holds it. */
async function drive(t: ReleaseTarget, deps: ReleaseDeps, arn: string, signal: AbortSignal): Promise<ReleaseOutcome> {
  const r = await withFlow(t, (flow) => runRelease(flow, t, deps, arn, signal));
  return { state: r.state ? summarize(r.state) : undefined, handedOff: false, ...(r.heldBy ? { heldBy: r.heldBy.owner } : {}) };
}

/**
 * Starts a release: takes the lease first (of two starting together, one backs off), refuses while another release
 * is in flight, registers the revision, records the release (ecs-native: starts ECS's deployment), and runs it here.
 */
export async function startRelease(
  t: ReleaseTarget,
  deps: ReleaseDeps,
  source: ReleaseSource,
  signal: AbortSignal,
): Promise<ReleaseOutcome> {
  const { aws } = deps;
  const arn = await taggedArn(t, deps, signal);
  const site = leaseSiteOf(t, deps, arn);
  const heldBy = await takeLease(site, await readTags(aws.ecs, arn, signal), signal);
  if (heldBy) return { state: recordedRelease(t, await readTags(aws.ecs, arn, signal)), handedOff: false, heldBy: heldBy.owner };
  // The set-up below runs before the controller loop that renews the lease: it is renewed between its steps.
  const keeper = leaseKeeper(site, signal);
  try {
    const current = recordedRelease(t, await readTags(aws.ecs, arn, signal));
    if (current && !ended(current)) {
      throw new UsageError(
        'CANARY_IN_PROGRESS',
        `release ${current.releaseId} of ${current.revision} is ${current.phase}`,
        'see `cortado canary status`; `cortado canary abort` ends it, `cortado canary resume` continues it',
      );
    }
    await deps.router.reconcile({ cluster: t.cluster, stableService: t.stableService, canaryService: t.canaryService }, signal);
    await keeper.renew();
    const stable = await describeService(aws.ecs, t.cluster, t.stableService, signal);
    const revision = source.kind === 'task-definition' ? source.arn : await registerRevision(aws.ecs, stable, source.change, signal);
    await keeper.renew();
    await withFlow(t, async (flow) => {
      const state = await flow.begin(t, deps, revision, signal);
      await keeper.renew();
      await removeTags(aws.ecs, arn, [TAG.request, TAG.paused, TAG.analysis, TAG.reason], signal);
      await writeTags(
        aws.ecs,
        arn,
        [...flow.encode(state).filter((x) => x.value !== ''), ...actorTags(deps.actor, 'start', deps.clock.now().getTime())],
        signal,
      );
      const how =
        'deploymentArn' in state
          ? `ECS deploys ${revision} to ${t.stableService} (${String(state.deploymentArn)})`
          : `${revision} to ${t.canaryService}, steps ${t.spec.steps.join(' → ')}%`;
      deps.io.notify(
        msg('info', 'CANARY_STARTED', `release ${state.releaseId}: ${how}`, {
          releaseId: state.releaseId,
          revision,
          steps: t.spec.steps,
          ...('deploymentArn' in state ? { deploymentArn: state.deploymentArn } : {}),
        }),
      );
    });
  } catch (e) {
    await giveBackLease(site);
    throw e;
  }
  return drive(t, deps, arn, signal);
}

/**
 * Continues a release from the step AWS records (after a pause or a killed controller). A lease that is still
 * renewed means a live controller: it is left to carry on (handedOff). A lease that runs out is taken over.
 */
export async function resumeRelease(t: ReleaseTarget, deps: ReleaseDeps, signal: AbortSignal): Promise<ReleaseOutcome> {
  const arn = await taggedArn(t, deps, signal);
  await removeTags(deps.aws.ecs, arn, [TAG.paused], signal);
  let seen: number | undefined;
  let countdown: number | undefined;
  let recorded = deps.actor === undefined;
  for (;;) {
    const tags = await readTags(deps.aws.ecs, arn, signal);
    const state = recordedRelease(t, tags);
    if (!state)
      throw new UsageError('CANARY_NO_RELEASE', `no release is recorded on ${t.canaryService}`, 'start one with `cortado canary start`');
    if (ended(state)) return { state, handedOff: false };
    if (!recorded) {
      await writeTags(deps.aws.ecs, arn, actorTags(deps.actor, 'resume', deps.clock.now().getTime()), signal);
      recorded = true;
    }
    const lease = leaseVerdict(decodeLease(tags, TAG.lease), deps.owner, deps.clock.now().getTime());
    if (lease.kind !== 'held') return drive(t, deps, arn, signal);
    if (seen !== undefined && lease.until !== seen) return { state, handedOff: true };
    // Said once in full, then a countdown line every 5 s (not the same line at every poll).
    const left = Math.max(0, Math.ceil((lease.until - deps.clock.now().getTime()) / 1000));
    const tick = Math.ceil(left / 5);
    if (seen === undefined)
      deps.io.notify(
        msg(
          'info',
          'CANARY_LEASE_WAIT',
          `controller ${lease.owner} holds the release until ${new Date(lease.until).toISOString()} (${left} s); taking over if it stops renewing`,
          { ...lease, left },
        ),
      );
    else if (tick !== countdown)
      deps.io.notify(msg('info', 'CANARY_LEASE_WAIT', `… ${left} s left on ${lease.owner}'s lease`, { ...lease, left }));
    countdown = tick;
    seen ??= lease.until;
    await deps.clock.sleep(Math.max(50, Math.min(lease.until - deps.clock.now().getTime() + 10, t.spec.pollMs)), signal);
  }
}

/**
 * Records an operator request. A live controller elsewhere picks it up (handedOff); with none, this process
 * becomes the controller. `abort` always waits until the rollback has finished.
 */
export async function requestRelease(
  t: ReleaseTarget,
  deps: ReleaseDeps,
  request: OperatorRequest,
  signal: AbortSignal,
): Promise<ReleaseOutcome> {
  const arn = await taggedArn(t, deps, signal);
  const tags = await readTags(deps.aws.ecs, arn, signal);
  const state = recordedRelease(t, tags);
  if (!state || ended(state))
    throw new UsageError(
      'CANARY_NO_RELEASE',
      `no release is in progress on ${t.canaryService}${state ? ` (the last one ${state.phase})` : ''}`,
    );
  const now = deps.clock.now().getTime();
  await writeTags(deps.aws.ecs, arn, [encodeRequest(request, deps.owner, now), ...actorTags(deps.actor, request.kind, now)], signal);
  deps.io.notify(msg('info', 'CANARY_REQUESTED', `${request.kind} requested for release ${state.releaseId}`, { request }));
  const asked = request.kind;
  if (leaseVerdict(decodeLease(tags, TAG.lease), deps.owner, deps.clock.now().getTime()).kind !== 'held') {
    const here = await drive(t, deps, arn, signal);
    if (!here.heldBy) return { ...here, asked };
  }
  if (request.kind !== 'abort') return { state, handedOff: true, asked };
  for (;;) {
    await deps.clock.sleep(t.spec.pollMs, signal);
    const s = recordedRelease(t, await readTags(deps.aws.ecs, arn, signal));
    if (ended(s)) return { state: s, handedOff: false, asked };
  }
}

/** Holds the release at its current weight (a running controller stops analysing and advancing until `resume`). */
export async function pauseRelease(t: ReleaseTarget, deps: ReleaseDeps, signal: AbortSignal): Promise<ReleaseSummary> {
  const arn = await taggedArn(t, deps, signal);
  const state = recordedRelease(t, await readTags(deps.aws.ecs, arn, signal));
  if (!state || ended(state)) throw new UsageError('CANARY_NO_RELEASE', `no release is in progress on ${t.canaryService}`);
  await writeTags(
    deps.aws.ecs,
    arn,
    [{ key: TAG.paused, value: 'true' }, ...actorTags(deps.actor, 'pause', deps.clock.now().getTime())],
    signal,
  );
  deps.io.notify(msg('info', 'CANARY_PAUSED', `release ${state.releaseId} paused at ${state.phase}`));
  return state;
}
