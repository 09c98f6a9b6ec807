// TagResource, UntagResource and ListTagsForResource on clusters, services, task definitions, tasks and capacity providers.
import type { Handler } from '../../service.js';
import type { EcsContext } from './ecs-context.js';
import { lookupService, lookupTaskDefinition } from './ecs-context.js';
import { clusterNotFound, invalidParameter, resourceNotFound } from './ecs-errors.js';
import { arnResource, taskRefOf } from './ecs-names.js';
import type { TagRecord } from './ecs-state.js';
import { mergeTags, readTags, removeTags, tagsView } from './ecs-tags.js';

interface Tagged {
  tags: TagRecord[];
  stamp: number;
}

/** The record an ARN names; unknown clusters answer ClusterNotFoundException, other unknown resources `missing()`. */
function taggable(ctx: EcsContext, ref: string, missing: () => Error): Tagged {
  const res = arnResource(ref);
  if (res === undefined) throw invalidParameter('The ARN provided is invalid.');
  const [kind] = res.split('/');
  const rest = res.slice((kind?.length ?? 0) + 1);
  if (kind === 'cluster') {
    const c = ctx.state.clusters[rest];
    if (!c || c.status !== 'ACTIVE' || !ctx.visible(c)) throw clusterNotFound();
    return c;
  }
  if (kind === 'service') {
    const [cluster = '', name = ''] = rest.split('/');
    const c = ctx.state.clusters[cluster];
    if (!c || c.status !== 'ACTIVE') throw clusterNotFound();
    const s = lookupService(ctx, cluster, name);
    if (!s || s.status === 'INACTIVE') throw missing();
    return s;
  }
  if (kind === 'task-definition') {
    const td = lookupTaskDefinition(ctx, ref);
    if (!td || td.status === 'DELETE_IN_PROGRESS') throw missing();
    return td;
  }
  if (kind === 'task') {
    const { cluster, id } = taskRefOf(ref);
    const t = ctx.state.tasks[id];
    if (!t || (cluster !== undefined && t.clusterName !== cluster) || !ctx.visible(t)) throw missing();
    return t;
  }
  if (kind === 'capacity-provider') {
    const p = ctx.state.capacityProviders[rest];
    if (!p || p.status !== 'ACTIVE' || !ctx.visible(p)) throw missing();
    return p;
  }
  throw invalidParameter('The ARN provided is invalid.');
}

export function tagHandlers(ctx: EcsContext): Record<string, Handler> {
  const notFound = () => resourceNotFound('The specified resource could not be found.');
  return {
    TagResource: (input) => {
      const target = taggable(ctx, String(input.resourceArn), notFound);
      target.tags = mergeTags(target.tags, readTags(input.tags));
      return {};
    },
    UntagResource: (input) => {
      const target = taggable(ctx, String(input.resourceArn), notFound);
      target.tags = removeTags(target.tags, input.tagKeys as string[]);
      return {};
    },
    ListTagsForResource: (input) => {
      const target = taggable(ctx, String(input.resourceArn), () => invalidParameter('The specified resource could not be found.'));
      return { tags: tagsView(target.tags) };
    },
  };
}
