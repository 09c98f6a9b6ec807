// EC2 launch type: which container instance a task goes on (free CPU and memory, binpack/spread/random), decided purely.
import { arn } from '../../ids.js';
import type { EcsContext } from './ecs-context.js';
import type { ContainerInstanceRecord, Json, TaskDefinitionRecord, TaskRecord } from './ecs-state.js';

export interface Resources {
  readonly cpu: number;
  readonly memory: number;
}

export const containerInstanceArn = (ctx: EcsContext, cluster: string, id: string): string =>
  arn('ecs', ctx.scope.region, ctx.scope.accountId, `container-instance/${cluster}/${id}`);

const num = (v: unknown): number => (typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : 0);

/** What a task reserves: the task-level cpu/memory, else the sum of its containers' (memory, else memoryReservation). */
export function taskNeeds(td: TaskDefinitionRecord, overrides: Json = {}): Resources {
  const defs = (td.body.containerDefinitions as Json[] | undefined) ?? [];
  const cpu = num(overrides.cpu ?? td.body.cpu) || defs.reduce((s, d) => s + num(d.cpu), 0);
  const memory = num(overrides.memory ?? td.body.memory) || defs.reduce((s, d) => s + (num(d.memory) || num(d.memoryReservation)), 0);
  return { cpu, memory };
}

const holdsResources = (t: TaskRecord) => t.lastStatus !== 'STOPPED' && t.lastStatus !== 'DEPROVISIONING';

/** Tasks on a container instance that still hold its resources. */
export const tasksOn = (ctx: EcsContext, ci: ContainerInstanceRecord): TaskRecord[] =>
  Object.values(ctx.state.tasks).filter((t) => t.containerInstanceArn === ci.arn && holdsResources(t));

export function remainingOf(ctx: EcsContext, ci: ContainerInstanceRecord, needsOf: (t: TaskRecord) => Resources): Resources {
  return tasksOn(ctx, ci).reduce(
    (left, t) => {
      const n = needsOf(t);
      return { cpu: left.cpu - n.cpu, memory: left.memory - n.memory };
    },
    { cpu: ci.cpu, memory: ci.memory },
  );
}

export interface Candidate {
  readonly arn: string;
  readonly availabilityZone: string;
  readonly remaining: Resources;
  /** Tasks of the same group (service or family) already on the instance. */
  readonly groupTasks: number;
  /** Tasks of the same group in the instance's zone. */
  readonly zoneGroupTasks: number;
}

export type Placement =
  | { readonly kind: 'placed'; readonly arn: string }
  | { readonly kind: 'failed'; readonly failures: ReadonlyArray<{ readonly arn: string; readonly reason: string }> };

/**
 * Picks an instance with room for `need`. Strategies as ECS takes them: `binpack` (least remaining of the field),
 * `spread` (fewest tasks of the group per zone or instance), `random`; with none, spread over zones then instances.
 */
export function place(candidates: readonly Candidate[], need: Resources, strategy: readonly Json[] = []): Placement {
  const fits = candidates.filter((c) => c.remaining.cpu >= need.cpu && c.remaining.memory >= need.memory);
  if (fits.length === 0)
    return {
      kind: 'failed',
      failures: candidates.map((c) => ({ arn: c.arn, reason: c.remaining.cpu < need.cpu ? 'RESOURCE:CPU' : 'RESOURCE:MEMORY' })),
    };
  const steps =
    strategy.length > 0
      ? strategy
      : [
          { type: 'spread', field: 'attribute:ecs.availability-zone' },
          { type: 'spread', field: 'instanceId' },
        ];
  const key = (c: Candidate): number[] =>
    steps.map((s) => {
      const field = String(s.field ?? '').toLowerCase();
      if (s.type === 'binpack') return field === 'cpu' ? c.remaining.cpu : c.remaining.memory;
      if (s.type === 'spread') return field === 'instanceid' || field === 'host' ? c.groupTasks : c.zoneGroupTasks;
      return Math.random();
    });
  const best = [...fits].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! - kb[i]!;
    return a.arn < b.arn ? -1 : 1;
  })[0]!;
  return { kind: 'placed', arn: best.arn };
}

/**
 * Places a task of `group` on the cluster's ACTIVE container instances; undefined when the cluster has none (the
 * sandbox then runs the task unplaced, as it did before container instances were emulated).
 */
export function placeTask(
  ctx: EcsContext,
  cluster: string,
  group: string,
  need: Resources,
  needsOf: (t: TaskRecord) => Resources,
  strategy?: readonly Json[],
): Placement | undefined {
  const instances = Object.values(ctx.state.containerInstances).filter((ci) => ci.clusterName === cluster && ci.status === 'ACTIVE');
  const live = instances.filter((ci) => {
    const state = ctx.env.seams.network?.instance(ci.ec2InstanceId)?.state;
    return state === undefined || state === 'pending' || state === 'running';
  });
  if (instances.length === 0) return undefined;
  if (live.length === 0) return { kind: 'failed', failures: instances.map((ci) => ({ arn: ci.arn, reason: 'AGENT' })) };
  const candidates: Candidate[] = live.map((ci) => {
    const mine = tasksOn(ctx, ci).filter((t) => t.group === group).length;
    const zone = live
      .filter((o) => o.availabilityZone === ci.availabilityZone)
      .reduce((s, o) => s + tasksOn(ctx, o).filter((t) => t.group === group).length, 0);
    return {
      arn: ci.arn,
      availabilityZone: ci.availabilityZone,
      remaining: remainingOf(ctx, ci, needsOf),
      groupTasks: mine,
      zoneGroupTasks: zone,
    };
  });
  return place(candidates, need, strategy);
}

/** The service event ECS posts when no container instance has room (it keeps trying on later passes). */
export function unableToPlaceMessage(service: string, failures: ReadonlyArray<{ readonly arn: string; readonly reason: string }>): string {
  const first = failures[0];
  if (!first) return `(service ${service}) was unable to place a task because no container instances were found in your cluster.`;
  const id = first.arn.slice(first.arn.lastIndexOf('/') + 1);
  const what =
    first.reason === 'RESOURCE:CPU'
      ? 'has insufficient CPU units available'
      : first.reason === 'RESOURCE:MEMORY'
        ? 'has insufficient memory available'
        : 'is not connected';
  return `(service ${service}) was unable to place a task because no container instance met all of its requirements. The closest matching (container-instance ${id}) ${what}. For more information, see the Troubleshooting section.`;
}
