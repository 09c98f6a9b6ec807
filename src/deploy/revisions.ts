// `revisions`: the family's ACTIVE revisions (marking the one the service runs), or one revision's definition.
import type { TaskDefinition } from '@aws-sdk/client-ecs';
import type { DeployContext } from './deploy-context.js';
import { findService, familyRevision, requireService } from './service-lookup.js';
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

/** `current`: what the service runs; `latest`: the family's newest ACTIVE revision; a number: that revision (ecspresso's --revision). */
export type RevisionRef = number | 'current' | 'latest';

export async function revision(ctx: DeployContext, ref: RevisionRef): Promise<TaskDefinition> {
  const family = (await ctx.taskDefinition()).family!;
  if (ref === 'current') {
    const svc = await requireService(ctx);
    return (await requireTaskDefinition(ctx, svc.taskDefinition!)).taskDefinition;
  }
  return (await requireTaskDefinition(ctx, ref === 'latest' ? family : `${family}:${ref}`)).taskDefinition;
}
