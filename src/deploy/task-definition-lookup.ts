// Reads registered task definitions: by ARN or family:revision, the latest of a family, and a family's ACTIVE revisions.
import type { TaskDefinition, Tag } from '@aws-sdk/client-ecs';
import { awsErrorCode } from '../aws/aws-call.js';
import { UsageError } from '../core/errors.js';
import type { DeployContext } from './deploy-context.js';

export interface DescribedTaskDefinition {
  readonly taskDefinition: TaskDefinition;
  readonly tags: readonly Tag[];
}

/** undefined when AWS does not know it (ClientException "Unable to describe task definition."). */
export async function describeTaskDefinition(ctx: DeployContext, ref: string): Promise<DescribedTaskDefinition | undefined> {
  const ecs = await ctx.aws.ecs();
  try {
    const out = await ecs.describeTaskDefinition({ taskDefinition: ref, include: ['TAGS'] }, ctx.signal);
    return out.taskDefinition ? { taskDefinition: out.taskDefinition, tags: out.tags ?? [] } : undefined;
  } catch (e) {
    if (awsErrorCode(e) === 'ClientException') return undefined;
    throw e;
  }
}

export async function requireTaskDefinition(ctx: DeployContext, ref: string): Promise<DescribedTaskDefinition> {
  const td = await describeTaskDefinition(ctx, ref);
  if (!td)
    throw new UsageError(
      'TASK_DEFINITION_NOT_FOUND',
      `task definition ${ref} not found`,
      'list the registered revisions with cortado revisions',
    );
  return td;
}

/** ACTIVE revision numbers of exactly `family` (ListTaskDefinitions matches prefixes), newest first. */
export async function activeRevisions(ctx: DeployContext, family: string): Promise<number[]> {
  const ecs = await ctx.aws.ecs();
  const revisions: number[] = [];
  let nextToken: string | undefined;
  do {
    const out = await ecs.listTaskDefinitions(
      { familyPrefix: family, status: 'ACTIVE', sort: 'DESC', ...(nextToken ? { nextToken } : {}) },
      ctx.signal,
    );
    for (const arn of out.taskDefinitionArns ?? []) {
      const m = /task-definition\/(.+):(\d+)$/.exec(arn);
      if (m && m[1] === family) revisions.push(Number(m[2]));
    }
    nextToken = out.nextToken;
  } while (nextToken);
  return revisions.sort((a, b) => b - a);
}
