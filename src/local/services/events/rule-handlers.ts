// Rules and their targets: PutRule … DeleteRule, Enable/DisableRule, PutTargets/RemoveTargets/ListTargetsByRule, tags.
import { AwsError } from '../../aws-error.js';
import { paginate } from '../../paginate.js';
import { parseScheduleExpression } from '../../schedule-expression/index.js';
import type { Handler } from '../../service.js';
import { checkEventPattern } from './event-pattern.js';
import {
  checkBus,
  DEFAULT_BUS,
  findRule,
  MAX_TARGETS,
  ruleArn,
  ruleView,
  type ArnScope,
  type EventsState,
  type Json,
  type RuleRecord,
  type RuleState,
} from './events-state.js';

export interface RuleContext {
  readonly scope: ArnScope;
  readonly state: EventsState;
  now(): number;
  /** The rule's schedule changed (PutRule, Enable/DisableRule, DeleteRule). */
  rescheduled(rule: RuleRecord | undefined, name: string): void;
}

type Tag = { Key: string; Value: string };
const validation = (message: string) => new AwsError('ValidationException', message);
const page = { defaultSize: 100, maxSize: 100, badToken: () => validation('Provided nextToken is invalid.') };

function mergeTags(into: Tag[], tags: readonly Tag[]): void {
  for (const tag of tags) {
    const existing = into.find((t) => t.Key === tag.Key);
    if (existing) existing.Value = tag.Value;
    else into.push({ Key: tag.Key, Value: tag.Value });
  }
}

export function ruleHandlers(ctx: RuleContext): Record<string, Handler> {
  const { state, scope } = ctx;
  const byArn = (arn: string): RuleRecord => {
    const m = /^arn:aws[\w-]*:events:[^:]+:\d{12}:rule\/(?:default\/)?([^/]+)$/.exec(arn);
    if (!m) throw new AwsError('ResourceNotFoundException', `Resource ${arn} does not exist.`);
    return findRule(state, scope, m[1]!);
  };

  return {
    PutRule: (input) => {
      checkBus(scope, input.EventBusName);
      const name = input.Name as string;
      const pattern = input.EventPattern as string | undefined;
      const schedule = input.ScheduleExpression as string | undefined;
      if (pattern === undefined && schedule === undefined)
        throw validation('Parameter(s) EventPattern or ScheduleExpression must be specified.');
      if (pattern !== undefined) {
        const check = checkEventPattern(pattern);
        if (check.kind === 'invalid')
          throw new AwsError('InvalidEventPatternException', `Event pattern is not valid. Reason: ${check.reason}`);
      }
      if (schedule !== undefined && parseScheduleExpression(schedule, 'rules').kind !== 'ok')
        throw validation('Parameter ScheduleExpression is not valid.');
      const existing = state.rules.get(name);
      const rule: RuleRecord = existing ?? {
        name,
        arn: ruleArn(scope, name),
        state: 'ENABLED',
        tags: [],
        targets: new Map(),
        createdAt: ctx.now(),
      };
      // PutRule replaces the rule's settings; tags are only added (TagResource/UntagResource manage them after).
      rule.eventPattern = pattern;
      rule.scheduleExpression = schedule;
      rule.state = (input.State as RuleState | undefined) ?? 'ENABLED';
      rule.description = input.Description as string | undefined;
      rule.roleArn = input.RoleArn as string | undefined;
      if (!existing) mergeTags(rule.tags, (input.Tags as Tag[] | undefined) ?? []);
      state.rules.set(name, rule);
      ctx.rescheduled(rule, name);
      return { RuleArn: rule.arn };
    },
    DescribeRule: (input) => ({
      ...ruleView(findRule(state, scope, input.Name as string, input.EventBusName)),
      CreatedBy: scope.accountId,
    }),
    ListRules: (input) => {
      checkBus(scope, input.EventBusName);
      const prefix = (input.NamePrefix as string | undefined) ?? '';
      const all = [...state.rules.values()].filter((r) => r.name.startsWith(prefix)).sort((a, b) => (a.name < b.name ? -1 : 1));
      const p = paginate(all, { nextToken: input.NextToken, maxResults: input.Limit }, page, prefix);
      return { Rules: p.items.map(ruleView), ...(p.nextToken ? { NextToken: p.nextToken } : {}) };
    },
    DeleteRule: (input) => {
      checkBus(scope, input.EventBusName);
      const name = input.Name as string;
      const rule = state.rules.get(name);
      if (!rule) return {}; // deleting a rule that does not exist succeeds
      if (rule.targets.size > 0) throw validation("Rule can't be deleted since it has targets.");
      state.rules.delete(name);
      ctx.rescheduled(undefined, name);
      return {};
    },
    EnableRule: (input) => {
      const rule = findRule(state, scope, input.Name as string, input.EventBusName);
      rule.state = 'ENABLED';
      ctx.rescheduled(rule, rule.name);
      return {};
    },
    DisableRule: (input) => {
      const rule = findRule(state, scope, input.Name as string, input.EventBusName);
      rule.state = 'DISABLED';
      ctx.rescheduled(rule, rule.name);
      return {};
    },
    PutTargets: (input) => {
      const rule = findRule(state, scope, input.Rule as string, input.EventBusName);
      const targets = input.Targets as Json[];
      const failed: Json[] = [];
      for (const t of targets) {
        const id = t.Id as string;
        if (!rule.targets.has(id) && rule.targets.size >= MAX_TARGETS)
          throw new AwsError('LimitExceededException', `The requested resource exceeds the maximum number allowed.`);
        if ([t.Input, t.InputPath, t.InputTransformer].filter((x) => x !== undefined).length > 1) {
          failed.push({
            TargetId: id,
            ErrorCode: 'ValidationException',
            ErrorMessage: 'Only one of Input, InputPath, or InputTransformer can be provided.',
          });
          continue;
        }
        rule.targets.set(id, t);
      }
      return { FailedEntryCount: failed.length, FailedEntries: failed };
    },
    RemoveTargets: (input) => {
      const rule = findRule(state, scope, input.Rule as string, input.EventBusName);
      const failed: Json[] = [];
      for (const id of input.Ids as string[]) {
        if (!rule.targets.delete(id))
          failed.push({ TargetId: id, ErrorCode: 'ResourceNotFoundException', ErrorMessage: `Target ${id} does not exist.` });
      }
      return { FailedEntryCount: failed.length, FailedEntries: failed };
    },
    ListTargetsByRule: (input) => {
      const rule = findRule(state, scope, input.Rule as string, input.EventBusName);
      const p = paginate([...rule.targets.values()], { nextToken: input.NextToken, maxResults: input.Limit }, page, rule.name);
      return { Targets: p.items, ...(p.nextToken ? { NextToken: p.nextToken } : {}) };
    },
    TagResource: (input) => {
      mergeTags(byArn(input.ResourceARN as string).tags, input.Tags as Tag[]);
      return {};
    },
    UntagResource: (input) => {
      const rule = byArn(input.ResourceARN as string);
      const keys = new Set(input.TagKeys as string[]);
      rule.tags = rule.tags.filter((t) => !keys.has(t.Key));
      return {};
    },
    ListTagsForResource: (input) => {
      const arn = input.ResourceARN as string;
      if (/:event-bus\/default$/.test(arn)) return { Tags: [] };
      return { Tags: byArn(arn).tags.map((t) => ({ ...t })) };
    },
    DescribeEventBus: (input) => {
      checkBus(scope, input.Name);
      return { Name: DEFAULT_BUS, Arn: `arn:aws:events:${scope.region}:${scope.accountId}:event-bus/${DEFAULT_BUS}` };
    },
    ListEventBuses: (input) => {
      const prefix = (input.NamePrefix as string | undefined) ?? '';
      return {
        EventBuses: DEFAULT_BUS.startsWith(prefix)
          ? [{ Name: DEFAULT_BUS, Arn: `arn:aws:events:${scope.region}:${scope.accountId}:event-bus/${DEFAULT_BUS}` }]
          : [],
      };
    },
  };
}
