// EventBridge Scheduler's records (schedule groups, schedules), their ARNs, and the views its operations answer with.
import { AwsError } from '../../aws-error.js';

export type Json = Record<string, unknown>;

export interface GroupRecord {
  readonly name: string;
  readonly arn: string;
  /** The default group has no dates (it was never created by anyone). */
  readonly creationDate?: number;
  lastModificationDate?: number;
  state: 'ACTIVE' | 'DELETING';
  tags: { Key: string; Value: string }[];
}

/** A schedule as CreateSchedule/UpdateSchedule left it, with AWS's defaults filled in. */
export interface ScheduleRecord {
  readonly name: string;
  readonly groupName: string;
  readonly arn: string;
  readonly creationDate: number;
  lastModificationDate: number;
  config: ScheduleConfig;
}

export interface ScheduleConfig {
  readonly scheduleExpression: string;
  readonly scheduleExpressionTimezone: string;
  readonly flexibleTimeWindow: { readonly Mode: 'OFF' | 'FLEXIBLE'; readonly MaximumWindowInMinutes?: number };
  readonly target: Json & { readonly Arn: string; readonly RoleArn: string; readonly RetryPolicy: RetryPolicy };
  readonly state: 'ENABLED' | 'DISABLED';
  readonly actionAfterCompletion: 'NONE' | 'DELETE';
  readonly description?: string | undefined;
  readonly startDate?: number | undefined;
  readonly endDate?: number | undefined;
  readonly kmsKeyArn?: string | undefined;
}

export interface RetryPolicy {
  readonly MaximumEventAgeInSeconds: number;
  readonly MaximumRetryAttempts: number;
}

export interface SchedulerState {
  readonly groups: Map<string, GroupRecord>;
  /** Keyed `group/name`. */
  readonly schedules: Map<string, ScheduleRecord>;
}

export interface ArnScope {
  readonly region: string;
  readonly accountId: string;
}

export const DEFAULT_GROUP = 'default';

export const groupArn = (scope: ArnScope, name: string): string =>
  `arn:aws:scheduler:${scope.region}:${scope.accountId}:schedule-group/${name}`;
export const scheduleArn = (scope: ArnScope, group: string, name: string): string =>
  `arn:aws:scheduler:${scope.region}:${scope.accountId}:schedule/${group}/${name}`;
export const scheduleKey = (group: string, name: string): string => `${group}/${name}`;

export function emptyState(scope: ArnScope): SchedulerState {
  const groups = new Map<string, GroupRecord>();
  groups.set(DEFAULT_GROUP, { name: DEFAULT_GROUP, arn: groupArn(scope, DEFAULT_GROUP), state: 'ACTIVE', tags: [] });
  return { groups, schedules: new Map() };
}

export const groupNotFound = (name: string): AwsError =>
  new AwsError('ResourceNotFoundException', `Schedule group ${name} does not exist.`, 404);
export const scheduleNotFound = (name: string): AwsError =>
  new AwsError('ResourceNotFoundException', `Schedule ${name} does not exist.`, 404);
export const validation = (message: string): AwsError => new AwsError('ValidationException', message, 400);

/** An ACTIVE group, or ResourceNotFoundException. */
export function activeGroup(state: SchedulerState, name: string): GroupRecord {
  const g = state.groups.get(name);
  if (!g || g.state !== 'ACTIVE') throw groupNotFound(name);
  return g;
}

const date = (ms: number | undefined): Date | undefined => (ms === undefined ? undefined : new Date(ms));
const compact = (o: Json): Json => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

export const groupView = (g: GroupRecord): Json =>
  compact({
    Arn: g.arn,
    Name: g.name,
    State: g.state,
    CreationDate: date(g.creationDate),
    LastModificationDate: date(g.lastModificationDate),
  });

export function scheduleView(s: ScheduleRecord): Json {
  const c = s.config;
  return compact({
    ActionAfterCompletion: c.actionAfterCompletion,
    Arn: s.arn,
    CreationDate: new Date(s.creationDate),
    Description: c.description,
    EndDate: date(c.endDate),
    FlexibleTimeWindow: c.flexibleTimeWindow,
    GroupName: s.groupName,
    KmsKeyArn: c.kmsKeyArn,
    LastModificationDate: new Date(s.lastModificationDate),
    Name: s.name,
    ScheduleExpression: c.scheduleExpression,
    ScheduleExpressionTimezone: c.scheduleExpressionTimezone,
    StartDate: date(c.startDate),
    State: c.state,
    Target: c.target,
  });
}

export const scheduleSummary = (s: ScheduleRecord): Json => ({
  Arn: s.arn,
  CreationDate: new Date(s.creationDate),
  GroupName: s.groupName,
  LastModificationDate: new Date(s.lastModificationDate),
  Name: s.name,
  State: s.config.state,
  Target: { Arn: s.config.target.Arn },
});
