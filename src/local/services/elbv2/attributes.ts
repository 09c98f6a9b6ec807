// Load balancer and target group attributes: AWS's keys and defaults for ALBs, and the value checks Modify*Attributes makes.
import { invalidConfig } from './elbv2-errors.js';
import type { TargetType } from './elbv2-state.js';

type Check = (value: string) => boolean;

const bool: Check = (v) => v === 'true' || v === 'false';
const intIn =
  (min: number, max: number): Check =>
  (v) =>
    /^\d+$/.test(v) && Number(v) >= min && Number(v) <= max;
const oneOf =
  (...values: string[]): Check =>
  (v) =>
    values.includes(v);
const any: Check = () => true;

interface AttributeSpec {
  readonly defaultValue: string;
  readonly check: Check;
}

const LB_ATTRIBUTES: Readonly<Record<string, AttributeSpec>> = {
  'access_logs.s3.enabled': { defaultValue: 'false', check: bool },
  'access_logs.s3.bucket': { defaultValue: '', check: any },
  'access_logs.s3.prefix': { defaultValue: '', check: any },
  'health_check_logs.s3.enabled': { defaultValue: 'false', check: bool },
  'health_check_logs.s3.bucket': { defaultValue: '', check: any },
  'health_check_logs.s3.prefix': { defaultValue: '', check: any },
  'client_keep_alive.seconds': { defaultValue: '3600', check: intIn(60, 604800) },
  'connection_logs.s3.enabled': { defaultValue: 'false', check: bool },
  'connection_logs.s3.bucket': { defaultValue: '', check: any },
  'connection_logs.s3.prefix': { defaultValue: '', check: any },
  'deletion_protection.enabled': { defaultValue: 'false', check: bool },
  'idle_timeout.timeout_seconds': { defaultValue: '60', check: intIn(1, 4000) },
  'load_balancing.cross_zone.enabled': { defaultValue: 'true', check: oneOf('true') },
  'routing.http.desync_mitigation_mode': { defaultValue: 'defensive', check: oneOf('monitor', 'defensive', 'strictest') },
  'routing.http.drop_invalid_header_fields.enabled': { defaultValue: 'false', check: bool },
  'routing.http.preserve_host_header.enabled': { defaultValue: 'false', check: bool },
  'routing.http.x_amzn_tls_version_and_cipher_suite.enabled': { defaultValue: 'false', check: bool },
  'routing.http.xff_client_port.enabled': { defaultValue: 'false', check: bool },
  'routing.http.xff_header_processing.mode': { defaultValue: 'append', check: oneOf('append', 'preserve', 'remove') },
  'routing.http2.enabled': { defaultValue: 'true', check: bool },
  'waf.fail_open.enabled': { defaultValue: 'false', check: bool },
  'zonal_shift.config.enabled': { defaultValue: 'false', check: bool },
};

const TG_COMMON: Readonly<Record<string, AttributeSpec>> = {
  'deregistration_delay.timeout_seconds': { defaultValue: '300', check: intIn(0, 3600) },
  'stickiness.enabled': { defaultValue: 'false', check: bool },
  'stickiness.type': { defaultValue: 'lb_cookie', check: oneOf('lb_cookie', 'app_cookie') },
  'stickiness.app_cookie.cookie_name': {
    defaultValue: '',
    check: (v) => v === '' || (/^[\w!#$%&'*+.^`|~-]+$/.test(v) && !/^AWSALB/.test(v)),
  },
  'stickiness.app_cookie.duration_seconds': { defaultValue: '86400', check: intIn(1, 604800) },
  'stickiness.lb_cookie.duration_seconds': { defaultValue: '86400', check: intIn(1, 604800) },
  'slow_start.duration_seconds': { defaultValue: '0', check: (v) => v === '0' || intIn(30, 900)(v) },
  'load_balancing.algorithm.type': {
    defaultValue: 'round_robin',
    check: oneOf('round_robin', 'least_outstanding_requests', 'weighted_random'),
  },
  'load_balancing.algorithm.anomaly_mitigation': { defaultValue: 'off', check: oneOf('on', 'off') },
  'load_balancing.cross_zone.enabled': {
    defaultValue: 'use_load_balancer_configuration',
    check: oneOf('true', 'false', 'use_load_balancer_configuration'),
  },
  'target_group_health.dns_failover.minimum_healthy_targets.count': { defaultValue: '1', check: (v) => v === 'off' || intIn(1, 10000)(v) },
  'target_group_health.dns_failover.minimum_healthy_targets.percentage': {
    defaultValue: 'off',
    check: (v) => v === 'off' || intIn(1, 100)(v),
  },
  'target_group_health.unhealthy_state_routing.minimum_healthy_targets.count': { defaultValue: '1', check: intIn(1, 10000) },
  'target_group_health.unhealthy_state_routing.minimum_healthy_targets.percentage': {
    defaultValue: 'off',
    check: (v) => v === 'off' || intIn(1, 100)(v),
  },
};

const TG_LAMBDA: Readonly<Record<string, AttributeSpec>> = {
  'lambda.multi_value_headers.enabled': { defaultValue: 'false', check: bool },
};

const specsFor = (targetType: TargetType) => (targetType === 'lambda' ? TG_LAMBDA : TG_COMMON);

const defaults = (specs: Readonly<Record<string, AttributeSpec>>) =>
  Object.fromEntries(Object.entries(specs).map(([k, s]) => [k, s.defaultValue]));

export const defaultLoadBalancerAttributes = (): Record<string, string> => defaults(LB_ATTRIBUTES);
export const defaultTargetGroupAttributes = (targetType: TargetType): Record<string, string> => defaults(specsFor(targetType));

export interface AttributeInput {
  readonly Key?: string;
  readonly Value?: string;
}

function apply(
  specs: Readonly<Record<string, AttributeSpec>>,
  current: Readonly<Record<string, string>>,
  changes: readonly AttributeInput[],
  what: string,
): Record<string, string> {
  const next = { ...current };
  for (const { Key, Value } of changes) {
    const key = Key ?? '';
    const spec = specs[key];
    if (!spec) throw invalidConfig(`${what} attribute key '${key}' is not recognized`);
    const value = Value ?? '';
    if (!spec.check(value)) throw invalidConfig(`${what} attribute '${key}' has an invalid value '${value}'`);
    next[key] = value;
  }
  return next;
}

export const applyLoadBalancerAttributes = (current: Readonly<Record<string, string>>, changes: readonly AttributeInput[]) =>
  apply(LB_ATTRIBUTES, current, changes, 'Load balancer');

export function applyTargetGroupAttributes(
  current: Readonly<Record<string, string>>,
  changes: readonly AttributeInput[],
  targetType: TargetType,
): Record<string, string> {
  const next = apply(specsFor(targetType), current, changes, 'Target group');
  if (
    targetType !== 'lambda' &&
    next['stickiness.enabled'] === 'true' &&
    next['stickiness.type'] === 'app_cookie' &&
    !next['stickiness.app_cookie.cookie_name']
  ) {
    throw invalidConfig("The 'stickiness.app_cookie.cookie_name' attribute must be specified when the stickiness type is 'app_cookie'");
  }
  if (next['slow_start.duration_seconds'] !== '0' && next['load_balancing.algorithm.type'] === 'least_outstanding_requests') {
    throw invalidConfig('Slow start mode cannot be enabled with the least outstanding requests algorithm');
  }
  return next;
}

export const attributeList = (attrs: Readonly<Record<string, string>>) => Object.entries(attrs).map(([Key, Value]) => ({ Key, Value }));
