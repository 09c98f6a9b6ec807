// What every ECS handler works with: the state, ARN scope, clock, and lookups that answer AWS's not-found errors.
import type { SandboxEnv } from '../../env.js';
import type { ClusterRecord, EcsState, ServiceRecord, StopCause, TaskDefinitionRecord, TaskRecord, TaskStopCode } from './ecs-state.js';
import { serviceKey } from './ecs-state.js';
import { clientError, clusterNotFound, serviceNotFound } from './ecs-errors.js';
import { type ArnScope, clusterNameOf, serviceRefOf, taskDefinitionRefOf } from './ecs-names.js';

/** The effects handlers ask for: task processes and the scheduler live behind this. */
export interface TaskEngine {
  /** The task's own loopback address (awsvpc-like); throws when the pool is exhausted. */
  allocateAddress(): string;
  launch(task: TaskRecord): void;
  stop(task: TaskRecord, stop: { readonly code: TaskStopCode; readonly reason: string; readonly cause: StopCause }): void;
  /** Asks the scheduler to look at the services soon (after a change). */
  kick(): void;
}

export interface EcsContext {
  readonly env: SandboxEnv;
  readonly scope: ArnScope;
  readonly state: EcsState;
  readonly engine: TaskEngine;
  now(): number;
  visible(rec: { readonly stamp: number }): boolean;
}

/** An ACTIVE, visible cluster, or ClusterNotFoundException. */
export function findCluster(ctx: EcsContext, ref: unknown): ClusterRecord {
  const c = ctx.state.clusters[clusterNameOf(ref)];
  if (!c || c.status !== 'ACTIVE' || !ctx.visible(c)) throw clusterNotFound();
  return c;
}

/** A service of the cluster in any status (DRAINING/INACTIVE included), or undefined. */
export function lookupService(ctx: EcsContext, cluster: string, ref: string): ServiceRecord | undefined {
  const { cluster: fromArn, name } = serviceRefOf(ref);
  if (fromArn !== undefined && fromArn !== cluster) return undefined;
  const s = ctx.state.services[serviceKey(cluster, name)];
  return s && ctx.visible(s) ? s : undefined;
}

export function findService(ctx: EcsContext, cluster: string, ref: string): ServiceRecord {
  const s = lookupService(ctx, cluster, ref);
  if (!s) throw serviceNotFound();
  return s;
}

/** `family` means its latest ACTIVE revision; `family:rev` and ARNs mean that revision in any status. */
export function lookupTaskDefinition(ctx: EcsContext, ref: string): TaskDefinitionRecord | undefined {
  const parsed = taskDefinitionRefOf(ref);
  if (!parsed) return undefined;
  const revisions = (ctx.state.taskDefinitions[parsed.family] ?? []).filter((r) => ctx.visible(r));
  if (parsed.revision === undefined) return [...revisions].reverse().find((r) => r.status === 'ACTIVE');
  return revisions.find((r) => r.revision === parsed.revision);
}

/** A task definition that new tasks may use (RunTask/CreateService/UpdateService). */
export function runnableTaskDefinition(ctx: EcsContext, ref: string): TaskDefinitionRecord {
  const td = lookupTaskDefinition(ctx, ref);
  if (!td || td.status === 'DELETE_IN_PROGRESS') throw clientError('TaskDefinition not found.');
  if (td.status !== 'ACTIVE') throw clientError(`TaskDefinition is inactive`);
  return td;
}

export const tasksOfCluster = (ctx: EcsContext, cluster: string): TaskRecord[] =>
  Object.values(ctx.state.tasks).filter((t) => t.clusterName === cluster);

export const tasksOfService = (ctx: EcsContext, svc: ServiceRecord): TaskRecord[] =>
  Object.values(ctx.state.tasks).filter((t) => t.clusterName === svc.clusterName && t.serviceName === svc.name);

/** The task definition an ARN names, whatever its status or visibility (for tasks and deployments that already use it). */
export function taskDefinitionByArn(ctx: EcsContext, arn: string): TaskDefinitionRecord | undefined {
  const parsed = taskDefinitionRefOf(arn);
  if (!parsed || parsed.revision === undefined) return undefined;
  return ctx.state.taskDefinitions[parsed.family]?.[parsed.revision - 1];
}
