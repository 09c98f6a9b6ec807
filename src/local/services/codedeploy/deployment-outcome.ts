// How a deployment ends when it does not succeed: Failed or Stopped, and the rollback that sends traffic back to blue.
import { upperId } from '../../ids.js';
import type { BlueGreenDeps } from './ecs-blue-green.js';
import { listenersOf, pairOf, route } from './ecs-blue-green.js';
import type { DeploymentRecord, Json } from './codedeploy-state.js';

/** A deployment id as CodeDeploy writes it: d- and nine upper-case letters and digits. */
export const deploymentId = (): string => upperId('d-', 11);

function closeLifecycle(d: DeploymentRecord, failed: boolean, at: number): void {
  for (const e of d.lifecycle) {
    if (e.status === 'InProgress') {
      e.status = failed ? 'Failed' : 'Skipped';
      e.endTime = at;
    } else if (e.status === 'Pending') e.status = 'Skipped';
  }
}

async function call(deps: BlueGreenDeps, service: string, op: string, input: Json): Promise<void> {
  await deps.env.seams.caller?.call(service, op, input);
}

/**
 * [DG:"Redeploy and roll back a deployment with CodeDeploy"]: a rollback is a new deployment (creator autoRollback)
 * that redeploys the last good revision; for ECS that means production and test traffic back on the original task set,
 * which becomes PRIMARY again, and the replacement task set deleted. Without a rollback the replacement stays as it is.
 */
export async function rollBack(deps: BlueGreenDeps, d: DeploymentRecord, enabled: boolean, why: 'failed' | 'stopped'): Promise<void> {
  const now = deps.now();
  closeLifecycle(d, why === 'failed', now);
  d.completedAt = now;
  d.phase = 'done';
  const t = d.target;
  if (!enabled || !t) return;
  const rollbackId = deploymentId();
  t.blue.trafficWeight = 100;
  t.green.trafficWeight = 0;
  const pair = pairOf(d);
  for (const l of [...listenersOf(pair, 'prodTrafficRoute'), ...listenersOf(pair, 'testTrafficRoute')])
    await route(deps.env, l, [t.blue, t.green]).catch(() => undefined);
  if (t.blue.taskSetId)
    await call(deps, 'ecs', 'UpdateServicePrimaryTaskSet', {
      cluster: t.cluster,
      service: t.service,
      primaryTaskSet: t.blue.taskSetId,
    }).catch(() => undefined);
  if (t.green.taskSetId)
    await call(deps, 'ecs', 'DeleteTaskSet', { cluster: t.cluster, service: t.service, taskSet: t.green.taskSetId, force: true }).catch(
      () => undefined,
    );
  d.rollbackInfo = {
    rollbackDeploymentId: rollbackId,
    rollbackMessage: `Deployment ${d.id} was ${why === 'failed' ? 'failed' : 'stopped'} and rolled back by deployment ${rollbackId}: traffic is back on the original task set.`,
  };
  const { errorInformation: _e, stopRequest: _s, ...rest } = d;
  deps.state.deployments[rollbackId] = {
    ...rest,
    id: rollbackId,
    creator: 'autoRollback',
    status: 'Succeeded',
    createdAt: now,
    startedAt: now,
    completedAt: now,
    updatedAt: now,
    phase: 'done',
    lifecycle: d.lifecycle.map((e) => ({ name: e.name, status: 'Succeeded', startTime: now, endTime: now })),
    rollbackInfo: { rollbackTriggeringDeploymentId: d.id, rollbackMessage: `Rollback of deployment ${d.id}.` },
    target: { ...t, blue: { ...t.blue, trafficWeight: 100 }, green: { ...t.green, trafficWeight: 0 } },
  };
}

export async function failDeployment(deps: BlueGreenDeps, d: DeploymentRecord, code: string, message: string): Promise<void> {
  d.status = 'Failed';
  d.errorInformation = { code, message };
  const events = d.autoRollback.events;
  await rollBack(deps, d, d.autoRollback.enabled && events.includes('DEPLOYMENT_FAILURE'), 'failed');
}
