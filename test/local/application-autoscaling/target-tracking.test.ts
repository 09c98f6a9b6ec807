// Table tests: the capacity a target tracking policy sets (proportional to metric/target, bounds, cooldowns, DisableScaleIn,
// suspension, deployments) and the two alarms it gets for each metric kind.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { simulatedGrid } from '../../../src/local/services/cloudwatch/period-grid.js';
import { decideScaling, trackingAlarms, type ScalingInput } from '../../../src/local/services/application-autoscaling/target-tracking.js';

const base: ScalingInput = {
  direction: 'out',
  metric: 100,
  target: 50,
  current: 2,
  min: 1,
  max: 10,
  now: 1_000_000,
  scaleOutCooldownMs: 300_000,
  scaleInCooldownMs: 300_000,
  disableScaleIn: false,
  suspended: { out: false, in: false },
  deploying: false,
};

test('decideScaling', () => {
  const rows: ReadonlyArray<readonly [string, Partial<ScalingInput>, ReturnType<typeof decideScaling>]> = [
    ['out: metric twice the target doubles the capacity', {}, { kind: 'scale', to: 4, base: 2 }],
    ['out: rounds up (2 × 60/50 = 2.4 → 3)', { metric: 60 }, { kind: 'scale', to: 3, base: 2 }],
    ['out: exactly proportional needs no rounding (2 × 75/50 = 3)', { metric: 75 }, { kind: 'scale', to: 3, base: 2 }],
    ['out: bounded by MaxCapacity', { metric: 1000 }, { kind: 'scale', to: 10, base: 2 }],
    ['out: already at max', { metric: 1000, current: 10 }, { kind: 'hold', reason: 'at-max' }],
    ['out: suspended', { suspended: { out: true, in: false } }, { kind: 'hold', reason: 'suspended' }],
    ['out: no datapoint', { metric: Number.NaN }, { kind: 'hold', reason: 'no-data' }],
    [
      'out in cooldown: the base is the capacity before the last scale-out; no second step for the same metric',
      { current: 4, lastOut: { at: 900_000, from: 2 } },
      { kind: 'hold', reason: 'cooldown' },
    ],
    [
      'out in cooldown: a larger scale-out still happens',
      { current: 4, metric: 150, lastOut: { at: 900_000, from: 2 } },
      { kind: 'scale', to: 6, base: 2 },
    ],
    [
      'out after the cooldown: from the current capacity',
      { current: 4, lastOut: { at: 600_000, from: 2 } },
      { kind: 'scale', to: 8, base: 4 },
    ],
    ['in: proportional, rounded up', { direction: 'in', metric: 20, current: 6 }, { kind: 'scale', to: 3, base: 6 }],
    ['in: bounded by MinCapacity', { direction: 'in', metric: 1, current: 6, min: 2 }, { kind: 'scale', to: 2, base: 6 }],
    ['in: already at min', { direction: 'in', metric: 1, current: 2, min: 2 }, { kind: 'hold', reason: 'at-min' }],
    [
      'in: DisableScaleIn',
      { direction: 'in', metric: 20, current: 6, disableScaleIn: true },
      { kind: 'hold', reason: 'scale-in-disabled' },
    ],
    [
      'in: suspended',
      { direction: 'in', metric: 20, current: 6, suspended: { out: false, in: true } },
      { kind: 'hold', reason: 'suspended' },
    ],
    ['in: never during a deployment', { direction: 'in', metric: 20, current: 6, deploying: true }, { kind: 'hold', reason: 'deploying' }],
    [
      'in: waits the cooldown after a scale-in',
      { direction: 'in', metric: 20, current: 6, lastIn: 800_000 },
      { kind: 'hold', reason: 'cooldown' },
    ],
    [
      'in: waits the scale-in cooldown after a scale-out too',
      { direction: 'in', metric: 20, current: 6, lastOut: { at: 800_000, from: 3 } },
      { kind: 'hold', reason: 'cooldown' },
    ],
    ['in: after the cooldown', { direction: 'in', metric: 20, current: 6, lastIn: 600_000 }, { kind: 'scale', to: 3, base: 6 }],
  ];
  for (const [name, change, expected] of rows) assert.deepEqual(decideScaling({ ...base, ...change }), expected, name);
});

test('the alarms of each metric kind, as AWS creates them', () => {
  const k = { ServiceNamespace: 'ecs', ResourceId: 'service/prod/web', ScalableDimension: 'ecs:service:DesiredCount' };
  const names = { high: 'H', low: 'L' };
  const action = 'arn:aws:autoscaling:us-east-1:000000000000:scalingPolicy:u:resource/ecs/service/prod/web:policyName/p:createdBy/c';
  const cpu = trackingAlarms(
    { TargetValue: 70, PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' } },
    k,
    names,
    action,
  )!;
  assert.deepEqual(cpu.high, {
    AlarmName: 'H',
    AlarmDescription: `DO NOT EDIT OR DELETE. For TargetTrackingScaling policy ${action}.`,
    ActionsEnabled: true,
    AlarmActions: [action],
    TreatMissingData: 'missing',
    Namespace: 'AWS/ECS',
    MetricName: 'CPUUtilization',
    Dimensions: [
      { Name: 'ClusterName', Value: 'prod' },
      { Name: 'ServiceName', Value: 'web' },
    ],
    Statistic: 'Average',
    Unit: 'Percent',
    Period: 60,
    ComparisonOperator: 'GreaterThanThreshold',
    EvaluationPeriods: 3,
    DatapointsToAlarm: 3,
    Threshold: 70,
  });
  assert.equal(cpu.low.ComparisonOperator, 'LessThanThreshold');
  assert.equal(cpu.low.EvaluationPeriods, 15);
  assert.equal(cpu.low.Threshold, 63);
  const hi = trackingAlarms(
    { TargetValue: 50, PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageMemoryUtilizationHighResolution' } },
    k,
    names,
    action,
  )!;
  assert.equal(hi.high.MetricName, 'MemoryUtilization');
  assert.equal(hi.high.Period, 20);
  assert.equal(hi.low.Period, 20);
  const alb = trackingAlarms(
    {
      TargetValue: 1000,
      PredefinedMetricSpecification: {
        PredefinedMetricType: 'ALBRequestCountPerTarget',
        ResourceLabel: 'app/web-alb/778d41231b141a0f/targetgroup/web-tg/943f017f100becff',
      },
    },
    k,
    names,
    action,
  )!;
  assert.deepEqual(
    [alb.high.Namespace, alb.high.MetricName, alb.high.Statistic, alb.high.Dimensions, alb.low.Threshold],
    ['AWS/ApplicationELB', 'RequestCountPerTarget', 'Sum', [{ Name: 'TargetGroup', Value: 'targetgroup/web-tg/943f017f100becff' }], 900],
  );
  const custom = trackingAlarms(
    { TargetValue: 5, CustomizedMetricSpecification: { Namespace: 'App', MetricName: 'QueueDepth', Statistic: 'Maximum' } },
    k,
    names,
    action,
  )!;
  assert.deepEqual(
    [custom.high.Namespace, custom.high.MetricName, custom.high.Statistic, custom.high.Period],
    ['App', 'QueueDepth', 'Maximum', 60],
  );
  assert.equal(
    trackingAlarms(
      { TargetValue: 5, PredefinedMetricSpecification: { PredefinedMetricType: 'DynamoDBReadCapacityUtilization' } },
      k,
      names,
      action,
    ),
    undefined,
  );
});

test('simulated alarm periods: compressed by the speed to whole seconds, counts rescaled to the simulated period', () => {
  assert.deepEqual(simulatedGrid(60, 60), { seconds: 1, countScale: 60 });
  assert.deepEqual(simulatedGrid(60, 20), { seconds: 3, countScale: 20 });
  assert.deepEqual(simulatedGrid(20, 20), { seconds: 1, countScale: 20 });
  assert.deepEqual(simulatedGrid(20, 60), { seconds: 1, countScale: 20 }, 'never under the store resolution of 1 s');
  assert.deepEqual(simulatedGrid(60, 1), { seconds: 60, countScale: 1 });
});
