// Pure: one line saying how far a service's rollout is (new revision's tasks running, old ones still draining), for progress messages.
import type { Service } from '@aws-sdk/client-ecs';

const rev = (td: string | undefined): string => td?.split('/').pop() ?? '?';

/** E.g. `shop-stable: shop:2 2/2 tasks running; shop:1 still has 2 tasks (draining)`. */
export function rolloutProgress(svc: Service, taskDefinition: string): string {
  const deployments = svc.deployments ?? [];
  const ours = deployments.find((d) => d.taskDefinition === taskDefinition);
  const parts = [`${rev(taskDefinition)} ${ours?.runningCount ?? 0}/${ours?.desiredCount ?? svc.desiredCount ?? 0} tasks running`];
  const old = deployments.filter((d) => d !== ours && (d.runningCount ?? 0) > 0);
  for (const d of old) parts.push(`${rev(d.taskDefinition)} still has ${d.runningCount} task(s) (draining)`);
  if (ours?.rolloutState === 'COMPLETED' && old.length === 0) parts.push('rollout complete');
  return `${svc.serviceName}: ${parts.join('; ')}`;
}
