// Finds a preview's ECS pieces: services (tags come with DescribeServices) and task definition revisions (ListTagsForResource each).
import type { Service } from '@aws-sdk/client-ecs';
import { isAwsError } from './aws-codes.js';
import { chunk, mapLimit } from './batches.js';
import type { Piece } from './env-pieces.js';
import { IN_FLIGHT, ours, type FindContext as Ctx, type Part } from './find-context.js';
import { ownerOf, tagMap, type Ownership } from './preview-tags.js';

function servicePiece(s: Service, owner: Ownership): Piece {
  return {
    kind: 'service',
    owner,
    arn: s.serviceArn ?? '',
    name: s.serviceName ?? '',
    cluster: s.clusterArn ?? '',
    status: s.status ?? 'ACTIVE',
    taskDefinition: s.taskDefinition ?? '',
    desiredCount: s.desiredCount ?? 0,
    runningCount: s.runningCount ?? 0,
    ...(s.createdAt ? { createdAt: new Date(s.createdAt) } : {}),
    targetGroupArns: (s.loadBalancers ?? []).map((l) => l.targetGroupArn ?? '').filter(Boolean),
    ...(s.loadBalancers?.[0]?.containerName ? { container: s.loadBalancers[0].containerName } : {}),
  };
}

export async function findServices(ctx: Ctx): Promise<Part & { clusterExists: boolean }> {
  const { aws, config, scope, signal } = ctx;
  const out: Part & { clusterExists: boolean } = { pieces: [], conflicts: [], clusterExists: true };
  try {
    let names: string[];
    if (scope.kind === 'env') names = [scope.names.service];
    else {
      names = [];
      let token: string | undefined;
      do {
        const page = await aws.ecs.listServices(
          { cluster: config.cluster, maxResults: 100, ...(token ? { nextToken: token } : {}) },
          signal,
        );
        names.push(...(page.serviceArns ?? []));
        token = page.nextToken;
      } while (token);
    }
    const pages = await mapLimit(chunk(names, 10), IN_FLIGHT, (services) =>
      aws.ecs.describeServices({ cluster: config.cluster, services, include: ['TAGS'] }, signal),
    );
    for (const s of pages.flatMap((p) => p.services ?? [])) {
      if (s.status === 'INACTIVE') continue;
      const owner = ownerOf(tagMap(s.tags), config.app);
      if (ours(ctx, owner)) out.pieces.push(servicePiece(s, owner));
      else if (scope.kind === 'env')
        out.conflicts.push({
          kind: 'service',
          id: s.serviceArn ?? '',
          why: `service ${s.serviceName} exists in cluster ${config.cluster} and is not tagged as this preview's`,
        });
    }
  } catch (e) {
    if (!isAwsError(e, 'ClusterNotFoundException')) throw e;
    out.clusterExists = false;
  }
  return out;
}

async function listRevisions(ctx: Ctx, family: string): Promise<Array<{ arn: string; status: 'ACTIVE' | 'INACTIVE' }>> {
  const lists = await Promise.all(
    (['ACTIVE', 'INACTIVE'] as const).map(async (status) => {
      const arns: string[] = [];
      let token: string | undefined;
      do {
        const page = await ctx.aws.ecs.listTaskDefinitions(
          { familyPrefix: family, status, maxResults: 100, ...(token ? { nextToken: token } : {}) },
          ctx.signal,
        );
        arns.push(...(page.taskDefinitionArns ?? []));
        token = page.nextToken;
      } while (token);
      return arns.map((arn) => ({ arn, status }));
    }),
  );
  return lists.flat();
}

export async function findTaskDefinitions(ctx: Ctx): Promise<Part> {
  const { aws, config, scope, signal } = ctx;
  const out: Part = { pieces: [], conflicts: [] };
  let families: string[];
  if (scope.kind === 'env') families = [scope.names.family];
  else {
    families = [];
    let token: string | undefined;
    do {
      const page = await aws.ecs.listTaskDefinitionFamilies(
        { familyPrefix: `${config.app}-`, status: 'ALL', maxResults: 100, ...(token ? { nextToken: token } : {}) },
        signal,
      );
      families.push(...(page.families ?? []));
      token = page.nextToken;
    } while (token);
  }
  const revisions = (await Promise.all(families.map((f) => listRevisions(ctx, f)))).flat();
  const tagged = await mapLimit(revisions, IN_FLIGHT, async (r) => {
    try {
      return { ...r, tags: tagMap((await aws.ecs.listTagsForResource({ resourceArn: r.arn }, signal)).tags) };
    } catch (e) {
      // Deleted between the listing and this call.
      if (isAwsError(e, 'InvalidParameterException', 'ClientException', 'ResourceNotFoundException')) return undefined;
      throw e;
    }
  });
  for (const r of tagged) {
    if (!r) continue;
    const owner = ownerOf(r.tags, config.app);
    if (ours(ctx, owner)) out.pieces.push({ kind: 'task-definition', owner, arn: r.arn, status: r.status });
    else if (scope.kind === 'env' && r.status === 'ACTIVE')
      out.conflicts.push({
        kind: 'task-definition',
        id: r.arn,
        why: `task definition family ${scope.names.family} has revisions not tagged as this preview's`,
      });
  }
  return out;
}
