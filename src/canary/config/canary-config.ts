// Validates the `canary:` section of cortado.yml into a CanarySpec; the only entry point for other config loaders.
import type { DurationRule } from '../../config/duration.js';
import { readNotifications, readUrl as url } from '../../config/notifications.js';
import type { CanarySpec, CanaryTasks, PromotionGate, RouterSpec, Webhook } from '../canary-spec.js';
import { linearSteps } from '../step-weights.js';
import { canaryReader, oneOf, type Raw, type ReadOptions, type SectionReader } from './config-reader.js';
import { parseMetrics } from './metric-config.js';
import { parseBaseline } from './baseline-config.js';
import { parseHeaderRoute } from './header-route-config.js';
import { checkTasksMetrics, tasksRouter } from './tasks-config.js';

const KEYS = [
  'router',
  'service',
  'listener_rule',
  'listener',
  'stable_target_group',
  'canary_target_group',
  'steps',
  'step_weight',
  'max_weight',
  'interval',
  'analysis_interval',
  'threshold',
  'min_requests',
  'no_data_limit',
  'metrics',
  'metric_period',
  'canary_tasks',
  'container',
  'gates',
  'hooks',
  'notifications',
  'lease',
  'deploy_timeout',
  'poll',
  'baseline',
  'header_route',
] as const;

/** Durations in this section: the one grammar, where a plain number is seconds. */
const seconds = (min: number): DurationRule => ({ bareSeconds: true, min });

const ARN = {
  rule: /^arn:aws[a-z-]*:elasticloadbalancing:[^:]+:\d{12}:listener-rule\/app\//,
  listener: /^arn:aws[a-z-]*:elasticloadbalancing:[^:]+:\d{12}:listener\/app\//,
  tg: /^arn:aws[a-z-]*:elasticloadbalancing:[^:]+:\d{12}:targetgroup\//,
};

function arn(r: SectionReader, path: string, v: unknown, pattern: RegExp, what: string): string {
  const s = r.str(path, v);
  if (!pattern.test(s)) throw r.fail(path, `${what} ARN`, v);
  return s;
}

function router(r: SectionReader, raw: Raw, stableService: string): RouterSpec {
  const kind = oneOf(r, 'canary.router', raw.router, ['alb', 'ecs-native', 'tasks'] as const, 'alb');
  if (kind === 'ecs-native') {
    for (const k of ['service', 'listener_rule', 'listener', 'stable_target_group', 'canary_target_group'] as const) {
      if (raw[k] !== undefined)
        throw r.fail(
          `canary.${k}`,
          "nothing with router: ecs-native (ECS moves the weights of the service's own production listener rule)",
          raw[k],
        );
    }
    return { kind };
  }
  const canaryService = raw.service === undefined ? `${stableService}-canary` : r.str('canary.service', raw.service);
  if (canaryService === stableService)
    throw r.fail('canary.service', `a service other than the stable one (${stableService})`, canaryService);
  if (kind === 'tasks') return tasksRouter(r, raw, canaryService);
  if ((raw.listener_rule === undefined) === (raw.listener === undefined))
    throw r.fail(
      'canary',
      'exactly one of listener_rule (a rule ARN) or listener (a listener ARN, its default action)',
      raw.listener_rule ?? raw.listener ?? null,
    );
  return {
    kind,
    canaryService,
    ...(raw.listener_rule !== undefined
      ? { listenerRuleArn: arn(r, 'canary.listener_rule', raw.listener_rule, ARN.rule, 'an ALB listener rule') }
      : {}),
    ...(raw.listener !== undefined ? { listenerArn: arn(r, 'canary.listener', raw.listener, ARN.listener, 'an ALB listener') } : {}),
    ...(raw.stable_target_group !== undefined
      ? { stableTargetGroupArn: arn(r, 'canary.stable_target_group', raw.stable_target_group, ARN.tg, 'a target group') }
      : {}),
    ...(raw.canary_target_group !== undefined
      ? { canaryTargetGroupArn: arn(r, 'canary.canary_target_group', raw.canary_target_group, ARN.tg, 'a target group') }
      : {}),
  };
}

function steps(r: SectionReader, raw: Raw): readonly number[] {
  if (raw.steps !== undefined) {
    if (raw.step_weight !== undefined || raw.max_weight !== undefined)
      throw r.fail('canary.steps', 'either steps or step_weight + max_weight, not both', raw.steps);
    const s = r.list('canary.steps', raw.steps).map((w, i) => r.num(`canary.steps[${i}]`, w, { min: 1, max: 100, integer: true }));
    if (s.length === 0) throw r.fail('canary.steps', 'at least one weight', raw.steps);
    s.forEach((w, i) => {
      if (i > 0 && w <= s[i - 1]!) throw r.fail(`canary.steps[${i}]`, `a weight above the previous step (${s[i - 1]})`, w);
    });
    return s;
  }
  if (raw.step_weight === undefined) return [5, 25, 50, 100];
  const step = r.num('canary.step_weight', raw.step_weight, { min: 1, max: 100, integer: true });
  const max = raw.max_weight === undefined ? 100 : r.num('canary.max_weight', raw.max_weight, { min: step, max: 100, integer: true });
  return linearSteps(step, max);
}

function canaryTasks(r: SectionReader, v: unknown): CanaryTasks {
  if (v === undefined) return { kind: 'follow-weight', min: 1 };
  if (v === 'follow-weight') return { kind: 'follow-weight', min: 1 };
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
    const m = r.mapping('canary.canary_tasks', v);
    r.keys('canary.canary_tasks', m, ['follow_weight', 'min']);
    return { kind: 'follow-weight', min: m.min === undefined ? 1 : r.num('canary.canary_tasks.min', m.min, { min: 1, integer: true }) };
  }
  return { kind: 'fixed', count: r.num('canary.canary_tasks', v, { min: 1, max: 5000, integer: true }) };
}

function webhook(r: SectionReader, path: string, v: unknown, index: number): Webhook {
  if (typeof v === 'string') return { name: `hook-${index + 1}`, url: url(r, path, v), timeoutMs: 10_000 };
  const m = r.mapping(path, v);
  r.keys(path, m, ['name', 'url', 'timeout']);
  return {
    name: m.name === undefined ? `hook-${index + 1}` : r.str(`${path}.name`, m.name),
    url: url(r, `${path}.url`, m.url),
    timeoutMs: m.timeout === undefined ? 10_000 : r.duration(`${path}.timeout`, m.timeout, seconds(1)),
  };
}

const webhooks = (r: SectionReader, path: string, v: unknown): readonly Webhook[] =>
  v === undefined ? [] : (Array.isArray(v) ? v : [v]).map((h, i) => webhook(r, `${path}[${i}]`, h, i));

function gate(r: SectionReader, v: unknown): PromotionGate {
  if (v === undefined) return { kind: 'auto' };
  const m = r.mapping('canary.gates', v);
  r.keys('canary.gates', m, ['confirm_promotion']);
  const c = m.confirm_promotion;
  if (c === undefined || c === 'auto') return { kind: 'auto' };
  if (c === 'manual') return { kind: 'manual' };
  if (typeof c === 'string' || (typeof c === 'object' && c !== null && !Array.isArray(c))) {
    const inner = typeof c === 'object' ? r.mapping('canary.gates.confirm_promotion', c) : undefined;
    if (inner?.webhook !== undefined) r.keys('canary.gates.confirm_promotion', inner, ['webhook']);
    const hook =
      inner?.webhook !== undefined
        ? webhook(r, 'canary.gates.confirm_promotion.webhook', inner.webhook, 0)
        : webhook(r, 'canary.gates.confirm_promotion', c, 0);
    return { kind: 'webhook', hook: { ...hook, name: 'confirm-promotion' } };
  }
  throw r.fail('canary.gates.confirm_promotion', 'manual, auto, a webhook URL or { webhook: URL }', c);
}

/**
 * Turns the raw `canary:` mapping into a CanarySpec or throws a UsageError naming the file and field.
 * `stableService` is the config's `service:` (the stable side); `opts` carries the file, --strict and where warnings go.
 */
export function parseCanaryConfig(v: unknown, stableService: string, opts: ReadOptions = {}): CanarySpec {
  const r = canaryReader(opts);
  const raw = r.mapping('canary', v);
  r.keys('canary', raw, KEYS);
  const rt = router(r, raw, stableService);
  const intervalMs =
    raw.interval === undefined ? (rt.kind === 'ecs-native' ? 0 : 60_000) : r.duration('canary.interval', raw.interval, seconds(0));
  const analysisIntervalMs =
    raw.analysis_interval === undefined
      ? Math.max(1000, Math.min(intervalMs, 60_000))
      : r.duration('canary.analysis_interval', raw.analysis_interval, seconds(100));
  if (intervalMs > 0 && analysisIntervalMs > intervalMs)
    throw r.fail('canary.analysis_interval', `at most the step interval (${intervalMs} ms)`, raw.analysis_interval);
  const hooks = raw.hooks === undefined ? {} : r.mapping('canary.hooks', raw.hooks);
  r.keys('canary.hooks', hooks, ['pre_rollout', 'post_rollout']);
  const extras = albExtras(r, raw, rt, stableService, intervalMs);
  const weighted = rt.kind === 'ecs-native' && raw.steps === undefined && raw.step_weight === undefined ? [] : steps(r, raw);
  const spec: CanarySpec = {
    router: rt,
    ...extras,
    // A header route is a first step at weight 0: only requests carrying the header reach the canary.
    steps: extras.headerRoute ? [0, ...weighted] : weighted,
    intervalMs,
    analysisIntervalMs,
    threshold: raw.threshold === undefined ? 2 : r.num('canary.threshold', raw.threshold, { min: 1, max: 1000, integer: true }),
    minRequests: raw.min_requests === undefined ? 20 : r.num('canary.min_requests', raw.min_requests, { min: 1, integer: true }),
    noDataLimit:
      raw.no_data_limit === undefined ? 5 : r.num('canary.no_data_limit', raw.no_data_limit, { min: 1, max: 1000, integer: true }),
    metrics: parseMetrics(r, 'canary.metrics', raw.metrics),
    metricPeriodS: raw.metric_period === undefined ? 60 : metricPeriod(r, raw.metric_period),
    canaryTasks: canaryTasks(r, raw.canary_tasks),
    ...(raw.container !== undefined ? { container: r.str('canary.container', raw.container) } : {}),
    gate: gate(r, raw.gates),
    preRollout: webhooks(r, 'canary.hooks.pre_rollout', hooks.pre_rollout),
    postRollout: webhooks(r, 'canary.hooks.post_rollout', hooks.post_rollout),
    notify: readNotifications(r, 'canary.notifications', raw.notifications),
    leaseMs: raw.lease === undefined ? 30_000 : r.duration('canary.lease', raw.lease, seconds(1000)),
    deployTimeoutMs: raw.deploy_timeout === undefined ? 900_000 : r.duration('canary.deploy_timeout', raw.deploy_timeout, seconds(1000)),
    pollMs: raw.poll === undefined ? 2000 : r.duration('canary.poll', raw.poll, seconds(50)),
  };
  if (rt.kind === 'tasks') checkTasksMetrics(r, raw, spec.metrics);
  return spec;
}

/** CloudWatch accepts 1, 5, 10, 20, 30 or a multiple of 60 seconds. */
function metricPeriod(r: SectionReader, v: unknown): number {
  const p = r.num('canary.metric_period', v, { min: 1, integer: true });
  if (![1, 5, 10, 20, 30].includes(p) && p % 60 !== 0)
    throw r.fail('canary.metric_period', 'a CloudWatch period: 1, 5, 10, 20, 30 or a multiple of 60 seconds', v);
  return p;
}

/** `baseline` and `header_route`: both need the alb router (a canary service and target groups of cortado's own). */
function albExtras(
  r: SectionReader,
  raw: Raw,
  rt: RouterSpec,
  stableService: string,
  intervalMs: number,
): Pick<CanarySpec, 'baseline' | 'headerRoute'> {
  for (const k of ['baseline', 'header_route'] as const)
    if (raw[k] !== undefined && raw[k] !== false && rt.kind !== 'alb') throw r.fail(`canary.${k}`, 'router: alb (the default)', raw[k]);
  const baseline = raw.baseline === undefined ? undefined : parseBaseline(r, raw.baseline, stableService);
  if (baseline && rt.kind === 'alb' && baseline.service === rt.canaryService)
    throw r.fail('canary.baseline.service', `a service other than the canary one (${rt.canaryService})`, baseline.service);
  if (baseline && intervalMs > 0 && baseline.judge.minSamples * baseline.samplePeriodS * 1000 > intervalMs) {
    const fit = Math.floor(intervalMs / (baseline.samplePeriodS * 1000));
    throw r.fail(
      'canary.baseline.min_samples',
      `at most ${fit} sample(s): a step interval of ${intervalMs / 1000} s holds ${fit} period(s) of ${baseline.samplePeriodS} s (lengthen canary.interval or shorten baseline.sample_period)`,
      baseline.judge.minSamples,
    );
  }
  const headerRoute = raw.header_route === undefined ? undefined : parseHeaderRoute(r, raw.header_route, intervalMs);
  return { ...(baseline ? { baseline } : {}), ...(headerRoute ? { headerRoute } : {}) };
}
