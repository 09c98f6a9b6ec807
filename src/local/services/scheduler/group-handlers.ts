// Schedule groups (CreateScheduleGroup … DeleteScheduleGroup) and their tags (TagResource, UntagResource, ListTagsForResource).
import { AwsError } from '../../aws-error.js';
import type { SandboxClock } from '../../clock.js';
import { paginate } from '../../paginate.js';
import type { Handler } from '../../service.js';
import { listPage, type ScheduleContext } from './schedule-handlers.js';
import { DEFAULT_GROUP, groupArn, groupNotFound, groupView, validation, type GroupRecord } from './scheduler-state.js';

/** How long a deleted group stays DELETING while its schedules go (simulated; AWS gives no figure). */
const GROUP_DELETION_MS = 2000;

type Tag = { Key: string; Value: string };

export function groupHandlers(ctx: ScheduleContext, clock: SandboxClock): Record<string, Handler> {
  const { state } = ctx;
  const byArn = (arn: string): GroupRecord => {
    const name = arn.slice(arn.lastIndexOf('/') + 1);
    const g = state.groups.get(name);
    if (!g || g.arn !== arn) throw groupNotFound(name);
    return g;
  };
  const visible = (name: string): GroupRecord => {
    const g = state.groups.get(name);
    if (!g) throw groupNotFound(name);
    return g;
  };

  return {
    CreateScheduleGroup: (input) => {
      const name = input.Name as string;
      if (state.groups.has(name)) throw new AwsError('ConflictException', `Schedule group ${name} already exists.`, 409);
      const now = ctx.now();
      const g: GroupRecord = {
        name,
        arn: groupArn(ctx.scope, name),
        creationDate: now,
        lastModificationDate: now,
        state: 'ACTIVE',
        tags: [...((input.Tags as Tag[] | undefined) ?? [])],
      };
      state.groups.set(name, g);
      return { ScheduleGroupArn: g.arn };
    },
    GetScheduleGroup: (input) => groupView(visible(input.Name as string)),
    ListScheduleGroups: (input) => {
      const prefix = (input.NamePrefix as string | undefined) ?? '';
      const all = [...state.groups.values()].filter((g) => g.name.startsWith(prefix)).sort((a, b) => (a.name < b.name ? -1 : 1));
      const page = paginate(all, { nextToken: input.NextToken, maxResults: input.MaxResults }, listPage, prefix);
      return { ScheduleGroups: page.items.map(groupView), ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
    },
    DeleteScheduleGroup: (input) => {
      const name = input.Name as string;
      if (name === DEFAULT_GROUP) throw validation('You cannot delete the default schedule group.');
      const g = visible(name);
      if (g.state === 'DELETING') return {};
      g.state = 'DELETING';
      g.lastModificationDate = ctx.now();
      // The group's schedules are deleted with it; the group stays DELETING until they are gone.
      for (const [key, s] of state.schedules)
        if (s.groupName === name) {
          ctx.runner.disarm(s.arn);
          state.schedules.delete(key);
        }
      clock.after(GROUP_DELETION_MS, () => {
        if (state.groups.get(name) === g) state.groups.delete(name);
      });
      return {};
    },
    TagResource: (input) => {
      const g = byArn(input.ResourceArn as string);
      for (const tag of input.Tags as Tag[]) {
        const existing = g.tags.find((t) => t.Key === tag.Key);
        if (existing) existing.Value = tag.Value;
        else g.tags.push({ Key: tag.Key, Value: tag.Value });
      }
      return {};
    },
    UntagResource: (input) => {
      const g = byArn(input.ResourceArn as string);
      const keys = new Set(input.TagKeys as string[]);
      g.tags = g.tags.filter((t) => !keys.has(t.Key));
      return {};
    },
    ListTagsForResource: (input) => ({ Tags: byArn(input.ResourceArn as string).tags.map((t) => ({ ...t })) }),
  };
}
