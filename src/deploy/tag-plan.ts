// Pure: which service tags to add or change and which to remove so AWS matches the definition (ignore.tags left alone).
import type { Tag } from '@aws-sdk/client-ecs';

export interface TagPlan {
  readonly tag: readonly Tag[];
  readonly untag: readonly string[];
}

export function planTags(remote: readonly Tag[] | undefined, local: readonly Tag[] | undefined, ignore: readonly string[]): TagPlan {
  const want = new Map((local ?? []).filter((t) => t.key && !ignore.includes(t.key)).map((t) => [t.key!, t.value ?? '']));
  const have = new Map((remote ?? []).filter((t) => t.key && !ignore.includes(t.key)).map((t) => [t.key!, t.value ?? '']));
  return {
    tag: [...want].filter(([k, v]) => have.get(k) !== v).map(([key, value]) => ({ key, value })),
    untag: local === undefined ? [] : [...have.keys()].filter((k) => !want.has(k)),
  };
}
