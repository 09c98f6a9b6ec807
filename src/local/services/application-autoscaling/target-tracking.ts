// Target tracking (pure): the two alarms a policy gets, and the capacity an alarm's datapoint asks for within bounds and cooldowns.
import type { TargetKey } from './scaling-rules.js';

export interface TargetTrackingConfig {
  readonly TargetValue: number;
  readonly PredefinedMetricSpecification?: { readonly PredefinedMetricType: string; readonly ResourceLabel?: string };
  readonly CustomizedMetricSpecification?: {
    readonly MetricName?: string;
    readonly Namespace?: string;
    readonly Dimensions?: ReadonlyArray<{ readonly Name: string; readonly Value: string }>;
    readonly Statistic?: string;
    readonly Unit?: string;
    readonly Metrics?: ReadonlyArray<Record<string, unknown>>;
  };
  readonly ScaleOutCooldown?: number;
  readonly ScaleInCooldown?: number;
  readonly DisableScaleIn?: boolean;
}

/** ECS service targets wait 300 s after a scaling activity by default [AAS UG: "Define cooldown periods"]. */
export const DEFAULT_COOLDOWN_S = 300;
/** The high-resolution predefined types use ECS's 20 s metrics (newer than this machine's botocore model). */
export const HIGH_RESOLUTION_TYPES: readonly string[] = [
  'ECSServiceAverageCPUUtilizationHighResolution',
  'ECSServiceAverageMemoryUtilizationHighResolution',
];
/** AlarmLow's threshold is 90% of the target (observed on real policies: 63 for a target of 70). */
export const LOW_THRESHOLD_RATIO = 0.9;
const HIGH_DATAPOINTS = 3;
const LOW_DATAPOINTS = 15;

/** The metric part of a PutMetricAlarm input (single metric or metric math), and its period. */
type AlarmMetric = Record<string, unknown> & { readonly Period?: number };

const ecsService = (resourceId: string) => {
  const [, cluster, service] = resourceId.split('/');
  return [
    { Name: 'ClusterName', Value: cluster ?? '' },
    { Name: 'ServiceName', Value: service ?? '' },
  ];
};

/** The tracked metric as a CloudWatch alarm names it; undefined for a predefined type the sandbox does not publish. */
export function trackedMetric(c: TargetTrackingConfig, k: TargetKey): AlarmMetric | undefined {
  const p = c.PredefinedMetricSpecification;
  if (p) {
    switch (p.PredefinedMetricType) {
      case 'ECSServiceAverageCPUUtilization':
      case 'ECSServiceAverageCPUUtilizationHighResolution':
      case 'ECSServiceAverageMemoryUtilization':
      case 'ECSServiceAverageMemoryUtilizationHighResolution':
        return {
          Namespace: 'AWS/ECS',
          MetricName: p.PredefinedMetricType.includes('CPU') ? 'CPUUtilization' : 'MemoryUtilization',
          Dimensions: ecsService(k.ResourceId),
          Statistic: 'Average',
          Unit: 'Percent',
          Period: HIGH_RESOLUTION_TYPES.includes(p.PredefinedMetricType) ? 20 : 60,
        };
      case 'ALBRequestCountPerTarget': {
        const label = p.ResourceLabel ?? '';
        const tg = label.slice(label.indexOf('targetgroup/'));
        return {
          Namespace: 'AWS/ApplicationELB',
          MetricName: 'RequestCountPerTarget',
          Dimensions: [{ Name: 'TargetGroup', Value: tg }],
          Statistic: 'Sum',
          Period: 60,
        };
      }
      default:
        return undefined;
    }
  }
  const m = c.CustomizedMetricSpecification!;
  if (m.Metrics) {
    // Metric math: every MetricStat takes the policy's period (60 s; the model has no period member).
    const Metrics = m.Metrics.map((q) => {
      const stat = q.MetricStat as Record<string, unknown> | undefined;
      return { ...q, ...(stat ? { MetricStat: { ...stat, Period: 60 } } : {}) };
    });
    return { Metrics };
  }
  return {
    Namespace: m.Namespace,
    MetricName: m.MetricName,
    Dimensions: m.Dimensions ?? [],
    Statistic: m.Statistic ?? 'Average',
    ...(m.Unit ? { Unit: m.Unit } : {}),
    Period: 60,
  };
}

/** The PutMetricAlarm inputs of AlarmHigh and AlarmLow, as Application Auto Scaling creates them. */
export function trackingAlarms(
  c: TargetTrackingConfig,
  k: TargetKey,
  names: { readonly high: string; readonly low: string },
  actionArn: string,
): { readonly high: Record<string, unknown>; readonly low: Record<string, unknown> } | undefined {
  const metric = trackedMetric(c, k);
  if (!metric) return undefined;
  const common = {
    AlarmDescription: `DO NOT EDIT OR DELETE. For TargetTrackingScaling policy ${actionArn}.`,
    ActionsEnabled: true,
    AlarmActions: [actionArn],
    TreatMissingData: 'missing',
    ...metric,
  };
  return {
    high: {
      ...common,
      AlarmName: names.high,
      ComparisonOperator: 'GreaterThanThreshold',
      EvaluationPeriods: HIGH_DATAPOINTS,
      DatapointsToAlarm: HIGH_DATAPOINTS,
      Threshold: c.TargetValue,
    },
    low: {
      ...common,
      AlarmName: names.low,
      ComparisonOperator: 'LessThanThreshold',
      EvaluationPeriods: LOW_DATAPOINTS,
      DatapointsToAlarm: LOW_DATAPOINTS,
      Threshold: Math.round(c.TargetValue * LOW_THRESHOLD_RATIO * 1e6) / 1e6,
    },
  };
}

/** What the policy knows when an alarm invokes it. */
export interface ScalingInput {
  readonly direction: 'out' | 'in';
  readonly metric: number;
  readonly target: number;
  readonly current: number;
  readonly min: number;
  readonly max: number;
  readonly now: number;
  readonly scaleOutCooldownMs: number;
  readonly scaleInCooldownMs: number;
  readonly disableScaleIn: boolean;
  readonly suspended: { readonly out: boolean; readonly in: boolean };
  /** An ECS deployment is in progress: AAS holds scale-in back. */
  readonly deploying: boolean;
  /** The last scale-out (its time and the capacity before it) and the last scale-in time, if any. */
  readonly lastOut?: { readonly at: number; readonly from: number };
  readonly lastIn?: number;
}

export type ScalingDecision =
  /** `base`: the capacity the proportion was taken from (kept as the scale-out cooldown's base). */
  | { readonly kind: 'scale'; readonly to: number; readonly base: number }
  | {
      readonly kind: 'hold';
      readonly reason: 'suspended' | 'scale-in-disabled' | 'deploying' | 'cooldown' | 'at-desired' | 'at-max' | 'at-min' | 'no-data';
    };

/**
 * Capacity proportional to metric / target: ceil(base × metric / target), bounded by Min/MaxCapacity. During a scale-out
 * cooldown the base is the capacity before that scale-out (the metric still reflects it) and only a larger capacity is set;
 * scale-in waits out the scale-in cooldown after any scaling activity and never acts during a deployment.
 */
export function decideScaling(i: ScalingInput): ScalingDecision {
  if (!(i.metric >= 0) || !(i.target > 0)) return { kind: 'hold', reason: 'no-data' };
  if (i.direction === 'out') {
    if (i.suspended.out) return { kind: 'hold', reason: 'suspended' };
    const inCooldown = i.lastOut !== undefined && i.now - i.lastOut.at < i.scaleOutCooldownMs;
    const base = inCooldown ? i.lastOut!.from : i.current;
    const wanted = Math.min(i.max, Math.max(i.min, Math.ceil(base * (i.metric / i.target) - 1e-9)));
    if (wanted > i.current) return { kind: 'scale', to: wanted, base };
    if (i.current >= i.max) return { kind: 'hold', reason: 'at-max' };
    return { kind: 'hold', reason: inCooldown ? 'cooldown' : 'at-desired' };
  }
  if (i.suspended.in) return { kind: 'hold', reason: 'suspended' };
  if (i.disableScaleIn) return { kind: 'hold', reason: 'scale-in-disabled' };
  if (i.deploying) return { kind: 'hold', reason: 'deploying' };
  const last = Math.max(i.lastIn ?? -Infinity, i.lastOut?.at ?? -Infinity);
  if (i.now - last < i.scaleInCooldownMs) return { kind: 'hold', reason: 'cooldown' };
  const wanted = Math.min(i.max, Math.max(i.min, Math.ceil(i.current * (i.metric / i.target) - 1e-9)));
  if (wanted < i.current) return { kind: 'scale', to: wanted, base: i.current };
  return { kind: 'hold', reason: i.current <= i.min ? 'at-min' : 'at-desired' };
}
