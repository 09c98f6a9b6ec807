// Resource tags as ELBv2 keeps them: at most 50 per resource, keys unique, later values replace earlier ones.
import { AwsError } from '../../aws-error.js';
import type { Tag } from './elbv2-state.js';

export const MAX_TAGS = 50;

export function checkNewTags(tags: readonly Tag[]): void {
  const seen = new Set<string>();
  for (const t of tags) {
    if (seen.has(t.Key)) throw new AwsError('DuplicateTagKeys', `Tag key '${t.Key}' is specified more than once`);
    seen.add(t.Key);
  }
}

export function mergeTags(current: readonly Tag[], added: readonly Tag[], resourceArn: string): Tag[] {
  const merged = new Map(current.map((t) => [t.Key, t] as const));
  for (const t of added) merged.set(t.Key, { Key: t.Key, Value: t.Value ?? '' });
  if (merged.size > MAX_TAGS)
    throw new AwsError(
      'TooManyTags',
      `The quota for the number of tags that can be assigned to a resource ('${MAX_TAGS}') is exceeded for '${resourceArn}'`,
    );
  return [...merged.values()];
}

export const initialTags = (input: unknown, resourceArn: string): Tag[] => {
  const tags = (Array.isArray(input) ? input : []) as Tag[];
  checkNewTags(tags);
  return mergeTags([], tags, resourceArn);
};
