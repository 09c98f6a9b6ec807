// EventBridge's records: the default event bus, its rules and their targets, with the errors that name them.
import { AwsError } from '../../aws-error.js';

export type Json = Record<string, unknown>;
export type RuleState = 'ENABLED' | 'DISABLED' | 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS';

export interface RuleRecord {
  readonly name: string;
  readonly arn: string;
  eventPattern?: string | undefined;
  scheduleExpression?: string | undefined;
  state: RuleState;
  description?: string | undefined;
  roleArn?: string | undefined;
  tags: { Key: string; Value: string }[];
  /** Targets as PutTargets gave them, by Id, in the order they were first put. */
  readonly targets: Map<string, Json>;
  readonly createdAt: number;
}

export interface EventsState {
  readonly rules: Map<string, RuleRecord>;
}

export interface ArnScope {
  readonly region: string;
  readonly accountId: string;
}

export const DEFAULT_BUS = 'default';
/** Targets a rule may have [DG EventBridge:"EventBridge quotas": 5 targets per rule]. */
export const MAX_TARGETS = 5;

export const busArn = (scope: ArnScope): string => `arn:aws:events:${scope.region}:${scope.accountId}:event-bus/${DEFAULT_BUS}`;
export const ruleArn = (scope: ArnScope, name: string): string => `arn:aws:events:${scope.region}:${scope.accountId}:rule/${name}`;

/** The sandbox has one event bus: `default`, by name or ARN; any other answers ResourceNotFoundException. */
export function checkBus(scope: ArnScope, nameOrArn: unknown): void {
  if (nameOrArn === undefined || nameOrArn === DEFAULT_BUS || nameOrArn === busArn(scope)) return;
  const name = String(nameOrArn).replace(/^arn:aws[\w-]*:events:[^:]+:\d{12}:event-bus\//, '');
  throw new AwsError('ResourceNotFoundException', `Event bus ${name} does not exist.`);
}

export function findRule(state: EventsState, scope: ArnScope, name: string, bus?: unknown): RuleRecord {
  checkBus(scope, bus);
  const r = state.rules.get(name);
  if (!r) throw new AwsError('ResourceNotFoundException', `Rule ${name} does not exist on EventBus ${DEFAULT_BUS}.`);
  return r;
}

const compact = (o: Json): Json => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

export const ruleView = (r: RuleRecord): Json =>
  compact({
    Name: r.name,
    Arn: r.arn,
    EventPattern: r.eventPattern,
    ScheduleExpression: r.scheduleExpression,
    State: r.state,
    Description: r.description,
    RoleArn: r.roleArn,
    EventBusName: DEFAULT_BUS,
  });
