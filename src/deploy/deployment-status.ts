// Pure decisions while waiting: what a service deployment's status means, when the service is stable, what to print.
import type { Deployment, Service, ServiceDeployment, ServiceEvent } from '@aws-sdk/client-ecs';
import { taskDefinitionName } from './service-lookup.js';

export type Outcome =
  | { readonly kind: 'in-progress' }
  | { readonly kind: 'rolling-back'; readonly reason: string }
  | { readonly kind: 'succeeded' }
  | { readonly kind: 'failed'; readonly reason: string; readonly rolledBack: boolean };

/** Pure: how many failed tasks tripped the circuit breaker, for the failure message. */
export function breakerNote(sd: Pick<ServiceDeployment, 'deploymentCircuitBreaker'>): string {
  const cb = sd.deploymentCircuitBreaker;
  if (cb?.status !== 'TRIGGERED' || cb.threshold === undefined) return '';
  const n = cb.failureCount ?? 0;
  return ` (circuit breaker: ${n} failed task${n === 1 ? '' : 's'}, threshold ${cb.threshold})`;
}

export function deploymentOutcome(
  sd: Pick<ServiceDeployment, 'status' | 'statusReason' | 'rollback' | 'deploymentCircuitBreaker'>,
): Outcome {
  const reason = `${sd.rollback?.reason ?? sd.statusReason ?? 'no reason given'}${breakerNote(sd)}`;
  switch (sd.status) {
    case 'SUCCESSFUL':
      return { kind: 'succeeded' };
    case 'ROLLBACK_REQUESTED':
    case 'ROLLBACK_IN_PROGRESS':
      return { kind: 'rolling-back', reason };
    case 'ROLLBACK_SUCCESSFUL':
      return { kind: 'failed', reason, rolledBack: true };
    case 'ROLLBACK_FAILED':
      return { kind: 'failed', reason: `${reason} (the rollback failed too)`, rolledBack: false };
    case 'STOPPED':
      return { kind: 'failed', reason: `${sd.statusReason ?? 'the deployment was stopped'}${breakerNote(sd)}`, rolledBack: false };
    default:
      return { kind: 'in-progress' };
  }
}

/**
 * Pure: a deployment that succeeded by its early success criteria while the service is not yet stable (the rest of the
 * target tasks still starting, or, with DEFERRED cleanup, the previous tasks still running) — what to tell the user.
 */
export function earlySuccess(
  sd: Pick<ServiceDeployment, 'deploymentConfiguration'>,
  svc: Pick<Service, 'deployments' | 'runningCount' | 'desiredCount'>,
): string | undefined {
  const c = sd.deploymentConfiguration?.earlySuccessCriteria;
  if (!c?.enable || serviceStable(svc)) return undefined;
  const primary = svc.deployments?.find((d) => d.status === 'PRIMARY');
  const others = (svc.deployments?.length ?? 1) - 1;
  return (
    `early success criteria met (${c.healthyPercent ?? 100}% healthy, ${c.sourceServiceRevisionCleanup ?? 'BLOCKING'} cleanup) ` +
    `with ${primary?.runningCount ?? 0}/${svc.desiredCount ?? 0} new tasks running` +
    `${others > 0 ? ` and ${others} previous deployment${others === 1 ? '' : 's'} still draining` : ''}; ECS finishes the rollout in the background`
  );
}

/** The AWS CLI's services-stable: one deployment left and every desired task running. */
export const serviceStable = (svc: Pick<Service, 'deployments' | 'runningCount' | 'desiredCount'>): boolean =>
  (svc.deployments?.length ?? 0) === 1 && svc.runningCount === svc.desiredCount;

/**
 * Whether DescribeServiceDeployments can tell us more than DescribeServices just did: only once the tracked deployment
 * is no longer an in-progress PRIMARY (finished, failed, or replaced by a rollback).
 */
export function needsDeploymentCheck(svc: Pick<Service, 'deployments'>, deploymentId: string | undefined): boolean {
  if (!deploymentId) return true;
  const d = svc.deployments?.find((x) => x.id === deploymentId);
  return !d || d.status !== 'PRIMARY' || (d.rolloutState !== undefined && d.rolloutState !== 'IN_PROGRESS');
}

function deploymentPart(d: Deployment): string {
  const pending = d.pendingCount ? `, ${d.pendingCount} pending` : '';
  const failed = d.failedTasks ? `, ${d.failedTasks} failed` : '';
  const state = d.rolloutState ? ` ${d.rolloutState}` : '';
  return `${d.status} ${taskDefinitionName(d.taskDefinition)} ${d.runningCount ?? 0}/${d.desiredCount ?? 0} running${pending}${failed}${state}`;
}

/** One line for the whole service: PRIMARY first, then the deployments it replaces. */
export function progressLine(svc: Pick<Service, 'deployments' | 'runningCount' | 'desiredCount'>): string {
  const ds = [...(svc.deployments ?? [])].sort((a, b) => (a.status === 'PRIMARY' ? -1 : b.status === 'PRIMARY' ? 1 : 0));
  return `${svc.runningCount ?? 0}/${svc.desiredCount ?? 0} tasks running | ${ds.map(deploymentPart).join(' | ')}`;
}

/** Events not printed yet and not older than `since`, oldest first (DescribeServices lists newest first). */
export function newEvents(events: readonly ServiceEvent[] | undefined, seen: ReadonlySet<string>, since: Date): ServiceEvent[] {
  return (events ?? [])
    .filter((e) => e.id !== undefined && !seen.has(e.id) && (e.createdAt ? e.createdAt.getTime() >= since.getTime() : true))
    .sort((a, b) => (a.createdAt?.getTime() ?? 0) - (b.createdAt?.getTime() ?? 0));
}

export const formatEvent = (e: ServiceEvent): string => `${e.createdAt ? e.createdAt.toISOString() : '-'} ${e.message ?? ''}`;
