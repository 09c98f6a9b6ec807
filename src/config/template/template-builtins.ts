// text/template's predefined functions (print, printf, println, index, slice, len, eq/ne/lt/le/gt/ge, not, html, urlquery);
// `and` and `or` are evaluated lazily by the renderer, as Go does.
import { sprintf } from './sprintf.js';
import { goEqual, goLen, goLess, goSprint, isList, isMap, type TemplateValue, truthy } from './template-values.js';

export type TemplateFunction = (...args: TemplateValue[]) => TemplateValue | Promise<TemplateValue>;
export type FunctionMap = ReadonlyMap<string, TemplateFunction>;

function arity(name: string, args: readonly TemplateValue[], n: number): void {
  if (args.length !== n) throw new Error(`wrong number of args for ${name}: want ${n} got ${args.length}`);
}

function indexOne(item: TemplateValue, key: TemplateValue): TemplateValue {
  if (item === null) throw new Error('index of untyped nil');
  if (isMap(item)) {
    if (typeof key !== 'string') throw new Error(`value has type ${typeof key}; should be string`);
    return item[key] ?? null;
  }
  const seq = isList(item) ? item : typeof item === 'string' ? [...Buffer.from(item)] : undefined;
  if (!seq) throw new Error(`can't index item of type ${typeof item}`);
  if (typeof key !== 'number' || !Number.isInteger(key))
    throw new Error(`cannot index slice/array with type ${key === null ? 'nil' : typeof key}`);
  if (key < 0 || key >= seq.length) throw new Error(`index out of range: ${key}`);
  return seq[key]!;
}

function sliceOf(item: TemplateValue, ...idx: TemplateValue[]): TemplateValue {
  if (typeof item !== 'string' && !isList(item)) throw new Error(`can't slice item of type ${item === null ? 'nil' : typeof item}`);
  if (idx.length > 2) throw new Error(`too many slice indexes: ${idx.length}`);
  const n = typeof item === 'string' ? Buffer.byteLength(item) : item.length;
  const [from = 0, to = n] = idx.map((i) => {
    if (typeof i !== 'number' || !Number.isInteger(i)) throw new Error('cannot index slice/array with nil');
    return i;
  });
  if (from < 0 || to > n || from > to) throw new Error(`index out of range: ${from > to ? `${from}:${to}` : to > n ? to : from}`);
  return typeof item === 'string' ? Buffer.from(item).subarray(from, to).toString() : item.slice(from, to);
}

const HTML: Readonly<Record<string, string>> = { '"': '&#34;', "'": '&#39;', '&': '&amp;', '<': '&lt;', '>': '&gt;', '\0': '\uFFFD' };
const one = (args: readonly TemplateValue[]): string => (args.length === 1 && typeof args[0] === 'string' ? args[0] : goSprint(args));

export const BUILTINS: FunctionMap = new Map<string, TemplateFunction>([
  ['print', (...xs) => goSprint(xs)],
  ['printf', (format, ...xs) => sprintf(typeof format === 'string' ? format : String(format), xs)],
  ['println', (...xs) => `${xs.map((x) => goSprint([x])).join(' ')}\n`],
  [
    'eq',
    (a, ...bs) => {
      if (bs.length === 0) throw new Error('missing argument for comparison');
      return bs.some((b) => goEqual(a ?? null, b));
    },
  ],
  ['ne', (...xs) => (arity('ne', xs, 2), !goEqual(xs[0]!, xs[1]!))],
  ['lt', (...xs) => (arity('lt', xs, 2), goLess(xs[0]!, xs[1]!))],
  ['le', (...xs) => (arity('le', xs, 2), goLess(xs[0]!, xs[1]!) || goEqual(xs[0]!, xs[1]!))],
  ['gt', (...xs) => (arity('gt', xs, 2), goLess(xs[1]!, xs[0]!))],
  ['ge', (...xs) => (arity('ge', xs, 2), goLess(xs[1]!, xs[0]!) || goEqual(xs[0]!, xs[1]!))],
  ['not', (...xs) => (arity('not', xs, 1), !truthy(xs[0]!))],
  ['len', (...xs) => (arity('len', xs, 1), goLen(xs[0]!))],
  ['index', (item, ...keys) => keys.reduce<TemplateValue>((v, k) => indexOne(v, k), item ?? null)],
  ['slice', (item, ...idx) => sliceOf(item ?? null, ...idx)],
  ['html', (...xs) => one(xs).replace(/["'&<>\0]/g, (c) => HTML[c]!)],
  [
    'urlquery',
    (...xs) =>
      encodeURIComponent(one(xs))
        .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
        .replace(/%20/g, '+'),
  ],
]);

/** Names the renderer evaluates itself (lazily), listed with the others in "function not defined" errors. */
export const LAZY_BUILTINS = ['and', 'or'] as const;
