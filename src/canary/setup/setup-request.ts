// What canary setup and teardown are asked to do: the stable service and what the config's canary: section already names.
import { UsageError } from '../../core/errors.js';

export interface SetupRequest {
  readonly cluster: string;
  readonly stableService: string;
  /** The canary service's name: canary.service, or `<service>-canary`. */
  readonly canaryService: string;
  readonly listenerRuleArn?: string;
  readonly listenerArn?: string;
  readonly stableTargetGroupArn?: string;
  readonly canaryTargetGroupArn?: string;
  /** The config file, for messages. */
  readonly file: string;
}

const str = (file: string, key: string, v: unknown): string | undefined => {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string' || v === '')
    throw new UsageError('CANARY_CONFIG', `${file}: canary.${key} must be a non-empty string, got ${JSON.stringify(v)}`, {
      file,
      field: `canary.${key}`,
    });
  return v;
};

/**
 * The request from the config's top-level cluster and service and its raw canary: mapping (which may be missing or partial:
 * setup fills it). Only router alb is set up; the other keys are left to the release's own validation.
 */
export function setupRequest(file: string, cluster: string, service: string | undefined, raw: unknown): SetupRequest {
  if (!service)
    throw new UsageError('CANARY_CONFIG', `${file}: service: names the stable service, and canary setup needs it`, {
      file,
      field: 'service',
    });
  const m = (raw ?? {}) as Record<string, unknown>;
  if (typeof m !== 'object' || Array.isArray(m))
    throw new UsageError('CANARY_CONFIG', `${file}: canary: must be a mapping`, { file, field: 'canary' });
  if (m.router !== undefined && m.router !== 'alb')
    throw new UsageError(
      'CANARY_CONFIG',
      `${file}: canary setup prepares router: alb (a second service behind a weighted rule); canary.router is ${JSON.stringify(m.router)}`,
      { file, field: 'canary.router', hint: 'with router: ecs-native, ECS itself keeps both revisions in one service: nothing to set up' },
    );
  const canaryService = str(file, 'service', m.service) ?? `${service}-canary`;
  if (canaryService === service)
    throw new UsageError('CANARY_CONFIG', `${file}: canary.service must differ from the stable service ${service}`, {
      file,
      field: 'canary.service',
    });
  const rule = str(file, 'listener_rule', m.listener_rule);
  const listener = str(file, 'listener', m.listener);
  if (rule && listener)
    throw new UsageError('CANARY_CONFIG', `${file}: canary: give listener_rule or listener, not both`, { file, field: 'canary.listener' });
  const stableTg = str(file, 'stable_target_group', m.stable_target_group);
  const canaryTg = str(file, 'canary_target_group', m.canary_target_group);
  return {
    cluster,
    stableService: service,
    canaryService,
    file,
    ...(rule ? { listenerRuleArn: rule } : {}),
    ...(listener ? { listenerArn: listener } : {}),
    ...(stableTg ? { stableTargetGroupArn: stableTg } : {}),
    ...(canaryTg ? { canaryTargetGroupArn: canaryTg } : {}),
  };
}
