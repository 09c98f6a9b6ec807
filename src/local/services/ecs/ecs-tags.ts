// ECS resource tags: AWS's limits (50 per resource, aws: reserved) and the merge/remove rules of Tag/UntagResource.
import type { TagRecord } from './ecs-state.js';
import { invalidParameter } from './ecs-errors.js';

const MAX_TAGS = 50;

/** Input tags (already checked for length/pattern by the model) → records; throws on AWS's semantic limits. */
export const readTags = (raw: unknown): TagRecord[] => {
  if (!Array.isArray(raw)) return [];
  const tags = raw.map((t) => {
    const rec = t as { key?: unknown; value?: unknown };
    return { key: String(rec.key ?? ''), value: String(rec.value ?? '') };
  });
  for (const t of tags) {
    if (t.key === '') throw invalidParameter('Tag key must not be empty.');
    if (/^aws:/i.test(t.key)) throw invalidParameter(`Tag key ${t.key} is invalid: the aws: prefix is reserved for AWS use.`);
  }
  return tags;
};

export const mergeTags = (existing: readonly TagRecord[], added: readonly TagRecord[]): TagRecord[] => {
  const byKey = new Map(existing.map((t) => [t.key, t] as const));
  for (const t of added) byKey.set(t.key, t);
  const merged = [...byKey.values()];
  if (merged.length > MAX_TAGS)
    throw invalidParameter(`A resource can have at most ${MAX_TAGS} tags; this request would leave ${merged.length}.`);
  return merged;
};

export const checkTagCount = (tags: readonly TagRecord[]): void => {
  if (tags.length > MAX_TAGS) throw invalidParameter(`A resource can have at most ${MAX_TAGS} tags; the request has ${tags.length}.`);
};

export const removeTags = (existing: readonly TagRecord[], keys: readonly string[]): TagRecord[] =>
  existing.filter((t) => !keys.includes(t.key));

export const tagsView = (tags: readonly TagRecord[]): { key: string; value: string }[] => tags.map((t) => ({ key: t.key, value: t.value }));
