// A small schema language for AWS API shapes (value rules), and a checker that reports every wrong value with its path and what was expected.
export type Shape =
  | { readonly t: 'string'; readonly pattern?: RegExp; readonly hint?: string }
  | { readonly t: 'int'; readonly min?: number; readonly max?: number }
  | { readonly t: 'boolean' }
  | { readonly t: 'enum'; readonly values: readonly string[] }
  | { readonly t: 'list'; readonly of: Shape; readonly minItems?: number }
  | { readonly t: 'map'; readonly of: Shape }
  | { readonly t: 'struct'; readonly fields: Readonly<Record<string, Shape>>; readonly required?: readonly string[] }
  /** Anything (a nested shape we pass through to AWS unchecked). */
  | { readonly t: 'any' };

export interface ShapeIssue {
  readonly path: string;
  readonly message: string;
}

/** Wrong values only: which keys exist is the SDK's schemas' business (definition-fields.ts). */
export interface ShapeReport {
  readonly errors: readonly ShapeIssue[];
}

export const S = {
  str: (pattern?: RegExp, hint?: string): Shape => (pattern ? { t: 'string', pattern, ...(hint ? { hint } : {}) } : { t: 'string' }),
  int: (min?: number, max?: number): Shape => ({ t: 'int', ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) }),
  bool: { t: 'boolean' } as Shape,
  any: { t: 'any' } as Shape,
  oneOf: (...values: string[]): Shape => ({ t: 'enum', values }),
  list: (of: Shape, minItems?: number): Shape => ({ t: 'list', of, ...(minItems !== undefined ? { minItems } : {}) }),
  map: (of: Shape): Shape => ({ t: 'map', of }),
  struct: (fields: Record<string, Shape>, required?: string[]): Shape => ({ t: 'struct', fields, ...(required ? { required } : {}) }),
} as const;

export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (Array.isArray(v)) return `a list (${JSON.stringify(v).slice(0, 60)})`;
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v)}`;
  return `${typeof v} ${JSON.stringify(v)}`;
}

export { suggest } from '../../core/suggest.js';

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

function check(v: unknown, shape: Shape, path: string, errors: ShapeIssue[]): void {
  const bad = (expected: string): void => {
    errors.push({ path, message: `expected ${expected}, got ${describeValue(v)}` });
  };
  switch (shape.t) {
    case 'any':
      return;
    case 'string':
      if (typeof v !== 'string') return bad('a string');
      if (shape.pattern && !shape.pattern.test(v)) bad(shape.hint ?? `a string matching ${shape.pattern}`);
      return;
    case 'int':
      if (typeof v !== 'number' || !Number.isInteger(v)) return bad('an integer');
      if ((shape.min !== undefined && v < shape.min) || (shape.max !== undefined && v > shape.max))
        bad(`an integer between ${shape.min ?? '-∞'} and ${shape.max ?? '∞'}`);
      return;
    case 'boolean':
      if (typeof v !== 'boolean') bad('true or false');
      return;
    case 'enum':
      if (typeof v !== 'string' || !shape.values.includes(v)) bad(`one of ${shape.values.join(', ')}`);
      return;
    case 'list':
      if (!Array.isArray(v)) return bad('a list');
      if (shape.minItems !== undefined && v.length < shape.minItems) return bad(`a list of at least ${shape.minItems} item(s)`);
      v.forEach((item, i) => check(item, shape.of, `${path}[${i}]`, errors));
      return;
    case 'map':
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return bad('an object of name: value pairs');
      for (const [k, item] of Object.entries(v)) check(item, shape.of, join(path, k), errors);
      return;
    case 'struct': {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return bad('an object');
      const rec = v as Record<string, unknown>;
      for (const r of shape.required ?? [])
        if (rec[r] === undefined || rec[r] === null) errors.push({ path: join(path, r), message: 'is required' });
      for (const [k, item] of Object.entries(rec)) {
        const f = shape.fields[k];
        if (f && item !== null) check(item, f, join(path, k), errors);
      }
    }
  }
}

export function checkShape(value: unknown, shape: Shape): ShapeReport {
  const errors: ShapeIssue[] = [];
  check(value, shape, '', errors);
  return { errors };
}

/**
 * Pure: a copy of `value` without the struct fields whose shape is an enum and whose value is "" — what ecspresso passes through
 * to the Go SDK, which leaves an empty enum out of the request (`appProtocol: ""` means "not set"). Returns the dropped paths.
 */
export function dropEmptyEnums(value: unknown, shape: Shape, path = ''): { value: unknown; dropped: string[] } {
  const dropped: string[] = [];
  const walk = (v: unknown, s: Shape, p: string): unknown => {
    if (s.t === 'list' && Array.isArray(v)) return v.map((x, i) => walk(x, s.of, `${p}[${i}]`));
    if (s.t === 'map' && typeof v === 'object' && v !== null && !Array.isArray(v))
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, s.of, join(p, k))]));
    if (s.t !== 'struct' || typeof v !== 'object' || v === null || Array.isArray(v)) return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const f = s.fields[k];
      if (f?.t === 'enum' && x === '') dropped.push(join(p, k));
      else out[k] = f ? walk(x, f, join(p, k)) : x;
    }
    return out;
  };
  return { value: walk(value, shape, path), dropped };
}
