// Table tests: the autoscale: section — defaults, every setting, and bad values named by file and field (with did-you-mean).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAutoscaleConfig } from '../../src/autoscale/config/autoscale-config.js';
import { UsageError } from '../../src/core/errors.js';

const WHERE = { cluster: 'prod', service: 'api' };
const opts = { file: 'cortado.yml' };

test('defaults: poll 1 s, panic at 2× for 6 s, 60 s stable window, 5 min scale-in stabilisation, AAS suspended while running', () => {
  const s = parseAutoscaleConfig({ source: 'nginx', target: 50 }, WHERE, opts);
  assert.deepEqual(s, {
    cluster: 'prod',
    service: 'api',
    source: { kind: 'nginx', measure: 'active', path: '/nginx_status', timeoutMs: 500 },
    target: 50,
    utilization: 1,
    spareTasks: 0,
    min: 1,
    max: 10,
    scaleOut: { panicThreshold: 2, panicPolls: 1, panicWindowMs: 6_000, stableWindowMs: 60_000, tolerance: 0.1 },
    scaleIn: { stabilizationMs: 300_000 },
    pollMs: 1_000,
    leaseMs: 15_000,
    applicationAutoScaling: 'suspend',
  });
});

test('every setting', () => {
  const s = parseAutoscaleConfig(
    {
      service: 'web',
      'canary-service': 'web-canary',
      source: { kind: 'prometheus', metric: 'http_requests_total', labels: { code: 200 }, rate: true, port: 9090, timeout: '250ms' },
      target: 100,
      utilization: '80%',
      spare_tasks: 1,
      min: 2,
      max: 40,
      scale_out: { panic_threshold: 1.5, panic_polls: 2, panic_window: '10s', stable_window: '2m', max_step: 8, tolerance: 0.05 },
      scale_in: { stabilization: '10m', max_step: 2 },
      poll: '500ms',
      lease: '20s',
      application_auto_scaling: 'leave',
    },
    WHERE,
    opts,
  );
  assert.equal(s.service, 'web');
  assert.equal(s.canaryService, 'web-canary');
  assert.deepEqual(s.source, {
    kind: 'prometheus',
    metric: 'http_requests_total',
    labels: { code: '200' },
    rate: true,
    path: '/metrics',
    port: 9090,
    timeoutMs: 250,
  });
  assert.equal(s.utilization, 0.8);
  assert.deepEqual(s.scaleOut, {
    panicThreshold: 1.5,
    panicPolls: 2,
    panicWindowMs: 10_000,
    stableWindowMs: 120_000,
    tolerance: 0.05,
    maxStep: 8,
  });
  assert.deepEqual(s.scaleIn, { stabilizationMs: 600_000, maxStep: 2 });
  assert.deepEqual([s.pollMs, s.leaseMs, s.applicationAutoScaling, s.spareTasks, s.min, s.max], [500, 20_000, 'leave', 1, 2, 40]);
  assert.deepEqual(parseAutoscaleConfig({ source: { kind: 'ecs', period: 20 }, target: 60 }, WHERE).source, {
    kind: 'ecs',
    metric: 'CPUUtilization',
    periodS: 20,
  });
  assert.deepEqual(parseAutoscaleConfig({ source: { kind: 'alb', metric: 'ActiveConnectionCount' }, target: 60 }, WHERE).source, {
    kind: 'alb',
    metric: 'ActiveConnectionCount',
    periodS: 60,
  });
});

test('bad values: file, field, what was expected, what was received; exit 2 before any call', () => {
  const cases: [string, Record<string, unknown>, RegExp, { service?: string }?][] = [
    [
      'unknown source',
      { source: 'ngnix', target: 5 },
      /cortado\.yml: autoscale\.source\.kind: expected one of nginx, prometheus, json, alb, ecs \(did you mean "nginx"\?\), got the string "ngnix"/,
    ],
    ['min > max', { source: 'nginx', target: 5, min: 8, max: 4 }, /autoscale\.min: expected at most autoscale\.max \(4\), got number 8/],
    ['target 0', { source: 'nginx', target: 0 }, /autoscale\.target: expected a number above 0/],
    ['negative target', { source: 'nginx', target: -3 }, /autoscale\.target: expected a number ≥ 0, got number -3/],
    ['no target', { source: 'nginx' }, /autoscale\.target: expected the load one task should carry/],
    [
      'missing service',
      { source: 'nginx', target: 5 },
      /autoscale\.service: expected the service to scale \(or a top-level service:\)/,
      {},
    ],
    ['no source', { target: 5 }, /autoscale\.source: expected a load source/],
    ['prometheus without metric', { source: { kind: 'prometheus' }, target: 5 }, /autoscale\.source\.metric: expected a non-empty string/],
    ['json without query', { source: { kind: 'json' }, target: 5 }, /autoscale\.source\.query/],
    ['ecs period', { source: { kind: 'ecs', period: 30 }, target: 5 }, /autoscale\.source\.period: expected one of 20, 60/],
    ['alb metric', { source: { kind: 'alb', metric: 'RequestCountPerTargt' }, target: 5 }, /did you mean "RequestCountPerTarget"/],
    ['bad duration', { source: 'nginx', target: 5, poll: 'fast' }, /autoscale\.poll/],
    [
      'utilization',
      { source: 'nginx', target: 5, utilization: '150%' },
      /autoscale\.utilization: expected a target utilization from 5% to 100%/,
    ],
    ['aas mode', { source: 'nginx', target: 5, application_auto_scaling: 'fight' }, /suspend \(while the controller runs\) or leave/],
    [
      'lease shorter than two polls',
      { source: 'nginx', target: 5, poll: '5s', lease: '6s' },
      /autoscale\.lease: expected at least two poll intervals/,
    ],
    ['canary with a CloudWatch source', { source: 'ecs', target: 5, canary_service: 'api-canary' }, /a per-task source/],
  ];
  for (const [name, raw, want, where] of cases) {
    assert.throws(
      () => parseAutoscaleConfig(raw, { cluster: 'prod', ...(where ?? WHERE) }, opts),
      (e: unknown) => e instanceof UsageError && e.code === 'AUTOSCALE_CONFIG' && want.test(e.message) && e.file === 'cortado.yml',
      name,
    );
  }
});

test('unknown keys warn with a did-you-mean; --strict makes them errors', () => {
  const warnings: string[] = [];
  parseAutoscaleConfig({ source: 'nginx', target: 5, scale_in: { stabilisation: '1m' } }, WHERE, {
    ...opts,
    warn: (m) => warnings.push(m),
  });
  assert.deepEqual(warnings, ['cortado.yml: autoscale.scale_in.stabilisation: unknown key, ignored (did you mean "stabilization"?)']);
  assert.throws(
    () => parseAutoscaleConfig({ source: 'nginx', target: 5, trget: 3 }, WHERE, { ...opts, strict: true }),
    /UNKNOWN_KEY|autoscale\.trget: unknown key/,
  );
});
