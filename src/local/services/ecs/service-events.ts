// Service event messages in AWS's exact wording, and the event list rules (newest first, at most 100).
import { uuid } from '../../ids.js';
import type { ServiceEventRecord, ServiceRecord } from './ecs-state.js';

export const MAX_EVENTS = 100;
/** AWS does not repeat a message whose cause persists for six hours. */
export const REPOST_AFTER_MS = 6 * 60 * 60 * 1000;

const tasksList = (ids: readonly string[]): string => ids.map((id) => `(task ${id})`).join(' ');

export const messages = {
  started: (svc: string, ids: readonly string[], replacedUnhealthy: number): string =>
    `(service ${svc}) has started ${ids.length} tasks: ${tasksList(ids)}.` +
    (replacedUnhealthy > 0 ? ` Amazon ECS replaced ${replacedUnhealthy} tasks due to an unhealthy status.` : ''),
  stopped: (svc: string, ids: readonly string[]): string => `(service ${svc}) has stopped ${ids.length} running tasks: ${tasksList(ids)}.`,
  steadyState: (svc: string): string => `(service ${svc}) has reached a steady state.`,
  deploymentCompleted: (svc: string, deploymentId: string): string => `(service ${svc}) (deployment ${deploymentId}) deployment completed.`,
  deploymentFailed: (svc: string, deploymentId: string): string =>
    `(service ${svc}) (deployment ${deploymentId}) deployment failed: tasks failed to start.`,
  rollingBack: (svc: string, deploymentId: string): string => `(service ${svc}) rolling back to deployment ${deploymentId}.`,
  stuck: (svc: string): string =>
    `(service ${svc}) was unable to stop or start tasks during a deployment because of the service deployment configuration. Update the minimumHealthyPercent or maximumPercent value and try again.`,
  registered: (svc: string, n: number, tg: string): string => `(service ${svc}) registered ${n} targets in (target-group ${tg})`,
  deregistered: (svc: string, n: number, tg: string): string => `(service ${svc}) deregistered ${n} targets in (target-group ${tg})`,
  draining: (svc: string, n: number): string => `(service ${svc}) has begun draining connections on ${n} tasks.`,
  containerUnhealthy: (svc: string, taskId: string): string => `(service ${svc}) (task ${taskId}) failed container health checks.`,
  targetUnhealthy: (svc: string, taskId: string, port: number, tg: string, reason: string): string =>
    `(service ${svc}) (task ${taskId}) (port ${port}) is unhealthy in (target-group ${tg}) due to (reason ${reason}).`,
  unableToPlace: (svc: string, reason: string): string => `(service ${svc}) was unable to place a task. Reason: ${reason}.`,
} as const;

export const rolloutReasons = {
  inProgress: (id: string): string => `ECS deployment ${id} in progress.`,
  completed: (id: string): string => `ECS deployment ${id} completed.`,
  failed: 'ECS deployment circuit breaker: task failed to start.',
  rollingBack: (id: string): string => `ECS deployment circuit breaker: rolling back to deploymentId ${id}.`,
} as const;

export const stopReasons = {
  scaling: (deploymentId: string): string => `Scaling activity initiated by (deployment ${deploymentId})`,
  elbUnhealthy: (tg: string): string => `Task failed ELB health checks in (target-group ${tg})`,
  containerUnhealthy: 'Task failed container health checks',
  essentialExit: 'Essential container in task exited',
  user: 'Task stopped by user',
} as const;

/** Adds an event on top, keeping at most MAX_EVENTS. */
export function postEvent(svc: ServiceRecord, message: string, at: number): ServiceEventRecord {
  const event = { id: uuid(), createdAt: at, message };
  svc.events.unshift(event);
  if (svc.events.length > MAX_EVENTS) svc.events.length = MAX_EVENTS;
  return event;
}

/** Posts `message` unless the same notice is still standing (posted under six simulated hours ago). */
export function postNotice(svc: ServiceRecord, message: string, at: number, simulatedSince: (from: number) => number): boolean {
  const last = svc.notices[message];
  if (last !== undefined && simulatedSince(last) < REPOST_AFTER_MS) return false;
  svc.notices[message] = at;
  postEvent(svc, message, at);
  return true;
}

/** The cause went away: the next occurrence is posted at once. */
export function clearNotice(svc: ServiceRecord, message: string): void {
  delete svc.notices[message];
}
