// The tags that mark a resource as one preview's, in each service's tag shape, and the TXT record that stands for them in Route 53.
export const TAG_ENV = 'cortado:env';
export const TAG_APP = 'cortado:app';
export const TAG_MANAGED_BY = 'cortado:managed-by';
export const TAG_UPDATED_AT = 'cortado:updated-at';
export const MANAGED_BY = 'cortado';

export type TagMap = Readonly<Record<string, string>>;

export interface Ownership {
  readonly app: string;
  readonly env: string;
  readonly updatedAt: Date;
}

export function ownershipTags(o: Ownership): TagMap {
  return { [TAG_MANAGED_BY]: MANAGED_BY, [TAG_APP]: o.app, [TAG_ENV]: o.env, [TAG_UPDATED_AT]: o.updatedAt.toISOString() };
}

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

/** The owner a resource's tags name, or undefined when cortado did not make it for `app`. */
export function ownerOf(tags: TagMap, app: string): Ownership | undefined {
  if (tags[TAG_MANAGED_BY] !== MANAGED_BY || tags[TAG_APP] !== app || !tags[TAG_ENV]) return undefined;
  const at = new Date(tags[TAG_UPDATED_AT] ?? '');
  return { app, env: tags[TAG_ENV], updatedAt: Number.isNaN(at.getTime()) ? new Date(0) : at };
}

/**
 * Route 53 records cannot carry tags, so a TXT record beside the alias carries them, as external-dns does:
 * `"cortado:managed-by=cortado cortado:app=web cortado:env=pr-42 cortado:updated-at=2026-11-22T00:00:00.000Z"`.
 */
export const ownershipTxt = (o: Ownership): string =>
  `"${Object.entries(ownershipTags(o))
    .map(([k, v]) => `${k}=${v}`)
    .join(' ')}"`;

export function parseOwnershipTxt(value: string): TagMap {
  const out: Record<string, string> = {};
  for (const pair of value.replace(/^"|"$/g, '').split(/\s+/)) {
    const i = pair.indexOf('=');
    if (i > 0) out[pair.slice(0, i)] = pair.slice(i + 1);
  }
  return out;
}
