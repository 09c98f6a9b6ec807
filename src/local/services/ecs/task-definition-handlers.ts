// Register/Describe/List/Deregister/Delete task definitions, and ListTaskDefinitionFamilies.
import { paginate } from '../../paginate.js';
import type { Handler } from '../../service.js';
import { type EcsContext, lookupTaskDefinition } from './ecs-context.js';
import { badMaxResults, badNextToken, clientError } from './ecs-errors.js';
import { taskDefinitionArn, taskDefinitionRefOf } from './ecs-names.js';
import type { Json, TaskDefinitionRecord } from './ecs-state.js';
import { checkTagCount, readTags, tagsView } from './ecs-tags.js';
import { compact } from './task-views.js';
import { normaliseTaskDefinition } from './task-definition-rules.js';

const MAX_DELETE = 10;

export const taskDefinitionView = (ctx: EcsContext, td: TaskDefinitionRecord): Json =>
  compact({
    ...td.body,
    taskDefinitionArn: td.arn,
    revision: td.revision,
    status: td.status,
    registeredAt: new Date(td.registeredAt),
    registeredBy: `arn:aws:iam::${ctx.scope.accountId}:root`,
    deregisteredAt: td.deregisteredAt === undefined ? undefined : new Date(td.deregisteredAt),
    deleteRequestedAt: td.deleteRequestedAt === undefined ? undefined : new Date(td.deleteRequestedAt),
  });

const allRevisions = (ctx: EcsContext): TaskDefinitionRecord[] =>
  Object.values(ctx.state.taskDefinitions)
    .flat()
    .filter((td) => ctx.visible(td));

/** A specific revision (family:revision or ARN) in any status, for Deregister/Delete. */
function exactRevision(ctx: EcsContext, ref: string): TaskDefinitionRecord | undefined {
  const parsed = taskDefinitionRefOf(ref);
  if (!parsed || parsed.revision === undefined) return undefined;
  return lookupTaskDefinition(ctx, ref);
}

export function taskDefinitionHandlers(ctx: EcsContext): Record<string, Handler> {
  return {
    RegisterTaskDefinition: (input) => {
      const { body, family } = normaliseTaskDefinition(input);
      const tags = readTags(input.tags);
      checkTagCount(tags);
      const revisions = (ctx.state.taskDefinitions[family] ??= []);
      const revision = revisions.length + 1;
      const td: TaskDefinitionRecord = {
        arn: taskDefinitionArn(ctx.scope, family, revision),
        family,
        revision,
        status: 'ACTIVE',
        body,
        registeredAt: ctx.now(),
        tags,
        stamp: ctx.env.consistency.stamp(),
      };
      revisions.push(td);
      return { taskDefinition: taskDefinitionView(ctx, td), tags: tagsView(tags) };
    },

    DescribeTaskDefinition: (input) => {
      const td = lookupTaskDefinition(ctx, String(input.taskDefinition));
      if (!td) throw clientError('Unable to describe task definition.');
      const include = (input.include as string[] | undefined) ?? [];
      return { taskDefinition: taskDefinitionView(ctx, td), ...(include.includes('TAGS') ? { tags: tagsView(td.tags) } : {}) };
    },

    ListTaskDefinitions: (input) => {
      const status = (input.status as string | undefined) ?? 'ACTIVE';
      const family = input.familyPrefix as string | undefined;
      const desc = input.sort === 'DESC';
      const arns = allRevisions(ctx)
        .filter((td) => td.status === status && (family === undefined || td.family === family))
        .sort((a, b) => (a.family === b.family ? a.revision - b.revision : a.family < b.family ? -1 : 1))
        .map((td) => td.arn);
      if (desc) arns.reverse();
      const page = paginate(
        arns,
        input,
        { defaultSize: 100, maxSize: 100, badToken: badNextToken, badSize: badMaxResults(100) },
        `td:${status}:${family ?? ''}:${desc ? 'D' : 'A'}`,
      );
      return { taskDefinitionArns: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
    },

    ListTaskDefinitionFamilies: (input) => {
      const status = (input.status as string | undefined) ?? 'ACTIVE';
      const prefix = (input.familyPrefix as string | undefined) ?? '';
      const families = Object.keys(ctx.state.taskDefinitions)
        .filter((f) => f.startsWith(prefix))
        .sort()
        .filter((f) => {
          const revs = (ctx.state.taskDefinitions[f] ?? []).filter((r) => ctx.visible(r));
          if (revs.length === 0) return false;
          const active = revs.some((r) => r.status === 'ACTIVE');
          return status === 'ALL' || (status === 'ACTIVE' ? active : !active);
        });
      const page = paginate(
        families,
        input,
        { defaultSize: 100, maxSize: 100, badToken: badNextToken, badSize: badMaxResults(100) },
        `fam:${status}:${prefix}`,
      );
      return { families: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
    },

    DeregisterTaskDefinition: (input) => {
      const ref = String(input.taskDefinition);
      const td = exactRevision(ctx, ref);
      if (!td) {
        if (taskDefinitionRefOf(ref)?.revision === undefined) throw clientError('Invalid revision number. Number: ');
        throw clientError('The specified task definition does not exist.');
      }
      if (td.status === 'DELETE_IN_PROGRESS') throw clientError('The specified task definition does not exist.');
      if (td.status === 'ACTIVE') {
        td.status = 'INACTIVE';
        td.deregisteredAt = ctx.now();
      }
      return { taskDefinition: taskDefinitionView(ctx, td) };
    },

    DeleteTaskDefinitions: (input) => {
      const refs = input.taskDefinitions as string[];
      if (refs.length > MAX_DELETE) throw clientError(`You can specify up to ${MAX_DELETE} task definitions in a single request.`);
      const taskDefinitions: Json[] = [];
      const failures: Json[] = [];
      for (const ref of refs) {
        const td = exactRevision(ctx, ref);
        if (!td) {
          failures.push({ arn: ref, reason: 'TASK_DEFINITION_NOT_FOUND', detail: 'The specified task definition does not exist.' });
        } else if (td.status === 'ACTIVE') {
          failures.push({
            arn: td.arn,
            reason: 'The specified task definition is still in ACTIVE status. Please deregister the target and try again.',
          });
        } else {
          if (td.status === 'INACTIVE') {
            td.status = 'DELETE_IN_PROGRESS';
            td.deleteRequestedAt = ctx.now();
          }
          taskDefinitions.push(taskDefinitionView(ctx, td));
        }
      }
      return { taskDefinitions, failures };
    },
  };
}
