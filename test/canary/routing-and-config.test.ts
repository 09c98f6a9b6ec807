// Table tests: forward-action rewrites touch only weights; the canary: section's validation names the field; derived revisions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Action } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { TaskDefinition } from '@aws-sdk/client-ecs';
import { readWeights, routesCanary, withWeights } from '../../src/canary/routers/forward-weights.js';
import { parseCanaryConfig } from '../../src/canary/config/canary-config.js';
import { readDuration } from '../../src/config/duration.js';
import { deriveTaskDefinition } from '../../src/canary/revision.js';
import { imageWithTag as withTag } from '../../src/ecs/task-definition-change.js';
import { coveringPeriod, errorRateQueries, lbDimension, tgDimension } from '../../src/canary/metrics/alb-queries.js';
import { asNumber, readJsonPath } from '../../src/canary/metrics/json-path.js';
import { promValue } from '../../src/canary/metrics/prometheus-provider.js';
import { rolloutOf } from '../../src/canary/canary-services.js';
import { UsageError } from '../../src/core/errors.js';

const S = 'arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/app-stable/1111111111111111';
const C = 'arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/app-canary/2222222222222222';
const O = 'arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/other/3333333333333333';
const pair = { stable: S, canary: C };
const auth: Action = {
  Type: 'authenticate-oidc',
  Order: 1,
  AuthenticateOidcConfig: {
    Issuer: 'https://idp',
    AuthorizationEndpoint: 'https://idp/a',
    TokenEndpoint: 'https://idp/t',
    UserInfoEndpoint: 'https://idp/u',
    ClientId: 'x',
  },
};

test("withWeights rewrites only the forward action's weights", () => {
  const actions: Action[] = [
    auth,
    {
      Type: 'forward',
      Order: 2,
      ForwardConfig: {
        TargetGroups: [
          { TargetGroupArn: S, Weight: 100 },
          { TargetGroupArn: C, Weight: 0 },
          { TargetGroupArn: O, Weight: 7 },
        ],
        TargetGroupStickinessConfig: { Enabled: false },
      },
    },
  ];
  const out = withWeights(actions, pair, { stable: 75, canary: 25 }, 'rule');
  assert.deepEqual(out[0], auth, 'other actions are untouched');
  assert.deepEqual(out[1], {
    Type: 'forward',
    Order: 2,
    ForwardConfig: {
      TargetGroups: [
        { TargetGroupArn: S, Weight: 75 },
        { TargetGroupArn: C, Weight: 25 },
        { TargetGroupArn: O, Weight: 7 },
      ],
      TargetGroupStickinessConfig: { Enabled: false },
    },
  });
  assert.deepEqual(actions[1]!.ForwardConfig!.TargetGroups![0], { TargetGroupArn: S, Weight: 100 }, 'the input is not mutated');
});

test('a forward to the stable group alone learns the canary group; reading weights', () => {
  const single: Action[] = [{ Type: 'forward', TargetGroupArn: S }];
  assert.equal(routesCanary(single, pair, 'rule'), false);
  assert.deepEqual(readWeights(single, pair, 'rule'), { stable: 100, canary: 0 });
  const out = withWeights(single, pair, { stable: 100, canary: 0 }, 'rule');
  assert.deepEqual(out, [
    {
      Type: 'forward',
      ForwardConfig: {
        TargetGroups: [
          { TargetGroupArn: S, Weight: 100 },
          { TargetGroupArn: C, Weight: 0 },
        ],
      },
    },
  ]);
  assert.deepEqual(readWeights(withWeights(out, pair, { stable: 95, canary: 5 }, 'rule'), pair, 'rule'), { stable: 95, canary: 5 });
});

test("no forward action, or one without the stable group, is the user's error", () => {
  assert.throws(
    () => readWeights([{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404' } }], pair, 'rule X'),
    (e: unknown) => e instanceof UsageError && /rule X has no forward action \(actions: fixed-response\)/.test(e.message),
  );
  assert.throws(
    () => withWeights([{ Type: 'forward', TargetGroupArn: O }], pair, { stable: 50, canary: 50 }, 'rule X'),
    /does not forward to the stable target group/,
  );
});

const RULE = 'arn:aws:elasticloadbalancing:us-east-1:000000000000:listener-rule/app/lb/0123456789abcdef/0123456789abcdef/0123456789abcdef';
const ok = { listener_rule: RULE };

test('canary config: defaults, step forms and durations', () => {
  const spec = parseCanaryConfig(ok, 'app');
  assert.deepEqual(spec.steps, [5, 25, 50, 100]);
  assert.equal(spec.router.kind === 'alb' && spec.router.canaryService, 'app-canary');
  assert.equal(spec.intervalMs, 60_000);
  assert.equal(spec.threshold, 2);
  assert.deepEqual(spec.metrics, [{ kind: 'success-rate', name: 'success-rate', bounds: { min: 99 } }]);
  assert.deepEqual(parseCanaryConfig({ ...ok, step_weight: 20, max_weight: 60 }, 'app').steps, [20, 40, 60]);
  const full = parseCanaryConfig(
    {
      ...ok,
      service: 'app-b',
      steps: [10, 100],
      interval: '30s',
      'analysis-interval': '5s',
      threshold: 3,
      'min-requests': 50,
      canary_tasks: { follow_weight: true, min: 2 },
      metrics: [
        { name: 'success-rate', min: 99.5 },
        { name: 'latency', percentile: 95, max: 300 },
        { name: 'error-rate-vs-stable', max: 1 },
        {
          name: 'orders',
          cloudwatch: {
            queries: [{ Id: 'm1', MetricStat: { Metric: { Namespace: 'Shop', MetricName: 'Orders' }, Period: 60, Stat: 'Sum' } }],
          },
          min: 1,
        },
        { name: 'p99', prometheus: { url: 'http://prom:9090', query: 'sum(rate(x[${window}]))' }, max: 0.5 },
        { name: 'smoke', http: { url: 'http://app/health', expect_status: '2xx' } },
      ],
      gates: { 'confirm-promotion': 'manual' },
      hooks: { 'pre-rollout': ['http://hooks/pre'], post_rollout: [{ name: 'tell', url: 'http://hooks/post', timeout: '2s' }] },
      notifications: { slack: 'https://hooks.slack.com/services/T/B/X' },
    },
    'app',
  );
  assert.equal(full.analysisIntervalMs, 5_000);
  assert.equal(full.minRequests, 50);
  assert.deepEqual(full.canaryTasks, { kind: 'follow-weight', min: 2 });
  assert.deepEqual(
    full.metrics.map((m) => m.kind),
    ['success-rate', 'latency', 'error-rate-vs-stable', 'cloudwatch', 'prometheus', 'http'],
  );
  assert.deepEqual(full.metrics[5]!.bounds, { min: 1 }, 'a status-only HTTP check reads 1 when the status is expected');
  assert.deepEqual(full.gate, { kind: 'manual' });
  assert.equal(full.preRollout[0]!.url, 'http://hooks/pre');
  assert.equal(full.postRollout[0]!.timeoutMs, 2_000);
  assert.equal(full.notify.length, 1);
  assert.equal(parseCanaryConfig({ router: 'ecs-native' }, 'app').router.kind, 'ecs-native');
});

test('canary config: every mistake names the field, what was expected and what was received', () => {
  const cases: [unknown, RegExp][] = [
    [[], /^canary: expected a mapping, got a list/],
    [{}, /^canary: expected exactly one of listener_rule .* or listener/],
    [{ ...ok, router: 'appmesh' }, /^canary.router: expected one of alb, ecs-native, tasks, got the string "appmesh"/],
    [{ ...ok, listener_rule: 'arn:aws:iam::1:role/x' }, /^canary.listener_rule: expected an ALB listener rule ARN/],
    [{ ...ok, steps: [5, 5] }, /^canary.steps\[1\]: expected a weight above the previous step \(5\), got number 5/],
    [{ ...ok, steps: [0] }, /^canary.steps\[0\]: expected an integer from 1 to 100, got number 0/],
    [{ ...ok, steps: [] }, /^canary.steps: expected at least one weight/],
    [{ ...ok, steps: [5], step_weight: 5 }, /either steps or step_weight/],
    [{ ...ok, interval: 'soon' }, /^canary.interval: expected a duration such as 30s/],
    [{ ...ok, interval: '10s', analysis_interval: '20s' }, /^canary.analysis_interval: expected at most the step interval/],
    [{ ...ok, threshold: 0 }, /^canary.threshold: expected an integer from 1 to 1000, got number 0/],
    [{ ...ok, metrics: [{ name: 'latency' }] }, /^canary.metrics\[0\]: expected a threshold: min, max or both/],
    [{ ...ok, metrics: [{ name: 'x', min: 1 }] }, /^canary.metrics\[0\]: expected one of the built-in names/],
    [
      { ...ok, metrics: [{ name: 'x', min: 1, prometheus: { url: 'http://p' } }] },
      /^canary.metrics\[0\].prometheus.query: expected a non-empty string, got undefined/,
    ],
    [{ ...ok, metrics: [{ name: 'x', min: 1, cloudwatch: { queries: [{ Id: 'a' }] } }] }, /exactly one of MetricStat or Expression/],
    [
      { ...ok, metrics: [{ name: 'x', min: 1, http: { url: 'http://a', json_path: 'status' } }] },
      /json_path: expected a path such as \$\.status/,
    ],
    [
      {
        ...ok,
        metrics: [
          { name: 'success-rate', min: 1 },
          { name: 'success-rate', min: 2 },
        ],
      },
      /metrics\[1\].name: expected a name not used by another metric/,
    ],
    [{ ...ok, metrics: [{ name: 'x', min: 5, max: 1, http: { url: 'http://a', json_path: '$.a' } }] }, /min: expected a value ≤ max/],
    [{ ...ok, gates: { confirm_promotion: 42 } }, /confirm_promotion: expected manual, auto, a webhook URL/],
    [{ ...ok, notifications: { slack: 'not a url' } }, /notifications.slack\[0\]: expected an http/],
    [{ ...ok, metric_period: 7 }, /metric_period: expected a CloudWatch period/],
    [{ ...ok, service: 'app' }, /canary.service: expected a service other than the stable one/],
    [{ router: 'ecs-native', listener: 'x' }, /canary.listener: expected nothing with router: ecs-native/],
  ];
  for (const [raw, re] of cases) {
    assert.throws(
      () => parseCanaryConfig(raw, 'app'),
      (e: unknown) => e instanceof UsageError && e.code === 'CANARY_CONFIG' && re.test(e.message),
      JSON.stringify(raw),
    );
  }
});

test('durations', () => {
  const cases: [unknown, number][] = [
    ['30s', 30_000],
    ['2m', 120_000],
    ['500ms', 500],
    [1.5, 1_500],
    ['1h', 3_600_000],
    ['0.25s', 250],
  ];
  const parseDuration = (field: string, v: unknown) => readDuration(v, { field, bareSeconds: true });
  for (const [v, ms] of cases) assert.equal(parseDuration('x', v), ms, String(v));
  for (const bad of ['-1s', '1y', '', null, {}]) assert.throws(() => parseDuration('x', bad), UsageError);
});

test('the canary revision: new image or tag on one container, env added, read-only fields dropped', () => {
  assert.equal(withTag('cortado/demo-app:v1', 'v2'), 'cortado/demo-app:v2');
  assert.equal(withTag('localhost:5000/shop/api', 'abc'), 'localhost:5000/shop/api:abc');
  assert.equal(withTag('123.dkr.ecr.us-east-1.amazonaws.com/api@sha256:00ff', 'v3'), '123.dkr.ecr.us-east-1.amazonaws.com/api:v3');
  const td: TaskDefinition = {
    taskDefinitionArn: 'arn:td:1',
    revision: 1,
    status: 'ACTIVE',
    family: 'app',
    registeredAt: new Date(0),
    compatibilities: ['FARGATE' as const],
    requiresAttributes: [],
    containerDefinitions: [
      { name: 'log', image: 'fluent-bit', essential: false },
      {
        name: 'app',
        image: 'shop/api:v1',
        essential: true,
        environment: [
          { name: 'A', value: '1' },
          { name: 'ERROR_RATE', value: '0' },
        ],
      },
    ],
  };
  const out = deriveTaskDefinition(td, { image: { kind: 'tag', tag: 'v3' }, env: { ERROR_RATE: '0.3' } }, 'app');
  assert.deepEqual(Object.keys(out).sort(), ['containerDefinitions', 'family']);
  assert.deepEqual(out.containerDefinitions![1], {
    name: 'app',
    image: 'shop/api:v3',
    essential: true,
    environment: [
      { name: 'A', value: '1' },
      { name: 'ERROR_RATE', value: '0.3' },
    ],
  });
  assert.deepEqual(out.containerDefinitions![0], td.containerDefinitions![0]);
  assert.throws(
    () => deriveTaskDefinition(td, { image: { kind: 'none' }, env: {}, container: 'web' }),
    /no container "web"; containers: log, app/,
  );
});

test('metric query helpers', () => {
  assert.equal(
    lbDimension('arn:aws:elasticloadbalancing:us-east-1:1:loadbalancer/app/demo-alb/0123456789abcdef'),
    'app/demo-alb/0123456789abcdef',
  );
  assert.equal(tgDimension(S), 'targetgroup/app-stable/1111111111111111');
  assert.deepEqual(
    errorRateQueries('arn:x:loadbalancer/app/a/1', S, 60).map((q) => [q.Id, q.MetricStat?.Metric?.MetricName, q.MetricStat?.Stat]),
    [
      ['requests', 'RequestCount', 'Sum'],
      ['target5xx', 'HTTPCode_Target_5XX_Count', 'Sum'],
      ['connerr', 'TargetConnectionErrorCount', 'Sum'],
    ],
  );
  const cases: [number, number, number][] = [
    [3, 1, 5],
    [5, 1, 5],
    [12, 1, 20],
    [31, 1, 60],
    [45, 60, 60],
    [61, 60, 120],
    [4, 5, 5],
    [4, 60, 60],
  ];
  for (const [s, min, want] of cases) assert.equal(coveringPeriod(s, min), want, `${s}/${min}`);
  assert.equal(readJsonPath({ a: { b: [{ c: 3 }] } }, '$.a.b[0].c'), 3);
  assert.equal(readJsonPath({ a: 1 }, '$.a.b'), undefined);
  assert.deepEqual([asNumber(true), asNumber('2.5'), asNumber('x'), asNumber(null)], [1, 2.5, undefined, undefined]);
  assert.equal(promValue({ data: { resultType: 'vector', result: [{ value: [1, '0.25'] }] } }), 0.25);
  assert.equal(promValue({ data: { resultType: 'scalar', result: [1, '7'] } }), 7);
  assert.equal(promValue({ data: { resultType: 'vector', result: [] } }), undefined);
});

test('rollout of a service: ready only when the wanted revision runs on every desired task with nothing left over', () => {
  const dep = (over: object) => ({
    status: 'PRIMARY',
    taskDefinition: 'td:2',
    rolloutState: 'COMPLETED',
    runningCount: 2,
    desiredCount: 2,
    ...over,
  });
  const cases: [object[], string][] = [
    [[dep({})], 'ready'],
    [[dep({ rolloutState: 'IN_PROGRESS', runningCount: 1 })], 'in-progress'],
    [[dep({}), { status: 'ACTIVE', taskDefinition: 'td:1', runningCount: 1 }], 'in-progress'],
    [[dep({ rolloutState: 'FAILED', rolloutStateReason: 'circuit breaker' })], 'failed'],
    [[dep({ taskDefinition: 'td:1' })], 'failed'],
    [[dep({ taskDefinition: 'td:1' }), { status: 'ACTIVE', taskDefinition: 'td:2', runningCount: 0 }], 'in-progress'],
    [[], 'in-progress'],
  ];
  for (const [deployments, want] of cases)
    assert.equal(rolloutOf({ serviceName: 's', deployments } as never, 'td:2').kind, want, JSON.stringify(deployments));
});
