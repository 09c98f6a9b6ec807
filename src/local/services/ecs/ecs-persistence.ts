// --state-dir support: the state is plain JSON; after a restart, live tasks start again as new processes.
import type { AddressPool } from '../../runtime/index.js';
import type { EcsState, TaskRecord } from './ecs-state.js';
import { emptyState } from './ecs-state.js';

export const snapshotState = (state: EcsState): unknown => JSON.parse(JSON.stringify(state)) as unknown;

const isStateShape = (v: unknown): v is EcsState =>
  typeof v === 'object' &&
  v !== null &&
  ['clusters', 'taskDefinitions', 'services', 'serviceDeployments', 'serviceRevisions', 'tasks'].every(
    (k) => typeof (v as Record<string, unknown>)[k] === 'object',
  );

/** Replaces the state in place (handlers hold a reference to the object). */
export function restoreState(target: EcsState, saved: unknown): void {
  if (!isStateShape(saved)) throw new Error('ECS state in the state file has an unexpected shape; move the file away to start empty');
  const fresh = { ...emptyState(), ...saved };
  for (const key of Object.keys(target) as (keyof EcsState)[]) delete target[key];
  Object.assign(target, fresh);
}

/** Takes the restored tasks' addresses out of the pool, so new tasks do not get them. */
export function reserveAddresses(pool: AddressPool, ips: readonly string[]): void {
  // Reserved directly: a restarted sandbox's pool starts elsewhere in 127/8 than the one that saved the state.
  for (const ip of ips) pool.reserve(ip);
}

/**
 * What happens to each restored task: those that were starting or running start again from PROVISIONING with new
 * processes (same id and address); those that were stopping are finished as STOPPED at once.
 */
export function restartPlan(
  tasks: readonly TaskRecord[],
  now: number,
): { readonly relaunch: TaskRecord[]; readonly finished: TaskRecord[] } {
  const relaunch: TaskRecord[] = [];
  const finished: TaskRecord[] = [];
  for (const t of tasks) {
    if (t.lastStatus === 'STOPPED') continue;
    if (t.desiredStatus === 'STOPPED') {
      t.lastStatus = 'STOPPED';
      t.stoppedAt = now;
      t.executionStoppedAt ??= now;
      t.attachmentStatus = 'DELETED';
      for (const c of t.containers) c.lastStatus = 'STOPPED';
      t.version += 1;
      finished.push(t);
      continue;
    }
    t.lastStatus = 'PROVISIONING';
    t.attachmentStatus = 'PRECREATED';
    t.healthStatus = 'UNKNOWN';
    for (const key of ['startedAt', 'pullStartedAt', 'pullStoppedAt', 'connectivityAt', 'healthySince'] as const) delete t[key];
    t.containers = t.containers.map((c) => ({
      ...c,
      lastStatus: 'PENDING',
      healthStatus: 'UNKNOWN',
      exitCode: undefined,
      reason: undefined,
    }));
    t.version += 1;
    relaunch.push(t);
  }
  return { relaunch, finished };
}
