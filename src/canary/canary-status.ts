// `status` as data: the release recorded in AWS, weights set and observed, each metric now against its bounds, services, events.
import type { Service } from '@aws-sdk/client-ecs';
import type { Bounds, CanarySpec } from './canary-spec.js';
import { runAnalysis } from './analysis-runner.js';
import { describeService, readTags } from './canary-services.js';
import type { CheckStatus } from './check-evaluation.js';
import { decodeLease } from '../ecs/lease.js';
import { observedSplit, canaryShare, type ObservedSplit } from './observed-split.js';
import { recordedRelease } from './canary-release.js';
import type { ReleaseDeps, ReleaseTarget } from './release-context.js';
import type { ReleaseSummary } from './release-summary.js';
import { analysisWindow } from './step-judgement.js';
import { decodePaused, decodeRequest, TAG } from './state-tags.js';
import type { Weights } from './step-weights.js';
import type { OperatorRequest } from './canary-state.js';
import { openBaseline } from './baseline/baseline-effects.js';
import type { JudgeVerdict } from './judge/judge-score.js';
import { checkBounds } from './judge/judge-verdict.js';
import { decodeAction, type ReleaseAction } from './action-tag.js';

export interface ServiceView {
  readonly role: 'stable' | 'canary';
  readonly name: string;
  readonly desired: number;
  readonly running: number;
  readonly pending: number;
  readonly taskDefinition: string;
  readonly images: readonly string[];
}

export interface CanaryStatusView {
  readonly router: CanarySpec['router']['kind'];
  readonly steps: readonly number[];
  readonly release?: ReleaseSummary;
  readonly paused: boolean;
  readonly request?: OperatorRequest;
  /** Who last acted on the release through a host that records it (the server): promote, abort, pause ... */
  readonly lastAction?: ReleaseAction;
  readonly controller?: { readonly owner: string; readonly until: number; readonly live: boolean };
  readonly weights?: Weights;
  readonly observed?: ObservedSplit & { readonly canaryShare?: number; readonly window: { readonly start: number; readonly end: number } };
  readonly metrics: readonly {
    readonly name: string;
    readonly bounds: Bounds;
    readonly status: CheckStatus;
    readonly value?: number;
    readonly reason?: string;
  }[];
  readonly services: readonly ServiceView[];
  /** The baseline comparison of the step in progress (canary.baseline): per metric U, p-value, effect, critical flag. */
  readonly judge?: JudgeVerdict;
  readonly events: readonly { readonly at: number; readonly service: string; readonly message: string }[];
  readonly at: number;
}

export async function readCanaryStatus(
  t: ReleaseTarget,
  deps: ReleaseDeps,
  signal: AbortSignal,
  images: Map<string, readonly string[]> = new Map(),
): Promise<CanaryStatusView> {
  const { aws, clock } = deps;
  const now = clock.now().getTime();
  const roles: ('stable' | 'canary')[] = t.canaryService === t.stableService ? ['stable'] : ['stable', 'canary'];
  const svcs = await Promise.all(
    roles.map((r) => describeService(aws.ecs, t.cluster, r === 'stable' ? t.stableService : t.canaryService, signal)),
  );
  const tagged = svcs[svcs.length - 1]!;
  const tags = await readTags(aws.ecs, tagged.serviceArn!, signal);
  const release = recordedRelease(t, tags);
  const lease = decodeLease(tags, TAG.lease);
  const request = decodeRequest(tags);
  const rt = { cluster: t.cluster, stableService: t.stableService, canaryService: t.canaryService };
  const route = await deps.router.reconcile(rt, signal);
  const since =
    release?.stepStartedAt ?? (release && release.outcome === 'in-progress' ? release.startedAt : now - t.spec.analysisIntervalMs);
  const w = analysisWindow(t.spec, since, now);
  const window = { start: new Date(w.start), end: new Date(w.end) };
  const [weights, observed, measured] = await Promise.all([
    deps.router.getWeights(rt, signal),
    // No load balancer (router tasks): no requests to count; the weights are the running tasks' share.
    t.spec.router.kind === 'tasks' ? undefined : observedSplit(aws.cloudwatch, route, window, t.spec.metricPeriodS, signal),
    runAnalysis(
      t.spec.metrics,
      deps.providers,
      {
        window,
        baseline: { start: new Date((release?.startedAt ?? now) - t.spec.intervalMs), end: window.end },
        route,
        minRequests: t.spec.minRequests,
        periodS: t.spec.metricPeriodS,
      },
      signal,
    ),
  ]);
  const share = observed ? canaryShare(observed) : undefined;
  // A step in progress with a baseline: the comparison as it stands now.
  const step = release?.outcome === 'in-progress' ? release.step : undefined;
  const baseline = step !== undefined && t.spec.steps[step] ? openBaseline(t, deps, route, true) : undefined;
  const verdict = baseline ? await baseline.judge(measured, t.spec.steps[step!]!, window, signal) : measured;
  return {
    router: t.spec.router.kind,
    steps: t.spec.steps,
    paused: decodePaused(tags),
    at: now,
    ...(release ? { release } : {}),
    ...(request ? { request } : {}),
    ...(decodeAction(tags) ? { lastAction: decodeAction(tags)! } : {}),
    ...(lease ? { controller: { ...lease, live: lease.until > now } } : {}),
    weights,
    ...(observed ? { observed: { ...observed, ...(share !== undefined ? { canaryShare: share } : {}), window: w } } : {}),
    // A finished release is shown as it was last judged; one in progress as its canary measures now.
    metrics:
      release && release.outcome !== 'in-progress' && release.lastVerdict
        ? release.lastVerdict.checks.map((c) => ({
            name: c.name,
            bounds: checkBounds(t.spec.metrics, t.spec.baseline?.judge.metrics ?? [], c.name),
            status: c.status,
            ...(c.value !== undefined ? { value: c.value } : {}),
            reason: 'last analysis',
          }))
        : verdict.checks.map((c) => {
            const bounds = t.spec.metrics.find((m) => m.name === c.name)?.bounds ?? c.bounds;
            return {
              name: c.name,
              bounds,
              status: c.status,
              ...(c.value !== undefined ? { value: c.value } : {}),
              ...(c.reason ? { reason: c.reason } : {}),
            };
          }),
    services: await Promise.all(svcs.map((s, i) => serviceView(roles[i]!, s, deps, images, signal))),
    ...(verdict.judge ? { judge: verdict.judge } : {}),
    events: svcs
      .flatMap((s) =>
        (s.events ?? [])
          .slice(0, 5)
          .map((e) => ({ at: e.createdAt?.getTime() ?? 0, service: s.serviceName ?? '', message: e.message ?? '' })),
      )
      .sort((a, b) => b.at - a.at)
      .slice(0, 6),
  };
}

async function serviceView(
  role: 'stable' | 'canary',
  s: Service,
  deps: ReleaseDeps,
  cache: Map<string, readonly string[]>,
  signal: AbortSignal,
): Promise<ServiceView> {
  const td = s.taskDefinition ?? '';
  if (!cache.has(td) && td) {
    const def = (await deps.aws.ecs.describeTaskDefinition({ taskDefinition: td }, signal)).taskDefinition;
    cache.set(
      td,
      (def?.containerDefinitions ?? []).map((c) => c.image ?? ''),
    );
  }
  return {
    role,
    name: s.serviceName ?? '',
    desired: s.desiredCount ?? 0,
    running: s.runningCount ?? 0,
    pending: s.pendingCount ?? 0,
    taskDefinition: td,
    images: cache.get(td) ?? [],
  };
}
