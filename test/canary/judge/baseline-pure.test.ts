// Table tests of the baseline's pure parts: the config, the three-way split, samples from GetMetricData, the folded verdict.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Action } from '@aws-sdk/client-elastic-load-balancing-v2';
import { parseCanaryConfig } from '../../../src/canary/config/canary-config.js';
import { baselineGroupName, withBaselineShare, type BaselineWhere } from '../../../src/canary/baseline/baseline-service.js';
import { samplesOf } from '../../../src/canary/baseline/baseline-samples.js';
import { checkBounds, withJudgement } from '../../../src/canary/judge/judge-verdict.js';
import { judge } from '../../../src/canary/judge/judge-score.js';

const RULE = 'arn:aws:elasticloadbalancing:us-east-1:000000000000:listener-rule/app/lb/1/2/3';
const base = { listener_rule: RULE, steps: [10, 50, 100] };

test('baseline config: defaults, overrides, and bad input naming the field', () => {
  const spec = parseCanaryConfig({ ...base, baseline: true }, 'web');
  assert.equal(spec.baseline?.service, 'web-baseline');
  assert.equal(spec.baseline?.samplePeriodS, 1);
  assert.deepEqual(spec.baseline?.sources, { latency: 'latency', 'error-rate': 'error-rate' });
  assert.deepEqual(spec.baseline?.judge, {
    confidence: 0.95,
    outlierFactor: 3,
    minSamples: 10,
    passScore: 95,
    metrics: [
      { name: 'latency', direction: 'increase', critical: true, allowedEffect: 0.1 },
      { name: 'error-rate', direction: 'increase', critical: true, allowedEffect: 0.1, keepOutliers: true },
    ],
  });
  const custom = parseCanaryConfig(
    {
      ...base,
      interval: '10m',
      baseline: {
        service: 'web-bl',
        confidence: 0.99,
        pass_score: 50,
        sample_period: 10,
        metrics: [{ name: 'p-lat', source: 'latency', allowed_effect: '20%', critical: false, outliers: 'keep' }],
      },
    },
    'web',
  );
  assert.deepEqual(custom.baseline?.judge.metrics, [
    { name: 'p-lat', direction: 'increase', critical: false, allowedEffect: 0.2, keepOutliers: true },
  ]);
  assert.equal(custom.baseline?.judge.confidence, 0.99);
  assert.equal(parseCanaryConfig({ ...base, baseline: { enabled: false } }, 'web').baseline, undefined);
  const bad: [unknown, RegExp][] = [
    [{ metrics: [{ name: 'cpu' }] }, /canary\.baseline\.metrics\[0\]\.name: expected one of latency, error-rate/],
    [{ metrics: [{ name: 'latency', direction: 'up' }] }, /canary\.baseline\.metrics\[0\]\.direction/],
    [{ sample_period: 7 }, /canary\.baseline\.sample_period/],
    [{ confidence: 1.5 }, /canary\.baseline\.confidence/],
    [{ service: 'web' }, /canary\.baseline\.service/],
    [{ service: 'web-canary' }, /a service other than the canary one/],
    [{ metrics: [{ name: 'latency' }, { name: 'latency' }] }, /metrics\[1\]\.name/],
    [{ sample_period: 60 }, /canary\.baseline\.min_samples: expected at most 1 sample/],
  ];
  for (const [b, re] of bad) assert.throws(() => parseCanaryConfig({ ...base, baseline: b }, 'web'), re);
});

const S = 'arn:aws:elasticloadbalancing:us-east-1:0:targetgroup/web-stable/1';
const C = 'arn:aws:elasticloadbalancing:us-east-1:0:targetgroup/web-canary/2';
const B = 'arn:aws:elasticloadbalancing:us-east-1:0:targetgroup/web-canary-bl/3';
const where: BaselineWhere = {
  cluster: 'c',
  stableService: 'web',
  canaryService: 'web-canary',
  baselineService: 'web-baseline',
  canaryTargetGroupArn: C,
  stableTargetGroupArn: S,
  listenerRuleArn: RULE,
};

test('the baseline takes the canary weight from stable: stable 100 − c − b, canary c, baseline min(c, 100 − c)', () => {
  const fwd = (s: number, c: number, b?: number): Action[] => [
    {
      Type: 'forward',
      ForwardConfig: {
        TargetGroups: [
          { TargetGroupArn: S, Weight: s },
          { TargetGroupArn: C, Weight: c },
          ...(b !== undefined ? [{ TargetGroupArn: B, Weight: b }] : []),
        ],
      },
    },
  ];
  const cases: [Action[], number, Action[]][] = [
    [fwd(90, 10), 10, fwd(80, 10, 10)],
    [fwd(50, 50, 10), 50, fwd(0, 50, 50)],
    [fwd(25, 75, 10), 75, fwd(0, 75, 25)],
    [fwd(0, 100, 25), 100, fwd(0, 100)],
    [fwd(100, 0, 10), 0, fwd(100, 0)],
  ];
  for (const [actions, c, want] of cases) assert.deepEqual(withBaselineShare(actions, where, B, c), want, `canary ${c}`);
  assert.equal(baselineGroupName(C), 'web-canary-bl');
  assert.equal(baselineGroupName('arn:aws:elasticloadbalancing:us-east-1:0:targetgroup/a-very-long-target-group-name-xyz/4').length, 32);
});

test('samples: latency per period in ms; error rate per period with requests, in percent', () => {
  const t = (s: number) => new Date(1_700_000_000_000 + s * 1000);
  const results = [
    { Id: 'c0latency', Timestamps: [t(2), t(1)], Values: [0.02, 0.01] },
    { Id: 'b0requests', Timestamps: [t(1), t(2), t(3)], Values: [10, 0, 20] },
    { Id: 'b0target5xx', Timestamps: [t(3)], Values: [1] },
    { Id: 'b0connerr', Timestamps: [t(1)], Values: [1] },
  ];
  assert.deepEqual(samplesOf('latency', results, 'c0'), [10, 20]);
  assert.deepEqual(samplesOf('error-rate', results, 'b0'), [10, 5]);
  assert.deepEqual(samplesOf('latency', results, 'b0'), []);
});

test('the comparison folded into an analysis: baseline:<metric> checks, the worse status wins', () => {
  const spec = {
    confidence: 0.95,
    outlierFactor: 3,
    minSamples: 5,
    passScore: 95,
    metrics: [{ name: 'latency', direction: 'increase' as const, critical: true, allowedEffect: 0.1 }],
  };
  const range = (from: number) => Array.from({ length: 10 }, (_, i) => from + i);
  const slow = judge(spec, { latency: { canary: range(150), baseline: range(100) } });
  const v = withJudgement({ status: 'pass', checks: [{ name: 'latency', status: 'pass', value: 120, bounds: { max: 2000 } }] }, slow);
  assert.equal(v.status, 'fail');
  assert.deepEqual(
    v.checks.map((c) => [c.name, c.status, c.value, c.bounds]),
    [
      ['latency', 'pass', 120, { max: 2000 }],
      ['baseline:latency', 'fail', 47.85, { max: 10 }],
    ],
  );
  assert.equal(v.judge, slow);
  const none = judge(spec, { latency: { canary: [], baseline: range(100) } });
  assert.equal(withJudgement({ status: 'pass', checks: [] }, none).status, 'pass');
  assert.equal(withJudgement({ status: 'pass', checks: [] }, none).checks[0]?.status, 'no-data');
  assert.equal(withJudgement({ status: 'fail', checks: [] }, none).status, 'fail');
});

test('check bounds by name: a fixed bound, or the allowed effect of a judged metric in percent', () => {
  const judged = [
    { name: 'latency', direction: 'increase' as const, critical: true, allowedEffect: 0.1 },
    { name: 'rps', direction: 'decrease' as const, critical: false, allowedEffect: 0.25 },
    { name: 'x', direction: 'either' as const, critical: false, allowedEffect: 0.05 },
  ];
  const fixed = [{ name: 'latency', bounds: { max: 800 } }];
  assert.deepEqual(checkBounds(fixed, judged, 'latency'), { max: 800 });
  assert.deepEqual(checkBounds(fixed, judged, 'baseline:latency'), { max: 10 });
  assert.deepEqual(checkBounds(fixed, judged, 'baseline:rps'), { min: -25 });
  assert.deepEqual(checkBounds(fixed, judged, 'baseline:x'), { min: -5, max: 5 });
  assert.deepEqual(checkBounds(fixed, judged, 'other'), {});
});
