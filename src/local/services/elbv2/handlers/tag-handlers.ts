// AddTags, RemoveTags, DescribeTags on load balancers, target groups, listeners and rules.
import type { Handler } from '../../../service.js';
import { arnKind, type ArnKind } from '../elbv2-arns.js';
import { strings, visible, type Elbv2Context } from '../elbv2-context.js';
import { listenerNotFound, loadBalancerNotFound, ruleNotFound, targetGroupNotFound, validation } from '../elbv2-errors.js';
import type { Tag } from '../elbv2-state.js';
import { checkNewTags, mergeTags } from '../tag-list.js';

type Tagged = { readonly tags: readonly Tag[]; readonly stamp: number };

const MAX_DESCRIBE_ARNS = 20;

export function tagHandlers(ctx: Elbv2Context): Record<string, Handler> {
  const { state } = ctx;
  const maps: Readonly<Record<ArnKind, Map<string, Tagged>>> = {
    loadbalancer: state.loadBalancers,
    targetgroup: state.targetGroups,
    listener: state.listeners,
    'listener-rule': state.rules,
  };
  const missing: Readonly<Record<ArnKind, () => Error>> = {
    loadbalancer: loadBalancerNotFound,
    targetgroup: targetGroupNotFound,
    listener: listenerNotFound,
    'listener-rule': ruleNotFound,
  };
  const resolve = (arn: string): { map: Map<string, Tagged>; record: Tagged } => {
    const kind = arnKind(arn);
    if (!kind) throw validation(`'${arn}' is not a valid resource ARN for Elastic Load Balancing`);
    const record = maps[kind].get(arn);
    if (!record || !visible(ctx, record)) throw missing[kind]();
    return { map: maps[kind], record };
  };
  const update = (arns: readonly string[], change: (tags: readonly Tag[], arn: string) => Tag[]) => {
    // Every resource is checked (and every new tag list computed) before any is changed.
    const planned = arns.map((arn) => {
      const { map, record } = resolve(arn);
      return { map, arn, next: { ...record, tags: change(record.tags, arn) } };
    });
    for (const p of planned) p.map.set(p.arn, p.next);
  };

  return {
    AddTags(input) {
      const tags = (input.Tags as Tag[]) ?? [];
      checkNewTags(tags);
      update(strings(input.ResourceArns), (current, arn) => mergeTags(current, tags, arn));
      return {};
    },

    RemoveTags(input) {
      const keys = new Set(strings(input.TagKeys));
      update(strings(input.ResourceArns), (current) => current.filter((t) => !keys.has(t.Key)));
      return {};
    },

    DescribeTags(input) {
      const arns = strings(input.ResourceArns);
      if (arns.length > MAX_DESCRIBE_ARNS) throw validation(`You can specify up to ${MAX_DESCRIBE_ARNS} resource ARNs`);
      return { TagDescriptions: arns.map((arn) => ({ ResourceArn: arn, Tags: resolve(arn).record.tags })) };
    },
  };
}
