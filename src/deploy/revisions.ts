// `revisions`: the family's ACTIVE revisions (marking the one the service runs), or one revision's definition.
import type { TaskDefinition } from '@aws-sdk/client-ecs';
import type { DeployContext } from './deploy-context.js';
import { findService, familyRevision } from './service-lookup.js';
import { activeRevisions, requireTaskDefinition } from './task-definition-lookup.js';

export interface RevisionsResult {
  readonly family: string;
  readonly revisions: readonly { readonly revision: number; readonly current: boolean }[];
}

export async function revisions(ctx: DeployContext): Promise<RevisionsResult> {
  const family = (await ctx.taskDefinition()).family!;
  const svc = ctx.config.service ? await findService(ctx) : undefined;
  const current = svc?.taskDefinition ? familyRevision(svc.taskDefinition) : undefined;
  const revs = await activeRevisions(ctx, family);
  return { family, revisions: revs.map((r) => ({ revision: r, current: current?.family === family && current.revision === r })) };
}

export async function revision(ctx: DeployContext, n: number): Promise<TaskDefinition> {
  const family = (await ctx.taskDefinition()).family!;
  return (await requireTaskDefinition(ctx, `${family}:${n}`)).taskDefinition;
}
