// The values templates compute with, and Go's rules for them: truth, printing (fmt's %v), comparison, length.
export type TemplateValue = string | number | boolean | null | readonly TemplateValue[] | TemplateMap;
export interface TemplateMap {
  readonly [key: string]: TemplateValue;
}

export const isList = (v: TemplateValue | undefined): v is readonly TemplateValue[] => Array.isArray(v);
export const isMap = (v: TemplateValue | undefined): v is TemplateMap => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Go's template truth: false, 0, nil and empty strings, lists and maps are false. */
export function truthy(v: TemplateValue): boolean {
  if (v === null || v === false || v === 0 || v === '') return false;
  if (isList(v)) return v.length > 0;
  if (isMap(v)) return Object.keys(v).length > 0;
  return true;
}

/** Map keys in Go's printing and ranging order (sorted). */
export const sortedKeys = (m: TemplateMap): string[] => Object.keys(m).sort();

/** fmt's %v: `[a b]` for lists, `map[k:v]` for maps (keys sorted), `<nil>` for nil. */
export function goFormat(v: TemplateValue): string {
  if (v === null) return '<nil>';
  if (isList(v)) return `[${v.map(goFormat).join(' ')}]`;
  if (isMap(v))
    return `map[${sortedKeys(v)
      .map((k) => `${k}:${goFormat(v[k]!)}`)
      .join(' ')}]`;
  return String(v);
}

/** What an action prints: nil prints "<no value>", as text/template does. */
export const printed = (v: TemplateValue): string => (v === null ? '<no value>' : goFormat(v));

/** fmt.Sprint: a space between operands when neither side is a string. */
export function goSprint(args: readonly TemplateValue[]): string {
  let out = '';
  args.forEach((a, i) => {
    if (i > 0 && typeof a !== 'string' && typeof args[i - 1] !== 'string') out += ' ';
    out += goFormat(a);
  });
  return out;
}

type Kind = 'string' | 'number' | 'bool' | 'nil' | 'list' | 'map';
const kindOf = (v: TemplateValue): Kind =>
  v === null ? 'nil' : isList(v) ? 'list' : isMap(v) ? 'map' : typeof v === 'string' ? 'string' : typeof v === 'number' ? 'number' : 'bool';

/** Go's `eq`/`ne` rule: basic values of one kind compare; lists and maps cannot; nil equals only nil. */
export function goEqual(a: TemplateValue, b: TemplateValue): boolean {
  const ka = kindOf(a);
  const kb = kindOf(b);
  if (ka === 'list' || ka === 'map' || kb === 'list' || kb === 'map') throw new Error('invalid type for comparison');
  if (ka === 'nil' || kb === 'nil') return a === b;
  if (ka !== kb) throw new Error('incompatible types for comparison');
  return a === b;
}

/** Go's `lt`: numbers and strings order; anything else cannot. */
export function goLess(a: TemplateValue, b: TemplateValue): boolean {
  const ka = kindOf(a);
  const kb = kindOf(b);
  if ((ka !== 'number' && ka !== 'string') || (kb !== 'number' && kb !== 'string')) throw new Error('invalid type for comparison');
  if (ka !== kb) throw new Error('incompatible types for comparison');
  return (a as number | string) < (b as number | string);
}

/** Go's `len`: bytes of a string (UTF-8), items of a list or map. */
export function goLen(v: TemplateValue): number {
  if (typeof v === 'string') return Buffer.byteLength(v, 'utf8');
  if (isList(v)) return v.length;
  if (isMap(v)) return Object.keys(v).length;
  throw new Error(`len of type ${kindOf(v)}`);
}
