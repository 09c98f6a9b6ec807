// AWS tags as a plain map and in each service's spelling ({key, value} for ECS, {Key, Value} for ELBv2): what cortado tags it makes.
export const TAG_MANAGED_BY = 'cortado:managed-by';
export const MANAGED_BY = 'cortado';

export type TagMap = Readonly<Record<string, string>>;

/** ECS spells tags `{key, value}`. */
export const ecsTags = (t: TagMap): { key: string; value: string }[] => Object.entries(t).map(([key, value]) => ({ key, value }));
/** ELBv2 spells them `{Key, Value}`. */
export const elbTags = (t: TagMap): { Key: string; Value: string }[] => Object.entries(t).map(([Key, Value]) => ({ Key, Value }));

export function tagMap(
  tags:
    | ReadonlyArray<{ key?: string | undefined; value?: string | undefined } | { Key?: string | undefined; Value?: string | undefined }>
    | undefined,
): TagMap {
  const out: Record<string, string> = {};
  for (const t of tags ?? []) {
    const key = 'key' in t ? t.key : 'Key' in t ? t.Key : undefined;
    const value = 'value' in t ? t.value : 'Value' in t ? t.Value : undefined;
    if (key !== undefined) out[key] = value ?? '';
  }
  return out;
}
