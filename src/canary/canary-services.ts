// The ECS effects of a release: register the canary revision, update or scale a service, and read how its rollout is going.
import type { Service } from '@aws-sdk/client-ecs';
import { untilVisible } from '../aws/eventual-consistency.js';
import type { Clock } from '../core/clock.js';
import { UsageError } from '../core/errors.js';
import type { CanaryEcs } from './aws/canary-aws.js';
import type { RolloutObservation } from './canary-state.js';
import { deriveTaskDefinition, type RevisionChange } from './revision.js';

export { readTags, removeTags, writeTags } from '../ecs/service-tags.js';

export async function describeService(
  ecs: Pick<CanaryEcs, 'describeServices'>,
  cluster: string,
  service: string,
  signal: AbortSignal,
): Promise<Service> {
  const out = await ecs.describeServices({ cluster, services: [service] }, signal);
  const svc = out.services?.find((s) => s.status !== 'INACTIVE');
  if (!svc) throw new UsageError('CANARY_SERVICE_NOT_FOUND', `service ${service} was not found in cluster ${cluster}`);
  return svc;
}

/** Registers the stable service's current definition with the change; returns the new task definition ARN. */
export async function registerRevision(ecs: CanaryEcs, stable: Service, change: RevisionChange, signal: AbortSignal): Promise<string> {
  const td = (await ecs.describeTaskDefinition({ taskDefinition: stable.taskDefinition! }, signal)).taskDefinition;
  if (!td)
    throw new UsageError('CANARY_NO_TASK_DEFINITION', `task definition ${stable.taskDefinition} of ${stable.serviceName} was not found`);
  const lbContainer = stable.loadBalancers?.find((l) => l.containerName)?.containerName;
  const out = await ecs.registerTaskDefinition(deriveTaskDefinition(td, change, lbContainer), signal);
  return out.taskDefinition!.taskDefinitionArn!;
}

/** The release's revision was registered a moment ago: while ECS does not show it yet, the update is tried again. */
export async function deployRevision(
  ecs: CanaryEcs,
  clock: Clock,
  cluster: string,
  service: string,
  taskDefinition: string,
  desiredCount: number | undefined,
  signal: AbortSignal,
): Promise<void> {
  await untilVisible(true, clock, signal, () =>
    ecs.updateService({ cluster, service, taskDefinition, ...(desiredCount !== undefined ? { desiredCount } : {}) }, signal),
  );
}

export async function scaleService(
  ecs: CanaryEcs,
  cluster: string,
  service: string,
  desiredCount: number,
  signal: AbortSignal,
): Promise<void> {
  await ecs.updateService({ cluster, service, desiredCount }, signal);
}

/** Pure: is `service` running `taskDefinition` on all its desired tasks, still rolling, or failed (or rolled back by the circuit breaker)? */
export function rolloutOf(svc: Service, taskDefinition: string): RolloutObservation {
  const primary = svc.deployments?.find((d) => d.status === 'PRIMARY');
  if (!primary) return { kind: 'in-progress' };
  if (primary.taskDefinition !== taskDefinition) {
    const ours = svc.deployments?.find((d) => d.taskDefinition === taskDefinition);
    return ours
      ? { kind: 'in-progress' }
      : { kind: 'failed', reason: `${svc.serviceName} is running ${primary.taskDefinition}, not ${taskDefinition} (rolled back?)` };
  }
  if (primary.rolloutState === 'FAILED') return { kind: 'failed', reason: primary.rolloutStateReason ?? 'the deployment failed' };
  const others = (svc.deployments ?? []).filter((d) => d !== primary && (d.runningCount ?? 0) > 0);
  if (primary.rolloutState === 'COMPLETED' && others.length === 0 && (primary.runningCount ?? 0) >= (primary.desiredCount ?? 0))
    return { kind: 'ready' };
  return { kind: 'in-progress' };
}
