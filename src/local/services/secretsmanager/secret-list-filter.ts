// ListSecrets filters (pure): prefix matches per key, `!` negation, and the word search of the `all` key.
export interface SecretFilter {
  readonly Key?: string;
  readonly Values?: readonly string[];
}

export interface FilterableSecret {
  readonly name: string;
  readonly description?: string;
  readonly tags: ReadonlyArray<{ readonly Key: string; readonly Value: string }>;
}

function candidates(s: FilterableSecret, key: string): readonly string[] {
  switch (key) {
    case 'name':
      return [s.name];
    case 'description':
      return s.description === undefined ? [] : [s.description];
    case 'tag-key':
      return s.tags.map((t) => t.Key);
    case 'tag-value':
      return s.tags.map((t) => t.Value);
    // Sandbox secrets are neither replicated nor owned by another service.
    case 'primary-region':
    case 'owning-service':
      return [];
    default:
      return [s.name, s.description ?? '', ...s.tags.flatMap((t) => [t.Key, t.Value])];
  }
}

function hit(s: FilterableSecret, key: string, value: string): boolean {
  const fields = candidates(s, key);
  if (key === 'all') {
    const words = value.toLowerCase().split(/\s+/).filter(Boolean);
    const haystack = fields.join(' ').toLowerCase();
    return words.every((w) => haystack.includes(w));
  }
  if (key === 'description') return fields.some((f) => f.toLowerCase().startsWith(value.toLowerCase()));
  return fields.some((f) => f.startsWith(value));
}

/** Filters AND together; within a filter any positive value may match and no `!value` may. */
export function secretListFilter(filters: readonly SecretFilter[]): (s: FilterableSecret) => boolean {
  return (s) =>
    filters.every((f) => {
      const key = f.Key ?? 'all';
      const values = f.Values ?? [];
      const positive = values.filter((v) => !v.startsWith('!'));
      const negative = values.filter((v) => v.startsWith('!')).map((v) => v.slice(1));
      return (positive.length === 0 || positive.some((v) => hit(s, key, v))) && negative.every((v) => !hit(s, key, v));
    });
}
