// EventBridge event patterns: checked as PutRule/TestEventPattern check them, and matched against events.
//
// [DG EventBridge:"Creating event patterns", "Comparison operators for use in event patterns"]: every leaf is an
// array of values (strings, numbers, null, booleans) or content filters (prefix, suffix, equals-ignore-case,
// anything-but, numeric, exists, wildcard, cidr); `$or` lists alternatives; an array field in the event matches when
// any of its elements does.

export type PatternCheck = { readonly kind: 'ok' } | { readonly kind: 'invalid'; readonly reason: string };

type Json = unknown;
type Obj = Record<string, Json>;

const isObj = (v: Json): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
type Operator = 'prefix' | 'suffix' | 'equals-ignore-case' | 'anything-but' | 'numeric' | 'exists' | 'wildcard' | 'cidr';
const NUMERIC_OPS = ['<', '<=', '=', '>', '>='];

class PatternError extends Error {}
const bad = (reason: string): never => {
  throw new PatternError(reason);
};

function checkStringFilter(name: string, v: Json): void {
  if (typeof v === 'string') return;
  if (isObj(v) && Object.keys(v).length === 1 && typeof v['equals-ignore-case'] === 'string') return;
  bad(`${name} match pattern must be a string`);
}

function checkFilter(f: Obj): void {
  const keys = Object.keys(f);
  if (keys.length !== 1) bad('Only one key allowed in match expression');
  const op = keys[0]!;
  const v = f[op];
  switch (op) {
    case 'prefix':
    case 'suffix':
      return checkStringFilter(op, v);
    case 'equals-ignore-case':
    case 'wildcard':
      if (typeof v !== 'string') bad(`${op} match pattern must be a string`);
      return;
    case 'exists':
      if (typeof v !== 'boolean') bad('exists match pattern must be either true or false.');
      return;
    case 'cidr':
      if (typeof v !== 'string' || !/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(v)) bad('Malformed CIDR, one "/" required');
      return;
    case 'numeric': {
      if (!Array.isArray(v) || v.length === 0 || v.length > 4 || v.length % 2 !== 0) bad('Value of numeric must be an array.');
      const arr = v as Json[];
      for (let i = 0; i < arr.length; i += 2) {
        if (!NUMERIC_OPS.includes(arr[i] as string)) bad(`Unrecognized numeric range operator: ${String(arr[i])}`);
        if (typeof arr[i + 1] !== 'number') bad(`Value of ${String(arr[i])} must be numeric`);
      }
      return;
    }
    case 'anything-but': {
      if (Array.isArray(v)) {
        if (!v.every((x) => typeof x === 'string' || typeof x === 'number'))
          bad('Inside anything but list, start|null|boolean is not supported.');
        return;
      }
      if (isObj(v)) {
        const inner = Object.keys(v);
        if (inner.length !== 1 || !['prefix', 'suffix', 'equals-ignore-case', 'wildcard'].includes(inner[0]!))
          bad('Unsupported anything-but pattern');
        return;
      }
      if (typeof v !== 'string' && typeof v !== 'number') bad('Inside anything but list, start|null|boolean is not supported.');
      return;
    }
    default:
      bad(`Unrecognized match type ${op}`);
  }
}

function checkObject(p: Obj, top: boolean): void {
  if (top && Object.keys(p).length === 0) bad('Empty pattern is not allowed');
  for (const [key, value] of Object.entries(p)) {
    if (key === '$or') {
      if (!Array.isArray(value) || value.length < 2) bad('Or relationship must have at least two alternatives');
      for (const alt of value as Json[]) {
        if (!isObj(alt)) bad('Or relationship alternatives must be objects');
        checkObject(alt as Obj, false);
      }
    } else if (Array.isArray(value)) {
      if (value.length === 0) bad(`Empty arrays are not allowed`);
      for (const item of value)
        if (isObj(item)) checkFilter(item);
        else if (Array.isArray(item)) bad('Match value must be String, number, true, false, or null');
    } else if (isObj(value)) checkObject(value, false);
    else bad(`"${key}" must be an object or an array`);
  }
}

/** Parses and checks the pattern text; the reason reads as AWS's "Event pattern is not valid. Reason: ..." tail. */
export function checkEventPattern(text: string): PatternCheck {
  let parsed: Json;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return { kind: 'invalid', reason: `Filter is not valid JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (!isObj(parsed)) return { kind: 'invalid', reason: 'Filter is not an object' };
  try {
    checkObject(parsed, true);
    return { kind: 'ok' };
  } catch (e) {
    if (e instanceof PatternError) return { kind: 'invalid', reason: e.message };
    throw e;
  }
}

const stringOf = (f: Json, v: string, test: (a: string, b: string) => boolean): boolean =>
  typeof f === 'string'
    ? test(v, f)
    : isObj(f) && typeof f['equals-ignore-case'] === 'string' && test(v.toLowerCase(), f['equals-ignore-case'].toLowerCase());

function wildcard(pattern: string, v: string): boolean {
  const re = new RegExp(
    `^${pattern
      .split('*')
      .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
    's',
  );
  return re.test(v);
}

function inCidr(cidr: string, ip: unknown): boolean {
  if (typeof ip !== 'string' || !/^\d{1,3}(\.\d{1,3}){3}$/.test(ip)) return false;
  const [base = '', bits = '32'] = cidr.split('/');
  const num = (s: string) => s.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
  const size = 2 ** (32 - Number(bits));
  return Math.floor(num(ip) / size) === Math.floor(num(base) / size);
}

function numeric(conds: Json[], v: unknown): boolean {
  if (typeof v !== 'number') return false;
  for (let i = 0; i < conds.length; i += 2) {
    const n = conds[i + 1] as number;
    const ok = { '<': v < n, '<=': v <= n, '=': v === n, '>': v > n, '>=': v >= n }[conds[i] as string];
    if (!ok) return false;
  }
  return true;
}

/** One value (never an array) against one matcher. */
function matchOne(m: Json, v: Json): boolean {
  if (!isObj(m)) return m === v;
  const op = Object.keys(m)[0] as Operator;
  const arg = m[op];
  switch (op) {
    case 'prefix':
      return typeof v === 'string' && stringOf(arg, v, (a, b) => a.startsWith(b));
    case 'suffix':
      return typeof v === 'string' && stringOf(arg, v, (a, b) => a.endsWith(b));
    case 'equals-ignore-case':
      return typeof v === 'string' && v.toLowerCase() === String(arg).toLowerCase();
    case 'wildcard':
      return typeof v === 'string' && wildcard(String(arg), v);
    case 'numeric':
      return numeric(arg as Json[], v);
    case 'cidr':
      return inCidr(String(arg), v);
    case 'anything-but':
      if (Array.isArray(arg)) return !arg.some((x) => x === v);
      if (isObj(arg)) return typeof v === 'string' && !matchOne(arg, v);
      return v !== arg;
    default:
      return false;
  }
}

function matchLeaf(matchers: Json[], present: boolean, v: Json): boolean {
  return matchers.some((m) => {
    if (isObj(m) && 'exists' in m) return m.exists === (present && !(Array.isArray(v) && v.length === 0));
    if (!present) return false;
    if (Array.isArray(v)) return v.some((item) => matchOne(m, item));
    return matchOne(m, v);
  });
}

function matchObject(p: Obj, e: Json): boolean {
  const event = isObj(e) ? e : {};
  return Object.entries(p).every(([key, value]) => {
    if (key === '$or') return (value as Obj[]).some((alt) => matchObject(alt, event));
    const present = key in event;
    if (Array.isArray(value)) return matchLeaf(value, present, event[key]);
    const inner = event[key];
    // A nested pattern matches inside objects (or inside any object of an array of them).
    if (Array.isArray(inner)) return inner.some((item) => matchObject(value as Obj, item));
    return matchObject(value as Obj, present ? inner : undefined);
  });
}

/** Whether the (already checked) pattern matches the event envelope. */
export function matchesEventPattern(patternText: string, event: Readonly<Record<string, unknown>>): boolean {
  return matchObject(JSON.parse(patternText) as Obj, event);
}
