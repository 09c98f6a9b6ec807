// Health as ECS judges it: a container health check's state machine, the task's healthStatus, and the scheduler's verdict.
import type { TargetHealthState } from '../../env.js';

export type HealthStatus = 'HEALTHY' | 'UNHEALTHY' | 'UNKNOWN';

export interface HealthCheckSettings {
  readonly intervalS: number;
  readonly timeoutS: number;
  readonly retries: number;
  readonly startPeriodS: number;
}

export interface CheckState {
  readonly status: HealthStatus;
  readonly consecutiveFailures: number;
}

export const INITIAL_CHECK: CheckState = { status: 'UNKNOWN', consecutiveFailures: 0 };

/**
 * One check result. Inside startPeriod failures do not count, but a success makes the container healthy;
 * after it, `retries` consecutive failures make it unhealthy, and any success makes it healthy again. [API:ECS HealthCheck]
 */
export function nextCheckState(prev: CheckState, passed: boolean, inStartPeriod: boolean, retries: number): CheckState {
  if (passed) return { status: 'HEALTHY', consecutiveFailures: 0 };
  if (inStartPeriod) return prev;
  const failures = prev.consecutiveFailures + 1;
  return { status: failures >= retries ? 'UNHEALTHY' : prev.status, consecutiveFailures: failures };
}

/** The task's healthStatus from its essential containers that have a health check. [API:ECS HealthCheck] */
export function taskHealthStatus(
  containers: readonly { readonly essential: boolean; readonly hasCheck: boolean; readonly status: HealthStatus }[],
): HealthStatus {
  const checked = containers.filter((c) => c.essential && c.hasCheck);
  if (checked.length === 0) return 'UNKNOWN';
  if (checked.some((c) => c.status === 'UNHEALTHY')) return 'UNHEALTHY';
  if (checked.some((c) => c.status === 'UNKNOWN')) return 'UNKNOWN';
  return 'HEALTHY';
}

/** Without a load balancer or container health check, a task counts as healthy this long after it reaches RUNNING. */
export const RUNNING_HEALTHY_AFTER_MS = 40_000;

/**
 * ... and, whatever the clock's speed, after its processes have stayed up this long in real time. Simulated time compresses
 * the sandbox's waits but not a process's own start-up: at --speed 30, 40 simulated seconds are 1.3 real ones, and an app
 * that crashes 2 s after starting (or one slowed by a loaded machine) would otherwise count as healthy before it crashes,
 * and its crash would no longer count for the circuit breaker.
 */
export const STARTUP_SURVIVAL_REAL_MS = 5_000;

export interface TargetObservation {
  readonly targetGroupArn: string;
  readonly port: number;
  readonly state: TargetHealthState | undefined;
}

export interface HealthJudgement {
  readonly running: boolean;
  /** Simulated ms since the task reached RUNNING. */
  readonly sinceRunningMs: number;
  /** Real ms since the task reached RUNNING. */
  readonly sinceRunningRealMs: number;
  readonly hasContainerCheck: boolean;
  readonly taskHealth: HealthStatus;
  readonly targets: readonly TargetObservation[];
  /** healthCheckGracePeriodSeconds in simulated ms. */
  readonly graceMs: number;
}

export type SchedulerHealth =
  | { readonly kind: 'healthy' }
  | { readonly kind: 'waiting' }
  | { readonly kind: 'unhealthy'; readonly cause: 'container' }
  | { readonly kind: 'unhealthy'; readonly cause: 'elb'; readonly targetGroupArn: string; readonly port: number };

/** The table of [API:ECS DeploymentConfiguration.minimumHealthyPercent], with the grace period applied to unhealthy results. */
export function judgeHealth(j: HealthJudgement): SchedulerHealth {
  if (!j.running) return { kind: 'waiting' };
  const inGrace = j.sinceRunningMs < j.graceMs;
  if (!inGrace && j.hasContainerCheck && j.taskHealth === 'UNHEALTHY') return { kind: 'unhealthy', cause: 'container' };
  const failing = j.targets.find((t) => t.state === 'unhealthy');
  if (!inGrace && failing) return { kind: 'unhealthy', cause: 'elb', targetGroupArn: failing.targetGroupArn, port: failing.port };
  if (!j.hasContainerCheck && j.targets.length === 0)
    return j.sinceRunningMs >= RUNNING_HEALTHY_AFTER_MS && j.sinceRunningRealMs >= STARTUP_SURVIVAL_REAL_MS
      ? { kind: 'healthy' }
      : { kind: 'waiting' };
  const containerOk = !j.hasContainerCheck || j.taskHealth === 'HEALTHY';
  const targetsOk = j.targets.every((t) => t.state === 'healthy');
  return containerOk && targetsOk ? { kind: 'healthy' } : { kind: 'waiting' };
}
