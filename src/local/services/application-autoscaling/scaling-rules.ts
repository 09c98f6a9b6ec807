// Application Auto Scaling rules (pure): target keys, ARN formats, and the checks RegisterScalableTarget/PutScalingPolicy make.
import { AwsError } from '../../aws-error.js';

export interface TargetKey {
  readonly ServiceNamespace: string;
  readonly ResourceId: string;
  readonly ScalableDimension: string;
}

export const keyOf = (k: TargetKey): string => `${k.ServiceNamespace}|${k.ResourceId}|${k.ScalableDimension}`;

export const validation = (message: string): AwsError => new AwsError('ValidationException', message);

export const targetNotFound = (k: TargetKey): AwsError =>
  new AwsError(
    'ObjectNotFoundException',
    `No scalable target registered for service namespace: ${k.ServiceNamespace}, resource ID: ${k.ResourceId}, scalable dimension: ${k.ScalableDimension}`,
  );

export const policyNotFound = (k: TargetKey, policyName: string): AwsError =>
  new AwsError(
    'ObjectNotFoundException',
    `No scaling policy found for service namespace: ${k.ServiceNamespace}, resource ID: ${k.ResourceId}, scalable dimension: ${k.ScalableDimension}, policy name: ${policyName}`,
  );

/** Every dimension is `<namespace>:<resource type>:<property>`; ECS resources are `service/<cluster>/<service>`. */
export function checkTargetKey(k: TargetKey): void {
  if (k.ScalableDimension.split(':')[0] !== k.ServiceNamespace)
    throw validation('Unsupported service namespace, resource type or scalable dimension');
  if (k.ServiceNamespace === 'ecs' && !/^service\/[^/]+\/[^/]+$/.test(k.ResourceId)) {
    throw validation(
      `Unsupported resource ID ${k.ResourceId}: for Amazon ECS services the resource ID is service/<cluster-name>/<service-name>`,
    );
  }
}

/** Min/Max after a (re-)registration: both are needed for a new target, and min may not exceed max. */
export function resolveCapacity(
  requested: { readonly MinCapacity?: number; readonly MaxCapacity?: number },
  existing?: { readonly min: number; readonly max: number },
): { readonly min: number; readonly max: number } {
  const min = requested.MinCapacity ?? existing?.min;
  const max = requested.MaxCapacity ?? existing?.max;
  if (min === undefined || max === undefined)
    throw validation('MinCapacity and MaxCapacity are required for registering a new scalable target');
  if (min < 0 || max < 0) throw validation('Capacity must be a non-negative number');
  if (min > max) throw validation(`Minimum capacity (${min}) cannot be greater than maximum capacity (${max})`);
  return { min, max };
}

export const scalableTargetArn = (region: string, accountId: string, id: string): string =>
  `arn:aws:application-autoscaling:${region}:${accountId}:scalable-target/${id}`;

/** AWS names policies under the `autoscaling` service: `scalingPolicy:<uuid>:resource/<ns>/<resource id>:policyName/<name>`. */
export const policyArn = (region: string, accountId: string, id: string, k: TargetKey, name: string): string =>
  `arn:aws:autoscaling:${region}:${accountId}:scalingPolicy:${id}:resource/${k.ServiceNamespace}/${k.ResourceId}:policyName/${name}`;

/** The service-linked role AWS uses when RegisterScalableTarget gets no RoleARN. */
export const defaultRoleArn = (accountId: string, namespace: string): string =>
  namespace === 'ecs'
    ? `arn:aws:iam::${accountId}:role/aws-service-role/ecs.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ECSService`
    : `arn:aws:iam::${accountId}:role/aws-service-role/${namespace}.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling`;

export interface PolicyInput {
  readonly PolicyType?: string;
  readonly StepScalingPolicyConfiguration?: unknown;
  readonly TargetTrackingScalingPolicyConfiguration?: {
    readonly PredefinedMetricSpecification?: { readonly PredefinedMetricType: string; readonly ResourceLabel?: string };
    readonly CustomizedMetricSpecification?: unknown;
  };
  readonly PredictiveScalingPolicyConfiguration?: unknown;
}

/** The policy type (StepScaling by default) and the configuration it requires. */
export function checkPolicy(p: PolicyInput): string {
  const type = p.PolicyType ?? 'StepScaling';
  const config =
    type === 'StepScaling'
      ? p.StepScalingPolicyConfiguration
      : type === 'TargetTrackingScaling'
        ? p.TargetTrackingScalingPolicyConfiguration
        : p.PredictiveScalingPolicyConfiguration;
  if (config === undefined)
    throw validation(
      `${type === 'StepScaling' ? 'StepScalingPolicyConfiguration' : type === 'TargetTrackingScaling' ? 'TargetTrackingScalingPolicyConfiguration' : 'PredictiveScalingPolicyConfiguration'} is required for a policy of type ${type}`,
    );
  const tt = p.TargetTrackingScalingPolicyConfiguration;
  if (type === 'TargetTrackingScaling' && tt) {
    if (!tt.PredefinedMetricSpecification === !tt.CustomizedMetricSpecification) {
      throw validation('Exactly one of PredefinedMetricSpecification and CustomizedMetricSpecification must be specified');
    }
    const spec = tt.PredefinedMetricSpecification;
    if (spec?.PredefinedMetricType === 'ALBRequestCountPerTarget' && !spec.ResourceLabel) {
      throw validation('ResourceLabel is required for the predefined metric type ALBRequestCountPerTarget');
    }
  }
  return type;
}
