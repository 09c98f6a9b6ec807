import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AwsError } from '../../../src/local/aws-error.js';
import { normaliseActions } from '../../../src/local/services/elbv2/action-validation.js';
import { applyTargetGroupAttributes, defaultTargetGroupAttributes } from '../../../src/local/services/elbv2/attributes.js';
import { normaliseConditions } from '../../../src/local/services/elbv2/condition-validation.js';
import type { TargetGroupRecord } from '../../../src/local/services/elbv2/elbv2-state.js';
import { applyHealthCheck, healthCheckDefaults } from '../../../src/local/services/elbv2/health-check-config.js';
import { checkLoadBalancerName, checkTargetGroupName } from '../../../src/local/services/elbv2/resource-names.js';
import { matchesCode, parseHttpCodes } from '../../../src/local/services/elbv2/status-matcher.js';
import {
  describeHealth,
  INITIAL,
  nextHealth,
  type CheckResult,
  type HealthStatus,
} from '../../../src/local/services/elbv2/target-health.js';

const code = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (e) {
    return e instanceof AwsError ? e.code : `not an AwsError: ${String(e)}`;
  }
};

describe('names', () => {
  const table: Array<[string, boolean]> = [
    ['a', true],
    ['web-1', true],
    ['a'.repeat(32), true],
    ['a'.repeat(33), false],
    ['-web', false],
    ['web-', false],
    ['we_b', false],
    ['we b', false],
  ];
  for (const [name, ok] of table) {
    it(`target group name '${name.length > 12 ? `${name.length} chars` : name}' is ${ok ? 'accepted' : 'refused'}`, () => {
      assert.equal(
        code(() => checkTargetGroupName(name)),
        ok ? undefined : 'ValidationError',
      );
    });
  }
  it('refuses load balancer names starting with internal-', () => {
    assert.equal(
      code(() => checkLoadBalancerName('internal-web')),
      'ValidationError',
    );
    assert.equal(
      code(() => checkLoadBalancerName('web')),
      undefined,
    );
  });
});

describe('health check matcher', () => {
  it('parses lists and ranges inside 200-499', () => {
    const p = parseHttpCodes('200,302-304');
    assert.equal(p.kind, 'ok');
    if (p.kind === 'ok') {
      assert.deepEqual(
        [200, 302, 303, 304, 301, 500].map((s) => matchesCode(p.ranges, s)),
        [true, true, true, true, false, false],
      );
    }
    for (const bad of ['100', '200-600', 'abc', '300-200', '']) assert.equal(parseHttpCodes(bad).kind, 'invalid', bad);
  });
});

describe('health check settings', () => {
  const base = healthCheckDefaults('ip', 'HTTP', undefined);
  it('has the ALB defaults for ip targets', () => {
    assert.deepEqual(base, {
      enabled: true,
      protocol: 'HTTP',
      port: 'traffic-port',
      path: '/',
      intervalSeconds: 30,
      timeoutSeconds: 5,
      healthyThreshold: 5,
      unhealthyThreshold: 2,
      matcher: { HttpCode: '200' },
    });
    assert.equal(healthCheckDefaults('lambda', undefined, undefined).enabled, false);
  });
  const table: Array<[string, Record<string, unknown>, string | undefined]> = [
    ['timeout equal to interval', { HealthCheckTimeoutSeconds: 30 }, 'ValidationError'],
    ['timeout below interval', { HealthCheckTimeoutSeconds: 10, HealthCheckIntervalSeconds: 15 }, undefined],
    ['disabled for ip targets', { HealthCheckEnabled: false }, 'ValidationError'],
    ['bad matcher', { Matcher: { HttpCode: '600' } }, 'ValidationError'],
    ['path without slash', { HealthCheckPath: 'health' }, 'ValidationError'],
    ['port out of range', { HealthCheckPort: '70000' }, 'ValidationError'],
    ['explicit port', { HealthCheckPort: '8081' }, undefined],
  ];
  for (const [name, input, expected] of table) {
    it(name, () =>
      assert.equal(
        code(() => applyHealthCheck(base, input, 'ip', undefined)),
        expected,
      ),
    );
  }
});

describe('target group attributes', () => {
  const attrs = defaultTargetGroupAttributes('ip');
  const table: Array<[string, Array<{ Key: string; Value: string }>, string | undefined]> = [
    ['deregistration delay in range', [{ Key: 'deregistration_delay.timeout_seconds', Value: '0' }], undefined],
    ['deregistration delay too long', [{ Key: 'deregistration_delay.timeout_seconds', Value: '3601' }], 'InvalidConfigurationRequest'],
    ['unknown key', [{ Key: 'stickiness.nonsense', Value: '1' }], 'InvalidConfigurationRequest'],
    [
      'app cookie without a name',
      [
        { Key: 'stickiness.enabled', Value: 'true' },
        { Key: 'stickiness.type', Value: 'app_cookie' },
      ],
      'InvalidConfigurationRequest',
    ],
    ['reserved app cookie name', [{ Key: 'stickiness.app_cookie.cookie_name', Value: 'AWSALBAPP' }], 'InvalidConfigurationRequest'],
    ['least outstanding requests', [{ Key: 'load_balancing.algorithm.type', Value: 'least_outstanding_requests' }], undefined],
  ];
  for (const [name, changes, expected] of table) {
    it(name, () =>
      assert.equal(
        code(() => applyTargetGroupAttributes(attrs, changes, 'ip')),
        expected,
      ),
    );
  }
});

describe('actions', () => {
  const tgArn = (n: number) => `arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/tg${n}/${String(n).padStart(16, '0')}`;
  const groups = new Map<string, TargetGroupRecord>(
    [1, 2, 3, 4, 5, 6].map((n) => [tgArn(n), { arn: tgArn(n), protocol: 'HTTP', targetType: 'ip' } as TargetGroupRecord]),
  );
  const ctx = { targetGroup: (arn: string) => groups.get(arn), listenerProtocol: 'HTTP', listenerPort: 80 };
  const forward = (weights: number[]) => [
    { Type: 'forward', ForwardConfig: { TargetGroups: weights.map((w, i) => ({ TargetGroupArn: tgArn(i + 1), Weight: w })) } },
  ];
  const table: Array<[string, unknown[], string | undefined]> = [
    ['weights 0 and 999', forward([0, 999]), undefined],
    ['weight 1000', forward([1, 1000]), 'ValidationError'],
    ['negative weight', forward([-1, 1]), 'ValidationError'],
    ['five groups', forward([1, 1, 1, 1, 1]), undefined],
    ['six groups', forward([1, 1, 1, 1, 1, 1]), 'TooManyTargetGroups'],
    ['unknown group', [{ Type: 'forward', TargetGroupArn: tgArn(9) }], 'TargetGroupNotFound'],
    [
      'stickiness without duration',
      [
        {
          Type: 'forward',
          ForwardConfig: { TargetGroups: [{ TargetGroupArn: tgArn(1) }], TargetGroupStickinessConfig: { Enabled: true } },
        },
      ],
      'ValidationError',
    ],
    ['redirect to itself', [{ Type: 'redirect', RedirectConfig: { StatusCode: 'HTTP_301' } }], 'InvalidLoadBalancerAction'],
    ['redirect to HTTPS', [{ Type: 'redirect', RedirectConfig: { StatusCode: 'HTTP_301', Protocol: 'HTTPS', Port: '443' } }], undefined],
    [
      'fixed response with a bad content type',
      [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '200', ContentType: 'image/png' } }],
      'ValidationError',
    ],
    [
      'two final actions',
      [
        { Type: 'fixed-response', Order: 1, FixedResponseConfig: { StatusCode: '200' } },
        { Type: 'forward', Order: 2, TargetGroupArn: tgArn(1) },
      ],
      'InvalidLoadBalancerAction',
    ],
  ];
  for (const [name, actions, expected] of table) {
    it(name, () =>
      assert.equal(
        code(() => normaliseActions(actions, ctx)),
        expected,
      ),
    );
  }
  it('normalises a plain forward the way DescribeListeners shows it', () => {
    assert.deepEqual(normaliseActions([{ Type: 'forward', TargetGroupArn: tgArn(1) }], ctx), [
      {
        Type: 'forward',
        TargetGroupArn: tgArn(1),
        ForwardConfig: { TargetGroups: [{ TargetGroupArn: tgArn(1), Weight: 1 }], TargetGroupStickinessConfig: { Enabled: false } },
      },
    ]);
  });
});

describe('conditions', () => {
  const table: Array<[string, unknown[], string | undefined]> = [
    ['host header', [{ Field: 'host-header', Values: ['*.example.com'] }], undefined],
    [
      'two host header conditions',
      [
        { Field: 'host-header', Values: ['a.com'] },
        { Field: 'host-header', Values: ['b.com'] },
      ],
      'ValidationError',
    ],
    ['six values', [{ Field: 'path-pattern', Values: ['/1', '/2', '/3', '/4', '/5', '/6'] }], 'ValidationError'],
    ['bad host characters', [{ Field: 'host-header', Values: ['a_b.com'] }], 'ValidationError'],
    ['value of 129 characters', [{ Field: 'path-pattern', Values: [`/${'a'.repeat(128)}`] }], 'ValidationError'],
    ['unknown field', [{ Field: 'cookie', Values: ['x'] }], 'ValidationError'],
    ['Values on an http-header condition', [{ Field: 'http-header', Values: ['x'] }], 'ValidationError'],
    ['Host as an http-header', [{ Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: 'Host', Values: ['a'] } }], 'ValidationError'],
    ['lower-case method', [{ Field: 'http-request-method', HttpRequestMethodConfig: { Values: ['get'] } }], 'ValidationError'],
    ['bad CIDR', [{ Field: 'source-ip', SourceIpConfig: { Values: ['10.0.0.1'] } }], 'ValidationError'],
    ['query pair', [{ Field: 'query-string', QueryStringConfig: { Values: [{ Key: 'v', Value: '2' }] } }], undefined],
  ];
  for (const [name, conditions, expected] of table) {
    it(name, () =>
      assert.equal(
        code(() => normaliseConditions(conditions)),
        expected,
      ),
    );
  }
  it('echoes host and path conditions with both Values and config, as DescribeRules does', () => {
    assert.deepEqual(normaliseConditions([{ Field: 'path-pattern', PathPatternConfig: { Values: ['/a'] } }]), [
      { Field: 'path-pattern', Values: ['/a'], PathPatternConfig: { Values: ['/a'] } },
    ]);
  });
});

describe('target health state machine', () => {
  const t = { healthy: 3, unhealthy: 2 };
  const run = (start: HealthStatus, results: CheckResult['kind'][]) =>
    results.reduce<HealthStatus>(
      (s, k) => nextHealth(s, k === 'mismatch' ? { kind: k, code: 503 } : ({ kind: k } as CheckResult), t),
      start,
    );
  const table: Array<[string, HealthStatus, CheckResult['kind'][], HealthStatus['kind']]> = [
    ['one pass makes a new target healthy', INITIAL, ['pass'], 'healthy'],
    ['one failure keeps it initial', INITIAL, ['error'], 'initial'],
    ['the unhealthy threshold of failures makes it unhealthy', INITIAL, ['error', 'timeout'], 'unhealthy'],
    ['a healthy target survives one failure', { kind: 'healthy', failures: 0 }, ['error'], 'healthy'],
    ['a healthy target falls after two', { kind: 'healthy', failures: 0 }, ['mismatch', 'mismatch'], 'unhealthy'],
    ['a pass resets the failure count', { kind: 'healthy', failures: 0 }, ['error', 'pass', 'error'], 'healthy'],
    [
      'recovery needs the healthy threshold',
      { kind: 'unhealthy', successes: 0, failure: { kind: 'error' } },
      ['pass', 'pass'],
      'unhealthy',
    ],
    ['recovers after three passes', { kind: 'unhealthy', successes: 0, failure: { kind: 'error' } }, ['pass', 'pass', 'pass'], 'healthy'],
  ];
  for (const [name, start, results, expected] of table) {
    it(name, () => assert.equal(run(start, results).kind, expected));
  }
  it('reports AWS reason codes and descriptions', () => {
    assert.deepEqual(describeHealth({ kind: 'unhealthy', successes: 0, failure: { kind: 'mismatch', code: 503 } }, false, true), {
      State: 'unhealthy',
      Reason: 'Target.ResponseCodeMismatch',
      Description: 'Health checks failed with these codes: [503]',
    });
    assert.equal(describeHealth({ kind: 'unhealthy', successes: 0, failure: { kind: 'timeout' } }, false, true).Reason, 'Target.Timeout');
    assert.equal(describeHealth(INITIAL, false, true).Reason, 'Elb.RegistrationInProgress');
    assert.equal(describeHealth({ kind: 'initial', checking: true, failures: 0 }, false, true).Reason, 'Elb.InitialHealthChecking');
    assert.equal(describeHealth({ kind: 'healthy', failures: 0 }, true, true).Reason, 'Target.DeregistrationInProgress');
    assert.deepEqual(describeHealth({ kind: 'unused' }, false, true).Reason, 'Target.NotInUse');
  });
});
