// The target health state machine (initial → healthy ⇄ unhealthy) and the State/Reason/Description AWS reports for it.
export type CheckResult =
  | { readonly kind: 'pass' }
  | { readonly kind: 'mismatch'; readonly code: number }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'error' };

export type CheckFailure = Exclude<CheckResult, { kind: 'pass' }>;

export type HealthStatus =
  /** The target group receives no traffic from any load balancer: targets are not checked. */
  | { readonly kind: 'unused' }
  | { readonly kind: 'initial'; readonly checking: boolean; readonly failures: number }
  | { readonly kind: 'healthy'; readonly failures: number }
  | { readonly kind: 'unhealthy'; readonly successes: number; readonly failure: CheckFailure };

export interface Thresholds {
  readonly healthy: number;
  readonly unhealthy: number;
}

export const INITIAL: HealthStatus = { kind: 'initial', checking: false, failures: 0 };

/**
 * One health check result applied to a status. A new target is healthy after one passing check (ALB User Guide:
 * "it must pass one health check to be considered healthy"); it turns unhealthy after UnhealthyThresholdCount
 * consecutive failures, from initial as from healthy (the initial case is our choice, see spec.md).
 */
export function nextHealth(status: HealthStatus, result: CheckResult, t: Thresholds): HealthStatus {
  const pass = result.kind === 'pass';
  switch (status.kind) {
    case 'unused':
      return status;
    case 'initial':
      if (pass) return { kind: 'healthy', failures: 0 };
      return status.failures + 1 >= t.unhealthy
        ? { kind: 'unhealthy', successes: 0, failure: result }
        : { kind: 'initial', checking: true, failures: status.failures + 1 };
    case 'healthy':
      if (pass) return status.failures === 0 ? status : { kind: 'healthy', failures: 0 };
      return status.failures + 1 >= t.unhealthy
        ? { kind: 'unhealthy', successes: 0, failure: result }
        : { kind: 'healthy', failures: status.failures + 1 };
    case 'unhealthy':
      if (!pass) return { kind: 'unhealthy', successes: 0, failure: result };
      return status.successes + 1 >= t.healthy
        ? { kind: 'healthy', failures: 0 }
        : { kind: 'unhealthy', successes: status.successes + 1, failure: status.failure };
  }
}

export interface TargetHealthOutput {
  readonly State: string;
  readonly Reason?: string;
  readonly Description?: string;
}

function failureOutput(f: CheckFailure): TargetHealthOutput {
  switch (f.kind) {
    case 'mismatch':
      return {
        State: 'unhealthy',
        Reason: 'Target.ResponseCodeMismatch',
        Description: `Health checks failed with these codes: [${f.code}]`,
      };
    case 'timeout':
      return { State: 'unhealthy', Reason: 'Target.Timeout', Description: 'Request timed out' };
    case 'error':
      return { State: 'unhealthy', Reason: 'Target.FailedHealthChecks', Description: 'Health checks failed' };
  }
}

export const NOT_REGISTERED: TargetHealthOutput = {
  State: 'unused',
  Reason: 'Target.NotRegistered',
  Description: 'Target is not registered to the target group',
};

/** DescribeTargetHealth's TargetHealth for a registered target. */
export function describeHealth(status: HealthStatus, draining: boolean, checksEnabled: boolean): TargetHealthOutput {
  if (draining)
    return { State: 'draining', Reason: 'Target.DeregistrationInProgress', Description: 'Target deregistration is in progress' };
  if (status.kind === 'unused') {
    return { State: 'unused', Reason: 'Target.NotInUse', Description: 'Given target group is not configured to receive traffic from ELB' };
  }
  if (!checksEnabled) return { State: 'unavailable', Reason: 'Target.HealthCheckDisabled', Description: 'Health checks are disabled' };
  switch (status.kind) {
    case 'initial':
      return status.checking
        ? { State: 'initial', Reason: 'Elb.InitialHealthChecking', Description: 'Initial health checks in progress' }
        : { State: 'initial', Reason: 'Elb.RegistrationInProgress', Description: 'Target registration is in progress' };
    case 'healthy':
      return { State: 'healthy' };
    case 'unhealthy':
      return failureOutput(status.failure);
  }
}
