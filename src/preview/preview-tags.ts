// The tags that mark a resource as one preview's, in each service's tag shape, and the TXT record that stands for them in Route 53.
import { MANAGED_BY, TAG_MANAGED_BY, type TagMap } from '../aws/resource-tags.js';

export { ecsTags, elbTags, MANAGED_BY, TAG_MANAGED_BY, tagMap, type TagMap } from '../aws/resource-tags.js';

export const TAG_ENV = 'cortado:env';
export const TAG_APP = 'cortado:app';
export const TAG_UPDATED_AT = 'cortado:updated-at';

export interface Ownership {
  readonly app: string;
  readonly env: string;
  readonly updatedAt: Date;
}

export function ownershipTags(o: Ownership): TagMap {
  return { [TAG_MANAGED_BY]: MANAGED_BY, [TAG_APP]: o.app, [TAG_ENV]: o.env, [TAG_UPDATED_AT]: o.updatedAt.toISOString() };
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
