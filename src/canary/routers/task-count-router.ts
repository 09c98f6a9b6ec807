// Task-count backend (no load balancer, e.g. queue workers): the canary's share is its running tasks against stable's.
import type { Service } from '@aws-sdk/client-ecs';
import { UsageError } from '../../core/errors.js';
import { readTags, removeTags, writeTags } from '../../ecs/service-tags.js';
import type { CanaryEcs } from '../aws/canary-aws.js';
import { fromForwardWeights, type Weights } from '../step-weights.js';
import type { RolloutTarget, TrafficRouter } from './traffic-router.js';

export type TaskCountEcs = Pick<CanaryEcs, 'describeServices' | 'updateService' | 'listTagsForResource' | 'tagResource' | 'untagResource'>;

/** The stable service's desired count when the release started, kept on the canary service until 100% is back on stable. */
export const TOTAL_TAG = 'cortado:canary:tasks';

export interface TaskSplit {
  readonly stable: number;
  readonly canary: number;
}

/**
 * Pure: the desired counts for a canary weight. The canary gets round(total × weight / 100) tasks (halves round up),
 * at least 1 for any weight above 0; stable gets the rest but never fewer than 1 task, so with a total of 1 (or at
 * 100%) the canary is capped at total − 1 and, for a total of 1, the release runs one task of each (two in all).
 * Weight 0 is stable at its full size and no canary.
 */
export function taskSplit(total: number, canaryWeight: number): TaskSplit {
  if (canaryWeight <= 0) return { stable: total, canary: 0 };
  if (total <= 1) return { stable: 1, canary: 1 };
  const canary = Math.min(total - 1, Math.max(1, Math.round((total * canaryWeight) / 100)));
  return { stable: total - canary, canary };
}

/** Pure: the share the running tasks give (percent); both zero is "no traffic" (0/0). */
export const runningShare = (stableRunning: number, canaryRunning: number): Weights => fromForwardWeights(stableRunning, canaryRunning);

export const encodeTotal = (total: number): string => `total=${total}`;

export function decodeTotal(value: string | undefined): number | undefined {
  const m = /^total=(\d+)$/.exec(value ?? '');
  return m ? Number(m[1]) : undefined;
}

async function service(ecs: TaskCountEcs, cluster: string, name: string, signal: AbortSignal, hint?: string): Promise<Service> {
  const svc = (await ecs.describeServices({ cluster, services: [name] }, signal)).services?.find((s) => s.status !== 'INACTIVE');
  if (!svc) throw new UsageError('CANARY_SERVICE_NOT_FOUND', `service ${name} was not found in cluster ${cluster}`, hint);
  return svc;
}

const canaryOf = (t: RolloutTarget): string => t.canaryService ?? `${t.stableService}-canary`;

/** Records the stable service's desired count as the release's total (a new release always records it afresh). */
export async function recordTotal(ecs: TaskCountEcs, t: RolloutTarget, signal: AbortSignal): Promise<number> {
  const [stable, canary] = await Promise.all([
    service(ecs, t.cluster, t.stableService, signal),
    service(ecs, t.cluster, canaryOf(t), signal),
  ]);
  const total = stable.desiredCount ?? 0;
  await writeTags(ecs, canary.serviceArn!, [{ key: TOTAL_TAG, value: encodeTotal(total) }], signal);
  return total;
}

/** The release's total: as recorded, or (nothing recorded: no release moved tasks yet) the stable service's desired count. */
export async function readTotal(ecs: TaskCountEcs, t: RolloutTarget, signal: AbortSignal): Promise<{ total: number; canaryArn: string }> {
  const [stable, canary] = await Promise.all([
    service(ecs, t.cluster, t.stableService, signal),
    service(ecs, t.cluster, canaryOf(t), signal),
  ]);
  const recorded = decodeTotal((await readTags(ecs, canary.serviceArn!, signal)).find((x) => x.key === TOTAL_TAG)?.value);
  return { total: recorded ?? stable.desiredCount ?? 0, canaryArn: canary.serviceArn! };
}

export function createTaskCountRouter(ecs: TaskCountEcs): TrafficRouter {
  return {
    kind: 'tasks',
    /** Both services must exist and stable must run something to split; nothing is changed. */
    async reconcile(t, signal) {
      const canary = canaryOf(t);
      const [stable] = await Promise.all([
        service(ecs, t.cluster, t.stableService, signal),
        service(
          ecs,
          t.cluster,
          canary,
          signal,
          `create ${canary} like ${t.stableService} (same network and capacity provider) with desiredCount 0 first`,
        ),
      ]);
      // Stable keeps at least 1 task throughout a release, so this holds on resume too.
      if ((stable.desiredCount ?? 0) < 1)
        throw new UsageError(
          'CANARY_TASKS_NO_STABLE',
          `${t.stableService} has desiredCount 0: router tasks splits the stable service's tasks, so there is nothing to split`,
          'scale the stable service to at least 1 task before starting a release',
        );
      return {
        loadBalancerArn: '',
        stableTargetGroupArn: '',
        canaryTargetGroupArn: '',
        services: { cluster: t.cluster, stable: t.stableService, canary },
      };
    },
    /**
     * Sizes the canary first (more capacity before stable shrinks; at 0, the canary's revision stops first), then stable.
     * At 0% the release's total is forgotten: stable is back to its size and the next release records it afresh.
     */
    async setWeights(t, w: Weights, signal) {
      const { total, canaryArn } = await readTotal(ecs, t, signal);
      const split = taskSplit(total, w.canary);
      await ecs.updateService({ cluster: t.cluster, service: canaryOf(t), desiredCount: split.canary }, signal);
      await ecs.updateService({ cluster: t.cluster, service: t.stableService, desiredCount: split.stable }, signal);
      if (w.canary <= 0) await removeTags(ecs, canaryArn, [TOTAL_TAG], signal);
    },
    /** The share the running tasks give now (not the desired one: tasks take a while to start and stop). */
    async getWeights(t, signal) {
      const [stable, canary] = await Promise.all([
        service(ecs, t.cluster, t.stableService, signal),
        service(ecs, t.cluster, canaryOf(t), signal),
      ]);
      return runningShare(stable.runningCount ?? 0, canary.runningCount ?? 0);
    },
  };
}
