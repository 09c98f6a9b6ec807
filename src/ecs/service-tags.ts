// Tags on an ECS resource as plain key/value pairs: where capabilities keep state in AWS (canary releases, leases).
import type { EcsApi } from '../aws/ecs-api.js';

export interface Tag {
  readonly key: string;
  readonly value: string;
}

const MAX_VALUE = 256;

/** ECS tag values allow letters, digits, spaces and `_ . : / = + - @` only, up to 256 characters. */
export function tagSafe(text: string, max = MAX_VALUE): string {
  const clean = text
    .replace(/%/g, ' pct')
    .replace(/[^\p{L}\p{N}\p{Z}_.:/=+\-@]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return clean.length <= max ? clean : `${clean.slice(0, max - 3)}...`;
}

export async function readTags(ecs: Pick<EcsApi, 'listTagsForResource'>, arn: string, signal: AbortSignal): Promise<Tag[]> {
  const out = await ecs.listTagsForResource({ resourceArn: arn }, signal);
  return (out.tags ?? []).map((t) => ({ key: t.key ?? '', value: t.value ?? '' }));
}

export async function writeTags(ecs: Pick<EcsApi, 'tagResource'>, arn: string, tags: readonly Tag[], signal: AbortSignal): Promise<void> {
  if (tags.length > 0) await ecs.tagResource({ resourceArn: arn, tags: tags.map((t) => ({ key: t.key, value: t.value })) }, signal);
}

export async function removeTags(
  ecs: Pick<EcsApi, 'untagResource'>,
  arn: string,
  keys: readonly string[],
  signal: AbortSignal,
): Promise<void> {
  if (keys.length > 0) await ecs.untagResource({ resourceArn: arn, tagKeys: [...keys] }, signal);
}
