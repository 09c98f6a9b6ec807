// The baseline as the ALB flow applies it: started with the canary, given the canary's share, judged at each analysis, removed at the end.
import { msg } from '../../core/io-host.js';
import type { CanaryState } from '../canary-state.js';
import type { AnalysisVerdict } from '../check-evaluation.js';
import { judge, judgementLines } from '../judge/judge-score.js';
import { withJudgement } from '../judge/judge-verdict.js';
import type { ReleaseDeps, ReleaseTarget } from '../release-context.js';
import type { ResolvedRoute } from '../routers/traffic-router.js';
import { readSamples, type SampleWindow } from './baseline-samples.js';
import { createBaselineService } from './baseline-service.js';

export interface BaselineEffects {
  /** The stable service's current revision at `tasks` (the canary's size), in the baseline service. */
  start(tasks: number, signal: AbortSignal): Promise<void>;
  /** The canary's weight was set: the baseline gets the same share (and size, when `tasks` is given). */
  share(canary: number, tasks: number | undefined, signal: AbortSignal): Promise<void>;
  remove(signal: AbortSignal): Promise<void>;
  /** The verdict with the comparison folded in; unchanged while the baseline takes no traffic (the 100% step). */
  judge(v: AnalysisVerdict, canaryWeight: number, window: SampleWindow, signal: AbortSignal): Promise<AnalysisVerdict>;
}

/** The canary weight the release serves now (the header step and promotion: none to compare). */
export function currentWeight(t: ReleaseTarget, s: CanaryState): number {
  if (s.phase.kind === 'progressing') return t.spec.steps[s.phase.step] ?? 0;
  if (s.phase.kind === 'awaiting-promotion') return t.spec.steps[t.spec.steps.length - 1] ?? 0;
  return 0;
}

/** `quiet`: no CANARY_JUDGE message (status reads the comparison; only the controller reports it). */
export function openBaseline(t: ReleaseTarget, deps: ReleaseDeps, route: ResolvedRoute, quiet = false): BaselineEffects | undefined {
  const spec = t.spec.baseline;
  if (!spec || t.spec.router.kind !== 'alb') return undefined;
  const rt = t.spec.router;
  const svc = createBaselineService(
    {
      cluster: t.cluster,
      stableService: t.stableService,
      canaryService: t.canaryService,
      baselineService: spec.service,
      canaryTargetGroupArn: route.canaryTargetGroupArn,
      stableTargetGroupArn: route.stableTargetGroupArn,
      ...(rt.listenerRuleArn ? { listenerRuleArn: rt.listenerRuleArn } : {}),
      ...(rt.listenerArn ? { listenerArn: rt.listenerArn } : {}),
    },
    deps.aws,
  );
  const say = (text: string, data: Record<string, unknown>) =>
    deps.io.notify(msg('info', 'CANARY_BASELINE_SET', text, { service: spec.service, ...data }));
  return {
    async start(tasks, signal) {
      const stable = (await deps.aws.ecs.describeServices({ cluster: t.cluster, services: [t.stableService] }, signal)).services?.[0];
      const revision = stable?.taskDefinition;
      if (!revision) return;
      const tg = await svc.ensure(revision, tasks, signal);
      say(`baseline ${spec.service}: ${revision} (the stable revision) at ${tasks} task(s), target group ${tg}`, {
        revision,
        tasks,
        targetGroup: tg,
      });
    },
    async share(canary, tasks, signal) {
      if (tasks !== undefined && canary > 0) {
        const stable = (await deps.aws.ecs.describeServices({ cluster: t.cluster, services: [t.stableService] }, signal)).services?.[0];
        if (stable?.taskDefinition) await svc.ensure(stable.taskDefinition, tasks, signal);
      }
      await svc.setShare(canary, signal);
    },
    async remove(signal) {
      const had = await svc.targetGroup(signal);
      await svc.remove(signal);
      if (had) say(`baseline ${spec.service} removed`, { removed: true });
    },
    async judge(v, w, window, signal) {
      if (Math.min(w, 100 - w) <= 0) return v;
      const tg = await svc.targetGroup(signal);
      if (!tg) return v;
      const samples = await readSamples(
        deps.aws.cloudwatch,
        { loadBalancerArn: route.loadBalancerArn, canaryTargetGroupArn: route.canaryTargetGroupArn, baselineTargetGroupArn: tg },
        spec.sources,
        spec.samplePeriodS,
        window,
        signal,
      );
      const j = judge(spec.judge, samples);
      if (!quiet) deps.io.notify(msg(j.status === 'fail' ? 'warn' : 'info', 'CANARY_JUDGE', judgementLines(j).join('\n'), { judge: j }));
      return withJudgement(v, j);
    },
  };
}
