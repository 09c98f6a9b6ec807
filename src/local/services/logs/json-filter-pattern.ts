// CloudWatch Logs JSON filter patterns (pure): `{ $.a.b = "x*" && ($.n > 5 || $.ok IS TRUE) }`, parsed and matched.
export type JsonCondition =
  | { readonly kind: 'compare'; readonly path: string; readonly op: '=' | '!=' | '<' | '<=' | '>' | '>='; readonly value: string | number }
  | { readonly kind: 'is'; readonly path: string; readonly what: 'TRUE' | 'FALSE' | 'NULL' }
  | { readonly kind: 'not-exists'; readonly path: string }
  | { readonly kind: 'and' | 'or'; readonly left: JsonCondition; readonly right: JsonCondition };

type Token = { readonly t: 'path' | 'op' | 'value' | 'string' | 'word' | '(' | ')' | '&&' | '||'; readonly v: string };

const PATH = /^\$(\.[A-Za-z_@][\w@-]*|\[\d+\])*/;
const OPS = ['!=', '<=', '>=', '=', '<', '>'];

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const rest = src.slice(i);
    if (c === '(' || c === ')') {
      out.push({ t: c, v: c });
      i++;
    } else if (rest.startsWith('&&') || rest.startsWith('||')) {
      out.push({ t: rest.slice(0, 2) as '&&' | '||', v: rest.slice(0, 2) });
      i += 2;
    } else if (c === '$') {
      const m = PATH.exec(rest)!;
      if (m[0].length < 2) throw new Error(`Invalid selector at position ${i + 1}: ${rest.slice(0, 20)}`);
      out.push({ t: 'path', v: m[0] });
      i += m[0].length;
    } else if (OPS.some((op) => rest.startsWith(op))) {
      const op = OPS.find((o) => rest.startsWith(o))!;
      out.push({ t: 'op', v: op });
      i += op.length;
    } else if (c === '"') {
      let j = i + 1;
      let text = '';
      while (j < src.length && src[j] !== '"') {
        if (src[j] === '\\' && j + 1 < src.length) j++;
        text += src[j++];
      }
      if (j >= src.length) throw new Error('Unterminated quoted string in filter pattern');
      out.push({ t: 'string', v: text });
      i = j + 1;
    } else {
      const m = /^[^\s()&|"]+/.exec(rest)!;
      out.push({ t: /^[A-Z]+$/.test(m[0]) ? 'word' : 'value', v: m[0] });
      i += m[0].length;
    }
  }
  return out;
}

/** Parses the text between the braces; throws with a message for InvalidParameterException. */
export function parseJsonPattern(body: string): JsonCondition {
  const tokens = tokenize(body);
  let pos = 0;
  const peek = () => tokens[pos];
  const expect = (what: string) => {
    throw new Error(`Invalid JSON filter pattern: expected ${what}${peek() ? ` at '${peek()!.v}'` : ' at end'}`);
  };
  const primary = (): JsonCondition => {
    const tok = peek();
    if (tok?.t === '(') {
      pos++;
      const inner = orExpr();
      if (peek()?.t !== ')') expect(')');
      pos++;
      return inner;
    }
    if (tok?.t !== 'path') return expect('a selector such as $.field');
    pos++;
    const path = tok.v;
    const next = peek();
    if (next?.t === 'word' && next.v === 'IS') {
      pos++;
      const what = peek();
      if (what?.t !== 'word' || !['TRUE', 'FALSE', 'NULL'].includes(what.v)) return expect('TRUE, FALSE or NULL');
      pos++;
      return { kind: 'is', path, what: what.v as 'TRUE' | 'FALSE' | 'NULL' };
    }
    if (next?.t === 'word' && next.v === 'NOT') {
      pos++;
      if (peek()?.v !== 'EXISTS') return expect('EXISTS');
      pos++;
      return { kind: 'not-exists', path };
    }
    if (next?.t !== 'op') return expect('a comparison operator');
    pos++;
    const value = peek();
    if (!value || (value.t !== 'string' && value.t !== 'value' && value.t !== 'word')) return expect('a value');
    pos++;
    const op = next.v as '=' | '!=' | '<' | '<=' | '>' | '>=';
    const numeric = value.t !== 'string' && /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(value.v);
    if (op !== '=' && op !== '!=' && !numeric) return expect('a number after ' + op);
    return { kind: 'compare', path, op, value: numeric ? Number(value.v) : value.v };
  };
  const andExpr = (): JsonCondition => {
    let left = primary();
    while (peek()?.t === '&&') {
      pos++;
      left = { kind: 'and', left, right: primary() };
    }
    return left;
  };
  const orExpr = (): JsonCondition => {
    let left = andExpr();
    while (peek()?.t === '||') {
      pos++;
      left = { kind: 'or', left, right: andExpr() };
    }
    return left;
  };
  const result = orExpr();
  if (pos < tokens.length) expect('&& or ||');
  return result;
}

const MISSING = Symbol('missing');

/** `$.a.b[0]` in a parsed event. */
export function select(doc: unknown, path: string): unknown {
  let cur: unknown = doc;
  for (const m of path.slice(1).matchAll(/\.([^.[]+)|\[(\d+)\]/g)) {
    if (cur === null || typeof cur !== 'object') return MISSING;
    const key = m[1] ?? Number(m[2]);
    const next = (cur as Record<string | number, unknown>)[key];
    if (next === undefined) return MISSING;
    cur = next;
  }
  return cur;
}

/** `*` matches any run of characters, as in CloudWatch's string comparisons. */
const wildcard = (pattern: string): RegExp =>
  new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );

function compare(actual: unknown, op: string, expected: string | number): boolean {
  if (actual === MISSING || (actual !== null && typeof actual === 'object')) return false;
  if (typeof expected === 'number') {
    const n = typeof actual === 'number' ? actual : typeof actual === 'string' && actual.trim() !== '' ? Number(actual) : Number.NaN;
    if (Number.isNaN(n)) return op === '!=';
    switch (op) {
      case '=':
        return n === expected;
      case '!=':
        return n !== expected;
      case '<':
        return n < expected;
      case '<=':
        return n <= expected;
      case '>':
        return n > expected;
      default:
        return n >= expected;
    }
  }
  const text = actual === null ? 'null' : String(actual);
  const equal = wildcard(expected).test(text);
  return op === '=' ? equal : !equal;
}

export function matchesJson(condition: JsonCondition, doc: unknown): boolean {
  switch (condition.kind) {
    case 'and':
      return matchesJson(condition.left, doc) && matchesJson(condition.right, doc);
    case 'or':
      return matchesJson(condition.left, doc) || matchesJson(condition.right, doc);
    case 'not-exists':
      return select(doc, condition.path) === MISSING;
    case 'is': {
      const v = select(doc, condition.path);
      return condition.what === 'NULL' ? v === null : v === (condition.what === 'TRUE');
    }
    case 'compare':
      return compare(select(doc, condition.path), condition.op, condition.value);
  }
}

/** The selectors a condition names (TestMetricFilter's extractedValues). */
export function selectorsOf(condition: JsonCondition): string[] {
  switch (condition.kind) {
    case 'and':
    case 'or':
      return [...selectorsOf(condition.left), ...selectorsOf(condition.right)];
    default:
      return [condition.path];
  }
}

/** The event's message as JSON, or undefined when it is not a JSON object or array (such events never match). */
export function parseEventJson(message: string): unknown {
  const text = message.trim();
  if (!text.startsWith('{') && !text.startsWith('[')) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export { MISSING as MISSING_VALUE };
