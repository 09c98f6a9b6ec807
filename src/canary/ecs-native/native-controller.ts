// The ECS-native release engine: UpdateService starts ECS's CANARY/LINEAR deployment; every PAUSE hook is answered after the analysis.
import type { ServiceDeployment } from '@aws-sdk/client-ecs';
import { UsageError } from '../../core/errors.js';
import { msg } from '../../core/io-host.js';
import { runAnalysis } from '../analysis-runner.js';
import { describeService, readTags, registerRevision, removeTags, writeTags } from '../canary-services.js';
import type { AnalysisVerdict } from '../check-evaluation.js';
import { verdictLine, verdictReason } from '../check-evaluation.js';
import { callWebhooks, type HookResult } from '../hooks/webhook.js';
import { notifyAll } from '../hooks/notifier.js';
import { decodeLease, encodeLease, leaseNeedsRenewal, leaseVerdict } from '../lease.js';
import { LeaseHeldError } from '../canary-controller.js';
import type { ReleaseDeps, ReleaseTarget } from '../release-context.js';
import type { ReleaseSource } from '../canary-release.js';
import type { ResolvedRoute } from '../routers/traffic-router.js';
import { analysisWindow } from '../step-judgement.js';
import { decodePaused, decodeRequest, TAG, type Tag } from '../state-tags.js';
import { NATIVE_TERMINAL, type NativeDeploymentView, type NativeState } from './native-state.js';
import { nextNativeStep, type NativeAction } from './native-step.js';
import { decodeNativeState, encodeNativeState } from './native-tags.js';

/**
 * Which target group gets the new revision: ECS records it on the target revision (resolvedConfiguration); without
 * it, the group not carrying production when the controller starts (right unless resumed past 50%).
 */
async function routeOf(t: ReleaseTarget, deps: ReleaseDeps, deploymentArn: string, signal: AbortSignal): Promise<ResolvedRoute> {
  const route = await deps.router.reconcile({ cluster: t.cluster, stableService: t.stableService }, signal);
  const sd = (await deps.aws.ecs.describeServiceDeployments({ serviceDeploymentArns: [deploymentArn] }, signal)).serviceDeployments?.[0];
  const target = sd?.targetServiceRevision?.arn;
  if (!target) return route;
  const rev = (await deps.aws.ecs.describeServiceRevisions({ serviceRevisionArns: [target] }, signal)).serviceRevisions?.[0];
  const tg = rev?.resolvedConfiguration?.loadBalancers?.find((l) => l.targetGroupArn)?.targetGroupArn;
  if (!tg || tg === route.canaryTargetGroupArn) return route;
  return tg === route.stableTargetGroupArn ? { ...route, stableTargetGroupArn: route.canaryTargetGroupArn, canaryTargetGroupArn: tg } : route;
}

/** Pure: the parts of a ServiceDeployment the decision reads. */
export function deploymentView(sd: ServiceDeployment): NativeDeploymentView {
  const hook = (sd.lifecycleHookDetails ?? []).find((h) => h.targetType === 'PAUSE' && h.status === 'AWAITING_ACTION' && h.hookId);
  return {
    status: sd.status ?? 'PENDING', weight: sd.targetServiceRevision?.requestedProductionTrafficWeight ?? 0,
    ...(sd.statusReason ? { statusReason: sd.statusReason } : {}), ...(sd.lifecycleStage ? { lifecycleStage: sd.lifecycleStage } : {}),
    ...(hook ? { awaitingHook: { hookId: hook.hookId!, ...(sd.lifecycleStage ? { stage: sd.lifecycleStage } : {}) } } : {}),
    ...(sd.rollback?.reason ? { rollbackReason: sd.rollback.reason } : {}),
  };
}

const changed = (want: readonly Tag[], have: readonly Tag[]) => want.filter((t) => have.find((h) => h.key === t.key)?.value !== t.value);

/** Starts ECS's own deployment of the new revision and drives its hooks here until it ends. */
export async function startNativeRelease(t: ReleaseTarget, deps: ReleaseDeps, source: ReleaseSource, signal: AbortSignal): Promise<NativeState | undefined> {
  const { aws, clock } = deps;
  const svc = await describeService(aws.ecs, t.cluster, t.stableService, signal);
  const current = decodeNativeState(await readTags(aws.ecs, svc.serviceArn!, signal));
  if (current && (current.phase.kind === 'running' || current.phase.kind === 'rolling-back')) {
    throw new UsageError('CANARY_IN_PROGRESS', `release ${current.releaseId} (${current.deploymentArn}) is ${current.phase.kind}`, 'see `cortado canary status`');
  }
  await deps.router.reconcile({ cluster: t.cluster, stableService: t.stableService }, signal);
  const revision = source.kind === 'task-definition' ? source.arn : await registerRevision(aws.ecs, svc, source.change, signal);
  const before = clock.now().getTime();
  await aws.ecs.updateService({ cluster: t.cluster, service: t.stableService, taskDefinition: revision }, signal);
  let deploymentArn: string | undefined;
  for (let i = 0; !deploymentArn; i++) {
    const list = await aws.ecs.listServiceDeployments({ cluster: t.cluster, service: t.stableService, createdAt: { after: new Date(before - 60_000) } }, signal);
    deploymentArn = [...(list.serviceDeployments ?? [])].filter((d) => d.targetServiceRevisionArn && d.status !== 'SUCCESSFUL').sort((a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0))[0]?.serviceDeploymentArn;
    if (!deploymentArn && i > 20) throw new UsageError('CANARY_NATIVE_NO_DEPLOYMENT', `UpdateService on ${t.stableService} started no service deployment`, 'is the revision the one already running?');
    if (!deploymentArn) await clock.sleep(t.spec.pollMs, signal);
  }
  const now = clock.now().getTime();
  const state: NativeState = {
    releaseId: `r${now.toString(36)}`, revision, startedAt: now, deploymentArn, phase: { kind: 'running' },
    weight: 0, weightSince: now, nextAnalysisAt: now, preRolloutDone: false, failedChecks: 0, noDataStreak: 0,
  };
  await removeTags(aws.ecs, svc.serviceArn!, [TAG.request, TAG.paused, TAG.analysis, TAG.reason], signal);
  await writeTags(aws.ecs, svc.serviceArn!, encodeNativeState(state).filter((x) => x.value !== ''), signal);
  deps.io.notify(msg('info', 'CANARY_STARTED', `release ${state.releaseId}: ECS deploys ${revision} to ${t.stableService} (${deploymentArn})`, { releaseId: state.releaseId, revision, deploymentArn }));
  return runNativeController(t, deps, signal);
}

interface Last { analysis?: AnalysisVerdict; hooks?: HookResult }

export async function runNativeController(t: ReleaseTarget, deps: ReleaseDeps, signal: AbortSignal): Promise<NativeState | undefined> {
  const { aws, clock } = deps;
  const arn = (await describeService(aws.ecs, t.cluster, t.stableService, signal)).serviceArn!;
  const tags = await readTags(aws.ecs, arn, signal);
  const state = decodeNativeState(tags);
  if (!state || state.phase.kind === 'succeeded' || state.phase.kind === 'failed' || state.phase.kind === 'aborted') return state;
  const lease = leaseVerdict(decodeLease(tags), deps.owner, clock.now().getTime());
  if (lease.kind === 'held') throw new LeaseHeldError(lease.owner, lease.until);
  try {
    return await driveNative(t, deps, arn, state, signal);
  } catch (e) {
    // Interrupted (Ctrl-C): give the lease back so `resume` elsewhere need not wait for it to run out.
    if (signal.aborted) await removeTags(aws.ecs, arn, [TAG.lease], AbortSignal.timeout(2000)).catch(() => undefined);
    throw e;
  }
}

async function driveNative(t: ReleaseTarget, deps: ReleaseDeps, arn: string, initial: NativeState, signal: AbortSignal): Promise<NativeState> {
  const { aws, clock, io } = deps;
  const spec = t.spec;
  let state = initial;
  let tags: Tag[];
  const route = await routeOf(t, deps, state.deploymentArn, signal);
  let last: Last = {};
  for (;;) {
    tags = await readTags(aws.ecs, arn, signal);
    const now = clock.now().getTime();
    const current = decodeLease(tags);
    if (current && current.owner !== deps.owner && current.until > now) throw new LeaseHeldError(current.owner, current.until);
    if (leaseNeedsRenewal(current, deps.owner, now, spec.leaseMs)) await writeTags(aws.ecs, arn, [encodeLease({ owner: deps.owner, until: now + spec.leaseMs })], signal);
    const sd = (await aws.ecs.describeServiceDeployments({ serviceDeploymentArns: [state.deploymentArn] }, signal)).serviceDeployments?.[0];
    if (!sd) throw new UsageError('CANARY_NATIVE_GONE', `service deployment ${state.deploymentArn} is no longer described by ECS`);
    const request = decodeRequest(tags);
    const d = nextNativeStep(spec, state, {
      now, deployment: deploymentView(sd), paused: decodePaused(tags),
      ...(request ? { request } : {}), ...(last.analysis ? { analysis: last.analysis } : {}), ...(last.hooks ? { hooks: last.hooks } : {}),
    });
    if (last.analysis) io.notify(msg(last.analysis.status === 'pass' ? 'info' : 'warn', 'CANARY_ANALYSIS', `analysis ${last.analysis.status}: ${last.analysis.status === 'pass' ? verdictLine(last.analysis) : verdictReason(last.analysis)}`, { verdict: last.analysis, weight: state.weight, failedChecks: d.next.failedChecks, at: now }));
    last = await applyNative(d.action, state, t, route, deps, signal);
    const before = state;
    state = d.next;
    await writeTags(aws.ecs, arn, changed(encodeNativeState(state), tags), signal);
    if (d.consumedRequest) await removeTags(aws.ecs, arn, [TAG.request], signal);
    if (before.phase.kind !== state.phase.kind || d.action.kind === 'continue' || d.action.kind === 'rollback') {
      io.notify(msg(state.phase.kind === 'running' || state.phase.kind === 'succeeded' ? 'info' : 'warn', 'CANARY_PHASE', `${t.stableService}: ${d.why}`, { phase: state.phase, action: d.action, at: clock.now().getTime() }));
      if (before.phase.kind !== state.phase.kind) {
        for (const f of await notifyAll(spec.notify, { service: t.stableService, from: before.phase.kind, to: state.phase.kind, why: d.why }, signal)) io.notify(msg('warn', 'CANARY_NOTIFY_FAILED', f));
      }
    }
    if (d.action.kind === 'done' || NATIVE_TERMINAL[sd.status ?? ''] && state.phase.kind !== 'running' && state.phase.kind !== 'rolling-back') break;
  }
  await removeTags(aws.ecs, arn, [TAG.lease], signal);
  return state;
}

async function applyNative(action: NativeAction, state: NativeState, t: ReleaseTarget, route: ResolvedRoute, deps: ReleaseDeps, signal: AbortSignal): Promise<Last> {
  const { aws, clock } = deps;
  switch (action.kind) {
    case 'continue':
      await aws.ecs.continueServiceDeployment({ serviceDeploymentArn: state.deploymentArn, hookId: action.hookId, action: 'CONTINUE' }, signal);
      return {};
    case 'rollback':
      if (action.hookId) await aws.ecs.continueServiceDeployment({ serviceDeploymentArn: state.deploymentArn, hookId: action.hookId, action: 'ROLLBACK' }, signal);
      else await aws.ecs.stopServiceDeployment({ serviceDeploymentArn: state.deploymentArn, stopType: 'ROLLBACK' }, signal);
      return {};
    case 'analyse': {
      const now = clock.now().getTime();
      const w = analysisWindow(t.spec, action.since, now);
      const ctx = { window: { start: new Date(w.start), end: new Date(w.end) }, baseline: { start: new Date(state.startedAt - t.spec.intervalMs - 60_000), end: new Date(now) }, route, minRequests: t.spec.minRequests, periodS: t.spec.metricPeriodS };
      return { analysis: await runAnalysis(t.spec.metrics, deps.providers, ctx, signal) };
    }
    case 'run-hooks': {
      const payload = { phase: state.phase.kind, cluster: t.cluster, service: t.stableService, revision: state.revision, releaseId: state.releaseId };
      return { hooks: await callWebhooks(action.which === 'pre-rollout' ? t.spec.preRollout : t.spec.postRollout, payload, signal) };
    }
    case 'wait': {
      const ms = action.until - clock.now().getTime();
      if (ms > 0) await clock.sleep(ms, signal);
      return {};
    }
    case 'done':
      return {};
  }
}
