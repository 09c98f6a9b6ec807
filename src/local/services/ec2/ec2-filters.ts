// EC2's Filter.N.Name / Filter.N.Value.M: every filter must match (values OR'ed), `*` and `?` wildcards, tag filters.
import { invalidValue } from './ec2-errors.js';

export interface FilterInput {
  readonly Name?: string;
  readonly Values?: readonly string[];
}

/** The values a resource has for each filter name it supports (booleans as 'true'/'false'). */
export type FilterFields = Readonly<Record<string, ReadonlyArray<string | undefined>>>;

const patternCache = new Map<string, RegExp>();

function matcher(value: string): RegExp {
  let re = patternCache.get(value);
  if (!re) {
    const source = value
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.');
    re = new RegExp(`^${source}$`, 's');
    if (patternCache.size > 1000) patternCache.clear();
    patternCache.set(value, re);
  }
  return re;
}

const anyMatches = (have: ReadonlyArray<string | undefined>, wanted: readonly string[]) =>
  have.some((h) => h !== undefined && wanted.some((w) => matcher(w).test(h)));

/** Checks the filter names first (an unknown one is refused even when nothing would be filtered). */
export function checkFilters(filters: unknown, known: readonly string[]): readonly FilterInput[] {
  const list = (Array.isArray(filters) ? filters : []) as FilterInput[];
  for (const f of list) {
    const name = f.Name ?? '';
    if (name.startsWith('tag:') || name === 'tag-key' || name === 'tag-value') continue;
    if (!known.includes(name)) throw invalidValue(`The filter '${name}' is invalid`);
  }
  return list;
}

export function matchesFilters(
  filters: readonly FilterInput[],
  fields: FilterFields,
  tags: ReadonlyMap<string, string> | undefined,
): boolean {
  return filters.every((f) => {
    const name = f.Name ?? '';
    const values = f.Values ?? [];
    if (name.startsWith('tag:')) return anyMatches([tags?.get(name.slice(4))], values);
    if (name === 'tag-key') return anyMatches([...(tags?.keys() ?? [])], values);
    if (name === 'tag-value') return anyMatches([...(tags?.values() ?? [])], values);
    return anyMatches(fields[name] ?? [], values);
  });
}

/** Filters a list: `fieldsOf` names what each item has for the filters, `known` the filter names the operation takes. */
export function applyFilters<T>(
  items: readonly T[],
  filters: unknown,
  known: readonly string[],
  fieldsOf: (item: T) => FilterFields,
  tagsOf: (item: T) => ReadonlyMap<string, string> | undefined,
): T[] {
  const list = checkFilters(filters, known);
  return list.length === 0 ? [...items] : items.filter((i) => matchesFilters(list, fieldsOf(i), tagsOf(i)));
}
