// CreateSchedule, GetSchedule, UpdateSchedule, DeleteSchedule and ListSchedules.
import { AwsError } from '../../aws-error.js';
import { paginate } from '../../paginate.js';
import type { Handler } from '../../service.js';
import type { ScheduleRunner } from './schedule-runner.js';
import { scheduleConfig } from './schedule-rules.js';
import {
  activeGroup,
  DEFAULT_GROUP,
  scheduleArn,
  scheduleKey,
  scheduleNotFound,
  scheduleSummary,
  scheduleView,
  validation,
  type ArnScope,
  type SchedulerState,
  type ScheduleRecord,
} from './scheduler-state.js';

export interface ScheduleContext {
  readonly scope: ArnScope;
  readonly state: SchedulerState;
  readonly runner: ScheduleRunner;
  now(): number;
}

export const listPage = { defaultSize: 100, maxSize: 100, badToken: () => validation('Invalid NextToken.') };

export function scheduleHandlers(ctx: ScheduleContext): Record<string, Handler> {
  const { state } = ctx;
  const groupOf = (input: Record<string, unknown>): string => (input.GroupName as string | undefined) ?? DEFAULT_GROUP;
  const find = (input: Record<string, unknown>): ScheduleRecord => {
    const group = groupOf(input);
    activeGroup(state, group);
    const s = state.schedules.get(scheduleKey(group, input.Name as string));
    if (!s) throw scheduleNotFound(input.Name as string);
    return s;
  };

  return {
    CreateSchedule: (input) => {
      const name = input.Name as string;
      const group = groupOf(input);
      activeGroup(state, group);
      const now = ctx.now();
      const config = scheduleConfig(input, now);
      const key = scheduleKey(group, name);
      if (state.schedules.has(key)) throw new AwsError('ConflictException', `Schedule ${name} already exists.`, 409);
      const s: ScheduleRecord = {
        name,
        groupName: group,
        arn: scheduleArn(ctx.scope, group, name),
        creationDate: now,
        lastModificationDate: now,
        config,
      };
      state.schedules.set(key, s);
      ctx.runner.arm(s);
      return { ScheduleArn: s.arn };
    },
    GetSchedule: (input) => scheduleView(find(input)),
    UpdateSchedule: (input) => {
      const s = find(input);
      // UpdateSchedule replaces the whole schedule: what the request leaves out goes back to its default.
      s.config = scheduleConfig(input, ctx.now());
      s.lastModificationDate = ctx.now();
      ctx.runner.arm(s);
      return { ScheduleArn: s.arn };
    },
    DeleteSchedule: (input) => {
      const s = find(input);
      ctx.runner.disarm(s.arn);
      state.schedules.delete(scheduleKey(s.groupName, s.name));
      return {};
    },
    ListSchedules: (input) => {
      const group = input.GroupName as string | undefined;
      if (group !== undefined) activeGroup(state, group);
      const prefix = (input.NamePrefix as string | undefined) ?? '';
      const wanted = input.State as string | undefined;
      const all = [...state.schedules.values()]
        .filter(
          (s) => (group === undefined || s.groupName === group) && s.name.startsWith(prefix) && (!wanted || s.config.state === wanted),
        )
        .sort((a, b) => (a.groupName === b.groupName ? (a.name < b.name ? -1 : 1) : a.groupName < b.groupName ? -1 : 1));
      const page = paginate(all, { nextToken: input.NextToken, maxResults: input.MaxResults }, listPage, `${group}|${prefix}|${wanted}`);
      return { Schedules: page.items.map(scheduleSummary), ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
    },
  };
}
