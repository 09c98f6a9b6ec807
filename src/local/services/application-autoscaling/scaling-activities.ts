// Scaling activities: what a policy did to a scalable target, kept newest first, as DescribeScalingActivities returns them.
import { uuid } from '../../ids.js';
import type { TargetKey } from './scaling-rules.js';

export interface ActivityRecord extends TargetKey {
  readonly ActivityId: string;
  readonly Description: string;
  readonly Cause: string;
  readonly StartTime: number;
  readonly EndTime: number;
  readonly StatusCode: 'Successful' | 'Failed';
  readonly StatusMessage: string;
}

/** Activities older than six weeks are not returned [AAS API: DescribeScalingActivities]. */
export const ACTIVITY_RETENTION_MS = 42 * 86_400_000;

/** Texts as ECS targets show them: "Setting desired count to 2." caused by "monitor alarm ... in state ALARM triggered policy ...". */
export function scalingActivity(
  k: TargetKey,
  a: {
    readonly to: number;
    readonly alarmName: string;
    readonly state: string;
    readonly policyName: string;
    readonly at: number;
    readonly error?: string;
  },
): ActivityRecord {
  const unit = k.ServiceNamespace === 'ecs' ? 'desired count' : 'capacity';
  return {
    ServiceNamespace: k.ServiceNamespace,
    ResourceId: k.ResourceId,
    ScalableDimension: k.ScalableDimension,
    ActivityId: uuid(),
    Description: `Setting ${unit} to ${a.to}.`,
    Cause: `monitor alarm ${a.alarmName} in state ${a.state} triggered policy ${a.policyName}`,
    StartTime: a.at,
    EndTime: a.at,
    StatusCode: a.error === undefined ? 'Successful' : 'Failed',
    StatusMessage:
      a.error === undefined
        ? `Successfully set ${unit} to ${a.to}. Change successfully fulfilled by ${k.ServiceNamespace}.`
        : `Failed to set ${unit} to ${a.to}. Reason: ${a.error}`,
  };
}

export const activityView = (a: ActivityRecord) => ({ ...a, StartTime: new Date(a.StartTime), EndTime: new Date(a.EndTime) });

/** Newest first, filtered as DescribeScalingActivities filters. */
export function matchingActivities(
  all: readonly ActivityRecord[],
  q: { readonly ServiceNamespace: string; readonly ResourceId?: string; readonly ScalableDimension?: string },
  now: number,
): ActivityRecord[] {
  return all
    .filter(
      (a) =>
        a.ServiceNamespace === q.ServiceNamespace &&
        (q.ResourceId === undefined || a.ResourceId === q.ResourceId) &&
        (q.ScalableDimension === undefined || a.ScalableDimension === q.ScalableDimension) &&
        a.StartTime >= now - ACTIVITY_RETENTION_MS,
    )
    .sort((x, y) => y.StartTime - x.StartTime);
}
