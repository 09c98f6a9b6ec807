// Target group health check settings: AWS's defaults by target type and protocol, and the checks CreateTargetGroup/ModifyTargetGroup make.
import { validation } from './elbv2-errors.js';
import type { HealthCheckConfig, TargetType } from './elbv2-state.js';
import { parseHttpCodes } from './status-matcher.js';

/** ALB User Guide defaults (timeout 5 s for instance/ip; lambda 35/30/5/2). */
export function healthCheckDefaults(
  targetType: TargetType,
  protocol: string | undefined,
  protocolVersion: string | undefined,
): HealthCheckConfig {
  const grpc = protocolVersion === 'GRPC';
  if (targetType === 'lambda') {
    return {
      enabled: false,
      protocol: 'HTTP',
      port: 'traffic-port',
      path: '/',
      intervalSeconds: 35,
      timeoutSeconds: 30,
      healthyThreshold: 5,
      unhealthyThreshold: 2,
      matcher: { HttpCode: '200' },
    };
  }
  return {
    enabled: true,
    protocol: protocol ?? 'HTTP',
    port: 'traffic-port',
    path: grpc ? '/AWS.ALB/healthcheck' : '/',
    intervalSeconds: 30,
    timeoutSeconds: 5,
    healthyThreshold: 5,
    unhealthyThreshold: 2,
    matcher: grpc ? { GrpcCode: '12' } : { HttpCode: '200' },
  };
}

export interface HealthCheckInput {
  readonly HealthCheckEnabled?: unknown;
  readonly HealthCheckProtocol?: unknown;
  readonly HealthCheckPort?: unknown;
  readonly HealthCheckPath?: unknown;
  readonly HealthCheckIntervalSeconds?: unknown;
  readonly HealthCheckTimeoutSeconds?: unknown;
  readonly HealthyThresholdCount?: unknown;
  readonly UnhealthyThresholdCount?: unknown;
  readonly Matcher?: unknown;
}

function checkPort(port: string): void {
  if (port === 'traffic-port') return;
  const n = Number(port);
  if (!/^\d+$/.test(port) || n < 1 || n > 65535)
    throw validation(`Health check port '${port}' must be 'traffic-port' or a port number between 1 and 65535`);
}

/** Applies the given settings over `base` and validates the result as a whole (timeout below interval, matcher, ...). */
export function applyHealthCheck(
  base: HealthCheckConfig,
  input: HealthCheckInput,
  targetType: TargetType,
  protocolVersion: string | undefined,
): HealthCheckConfig {
  const matcher = input.Matcher as { HttpCode?: string; GrpcCode?: string } | undefined;
  const next: HealthCheckConfig = {
    enabled: (input.HealthCheckEnabled as boolean | undefined) ?? base.enabled,
    protocol: (input.HealthCheckProtocol as string | undefined) ?? base.protocol,
    port: (input.HealthCheckPort as string | undefined) ?? base.port,
    path: (input.HealthCheckPath as string | undefined) ?? base.path,
    intervalSeconds: (input.HealthCheckIntervalSeconds as number | undefined) ?? base.intervalSeconds,
    timeoutSeconds: (input.HealthCheckTimeoutSeconds as number | undefined) ?? base.timeoutSeconds,
    healthyThreshold: (input.HealthyThresholdCount as number | undefined) ?? base.healthyThreshold,
    unhealthyThreshold: (input.UnhealthyThresholdCount as number | undefined) ?? base.unhealthyThreshold,
    matcher: matcher
      ? {
          ...(matcher.HttpCode !== undefined ? { HttpCode: matcher.HttpCode } : {}),
          ...(matcher.GrpcCode !== undefined ? { GrpcCode: matcher.GrpcCode } : {}),
        }
      : base.matcher,
  };
  if (!next.enabled && targetType !== 'lambda') {
    throw validation(`Health checks cannot be disabled for target groups with target type '${targetType}'`);
  }
  if (next.protocol !== 'HTTP' && next.protocol !== 'HTTPS') {
    throw validation(`Health check protocol '${next.protocol}' is not supported for target groups with the HTTP or HTTPS protocol`);
  }
  checkPort(next.port);
  if (!next.path.startsWith('/')) throw validation(`Health check path '${next.path}' must begin with a '/' character`);
  if (next.timeoutSeconds >= next.intervalSeconds) {
    throw validation(`Health check timeout '${next.timeoutSeconds}' must be smaller than the interval '${next.intervalSeconds}'`);
  }
  if (next.matcher.HttpCode !== undefined && next.matcher.GrpcCode !== undefined)
    throw validation('You can specify either an HTTP code or a gRPC code for the matcher, not both');
  if (next.matcher.GrpcCode !== undefined && protocolVersion !== 'GRPC')
    throw validation('A gRPC code matcher can only be used with the GRPC protocol version');
  if (next.matcher.HttpCode !== undefined) {
    const parsed = parseHttpCodes(next.matcher.HttpCode);
    if (parsed.kind === 'invalid') throw validation(`Health check matcher HTTP code is not valid: ${parsed.reason}`);
  }
  return next;
}
