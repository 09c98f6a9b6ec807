// Validates the `canary:` section of cortado.yml into a CanarySpec; the only entry point for other config loaders.
import type { CanarySpec, CanaryTasks, Notifier, PromotionGate, RouterSpec, Webhook } from '../canary-spec.js';
import { linearSteps } from '../step-weights.js';
import { configError, list, mapping, num, onlyKeys, str, type Raw } from './config-reader.js';
import { parseDuration } from './durations.js';
import { parseMetrics } from './metric-config.js';

const KEYS = [
  'router', 'service', 'listener_rule', 'listener', 'stable_target_group', 'canary_target_group', 'steps', 'step_weight', 'max_weight',
  'interval', 'analysis_interval', 'threshold', 'min_requests', 'no_data_limit', 'metrics', 'metric_period', 'canary_tasks', 'container',
  'gates', 'hooks', 'notifications', 'lease', 'deploy_timeout', 'poll',
] as const;

const ARN = { rule: /^arn:aws[a-z-]*:elasticloadbalancing:[^:]+:\d{12}:listener-rule\/app\//, listener: /^arn:aws[a-z-]*:elasticloadbalancing:[^:]+:\d{12}:listener\/app\//, tg: /^arn:aws[a-z-]*:elasticloadbalancing:[^:]+:\d{12}:targetgroup\// };

function arn(path: string, v: unknown, pattern: RegExp, what: string): string {
  const s = str(path, v);
  if (!pattern.test(s)) throw configError(path, `${what} ARN`, v);
  return s;
}

function router(raw: Raw, stableService: string): RouterSpec {
  const kind = raw.router ?? 'alb';
  if (kind === 'ecs-native') {
    for (const k of ['service', 'listener_rule', 'listener', 'stable_target_group', 'canary_target_group'] as const) {
      if (raw[k] !== undefined) throw configError(`canary.${k}`, 'nothing with router: ecs-native (ECS moves the weights of the service\'s own production listener rule)', raw[k]);
    }
    return { kind };
  }
  if (kind !== 'alb') throw configError('canary.router', 'alb or ecs-native', kind);
  if ((raw.listener_rule === undefined) === (raw.listener === undefined)) throw configError('canary', 'exactly one of listener_rule (a rule ARN) or listener (a listener ARN, its default action)', raw.listener_rule ?? raw.listener ?? null);
  const canaryService = raw.service === undefined ? `${stableService}-canary` : str('canary.service', raw.service);
  if (canaryService === stableService) throw configError('canary.service', `a service other than the stable one (${stableService})`, canaryService);
  return {
    kind, canaryService,
    ...(raw.listener_rule !== undefined ? { listenerRuleArn: arn('canary.listener_rule', raw.listener_rule, ARN.rule, 'an ALB listener rule') } : {}),
    ...(raw.listener !== undefined ? { listenerArn: arn('canary.listener', raw.listener, ARN.listener, 'an ALB listener') } : {}),
    ...(raw.stable_target_group !== undefined ? { stableTargetGroupArn: arn('canary.stable_target_group', raw.stable_target_group, ARN.tg, 'a target group') } : {}),
    ...(raw.canary_target_group !== undefined ? { canaryTargetGroupArn: arn('canary.canary_target_group', raw.canary_target_group, ARN.tg, 'a target group') } : {}),
  };
}

function steps(raw: Raw): readonly number[] {
  if (raw.steps !== undefined) {
    if (raw.step_weight !== undefined || raw.max_weight !== undefined) throw configError('canary.steps', 'either steps or step_weight + max_weight, not both', raw.steps);
    const s = list('canary.steps', raw.steps).map((w, i) => num(`canary.steps[${i}]`, w, { min: 1, max: 100, integer: true }));
    if (s.length === 0) throw configError('canary.steps', 'at least one weight', raw.steps);
    s.forEach((w, i) => { if (i > 0 && w <= s[i - 1]!) throw configError(`canary.steps[${i}]`, `a weight above the previous step (${s[i - 1]})`, w); });
    return s;
  }
  if (raw.step_weight === undefined) return [5, 25, 50, 100];
  const step = num('canary.step_weight', raw.step_weight, { min: 1, max: 100, integer: true });
  const max = raw.max_weight === undefined ? 100 : num('canary.max_weight', raw.max_weight, { min: step, max: 100, integer: true });
  return linearSteps(step, max);
}

function canaryTasks(v: unknown): CanaryTasks {
  if (v === undefined) return { kind: 'follow-weight', min: 1 };
  if (v === 'follow-weight') return { kind: 'follow-weight', min: 1 };
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
    const m = mapping('canary.canary_tasks', v);
    onlyKeys('canary.canary_tasks', m, ['follow_weight', 'min']);
    return { kind: 'follow-weight', min: m.min === undefined ? 1 : num('canary.canary_tasks.min', m.min, { min: 1, integer: true }) };
  }
  return { kind: 'fixed', count: num('canary.canary_tasks', v, { min: 1, max: 5000, integer: true }) };
}

function webhook(path: string, v: unknown, index: number): Webhook {
  if (typeof v === 'string') return { name: `hook-${index + 1}`, url: url(path, v), timeoutMs: 10_000 };
  const m = mapping(path, v);
  onlyKeys(path, m, ['name', 'url', 'timeout']);
  return {
    name: m.name === undefined ? `hook-${index + 1}` : str(`${path}.name`, m.name), url: url(`${path}.url`, m.url),
    timeoutMs: m.timeout === undefined ? 10_000 : parseDuration(`${path}.timeout`, m.timeout, { min: 1 }),
  };
}

function url(path: string, v: unknown): string {
  const s = str(path, v);
  if (!/^https?:\/\/\S+$/.test(s)) throw configError(path, 'an http:// or https:// URL', v);
  return s;
}

const webhooks = (path: string, v: unknown): readonly Webhook[] => (v === undefined ? [] : (Array.isArray(v) ? v : [v]).map((h, i) => webhook(`${path}[${i}]`, h, i)));

function gate(v: unknown): PromotionGate {
  if (v === undefined) return { kind: 'auto' };
  const m = mapping('canary.gates', v);
  onlyKeys('canary.gates', m, ['confirm_promotion']);
  const c = m.confirm_promotion;
  if (c === undefined || c === 'auto') return { kind: 'auto' };
  if (c === 'manual') return { kind: 'manual' };
  if (typeof c === 'string' || (typeof c === 'object' && c !== null && !Array.isArray(c))) {
    const inner = typeof c === 'object' ? mapping('canary.gates.confirm_promotion', c) : undefined;
    const hook = inner?.webhook !== undefined ? webhook('canary.gates.confirm_promotion.webhook', inner.webhook, 0) : webhook('canary.gates.confirm_promotion', c, 0);
    return { kind: 'webhook', hook: { ...hook, name: 'confirm-promotion' } };
  }
  throw configError('canary.gates.confirm_promotion', 'manual, auto, a webhook URL or { webhook: URL }', c);
}

function notifications(v: unknown): readonly Notifier[] {
  if (v === undefined) return [];
  const m = mapping('canary.notifications', v);
  onlyKeys('canary.notifications', m, ['slack']);
  if (m.slack === undefined) return [];
  return (Array.isArray(m.slack) ? m.slack : [m.slack]).map((u, i) => ({ kind: 'slack' as const, url: url(`canary.notifications.slack[${i}]`, u), timeoutMs: 5000 }));
}

/**
 * Turns the raw `canary:` mapping into a CanarySpec or throws a UsageError naming the field.
 * `stableService` is the config's `service:` (the stable side); the deploy config loader calls this with it.
 */
export function parseCanaryConfig(v: unknown, stableService: string): CanarySpec {
  const raw = mapping('canary', v);
  onlyKeys('canary', raw, KEYS);
  const r = router(raw, stableService);
  const intervalMs = raw.interval === undefined ? (r.kind === 'ecs-native' ? 0 : 60_000) : parseDuration('canary.interval', raw.interval, { min: 0 });
  const analysisIntervalMs = raw.analysis_interval === undefined ? Math.max(1000, Math.min(intervalMs, 60_000)) : parseDuration('canary.analysis_interval', raw.analysis_interval, { min: 100 });
  if (intervalMs > 0 && analysisIntervalMs > intervalMs) throw configError('canary.analysis_interval', `at most the step interval (${intervalMs} ms)`, raw.analysis_interval);
  const hooks = raw.hooks === undefined ? {} : mapping('canary.hooks', raw.hooks);
  onlyKeys('canary.hooks', hooks, ['pre_rollout', 'post_rollout']);
  return {
    router: r,
    steps: r.kind === 'ecs-native' && raw.steps === undefined && raw.step_weight === undefined ? [] : steps(raw),
    intervalMs,
    analysisIntervalMs,
    threshold: raw.threshold === undefined ? 2 : num('canary.threshold', raw.threshold, { min: 1, max: 1000, integer: true }),
    minRequests: raw.min_requests === undefined ? 20 : num('canary.min_requests', raw.min_requests, { min: 1, integer: true }),
    noDataLimit: raw.no_data_limit === undefined ? 5 : num('canary.no_data_limit', raw.no_data_limit, { min: 1, max: 1000, integer: true }),
    metrics: parseMetrics('canary.metrics', raw.metrics),
    metricPeriodS: raw.metric_period === undefined ? 60 : metricPeriod(raw.metric_period),
    canaryTasks: canaryTasks(raw.canary_tasks),
    ...(raw.container !== undefined ? { container: str('canary.container', raw.container) } : {}),
    gate: gate(raw.gates),
    preRollout: webhooks('canary.hooks.pre_rollout', hooks.pre_rollout),
    postRollout: webhooks('canary.hooks.post_rollout', hooks.post_rollout),
    notify: notifications(raw.notifications),
    leaseMs: raw.lease === undefined ? 30_000 : parseDuration('canary.lease', raw.lease, { min: 1000 }),
    deployTimeoutMs: raw.deploy_timeout === undefined ? 900_000 : parseDuration('canary.deploy_timeout', raw.deploy_timeout, { min: 1000 }),
    pollMs: raw.poll === undefined ? 2000 : parseDuration('canary.poll', raw.poll, { min: 50 }),
  };
}

/** CloudWatch accepts 1, 5, 10, 20, 30 or a multiple of 60 seconds. */
function metricPeriod(v: unknown): number {
  const p = num('canary.metric_period', v, { min: 1, integer: true });
  if (![1, 5, 10, 20, 30].includes(p) && p % 60 !== 0) throw configError('canary.metric_period', 'a CloudWatch period: 1, 5, 10, 20, 30 or a multiple of 60 seconds', v);
  return p;
}
