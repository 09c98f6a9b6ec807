// Splits one `{{ ... }}` action into tokens: strings (Go quoting), numbers, runes, identifiers, variables, fields, `:=`, `=`, `,`, `|`, parentheses.
import { type Position, TemplateError } from './template-ast.js';

export type Token =
  | {
      readonly kind: 'string' | 'number' | 'ident' | 'bool' | 'nil';
      readonly text: string;
      readonly value: string | number | boolean | null;
      readonly pos: Position;
    }
  /** `$x` (name "$x"; "$" alone is the template's data). */
  | { readonly kind: 'variable'; readonly text: string; readonly pos: Position }
  /** `.a.b` (names a, b); `attached` when it follows a value with no space between (`$x.a`, `(...).a`). */
  | { readonly kind: 'field'; readonly text: string; readonly names: readonly string[]; readonly attached: boolean; readonly pos: Position }
  | { readonly kind: 'pipe' | 'lparen' | 'rparen' | 'dot' | 'declare' | 'assign' | 'comma'; readonly text: string; readonly pos: Position };

const ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '"': '"',
  '\\': '\\',
  "'": "'",
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
  '0': '\0',
};

function readQuoted(src: string, start: number, quote: string, pos: Position): { value: string; end: number } {
  let out = '';
  let i = start + 1;
  while (i < src.length) {
    const c = src[i]!;
    if (c === quote) return { value: out, end: i + 1 };
    if (c === '\n') break;
    if (c === '\\') {
      const n = src[i + 1] ?? '';
      if (n === 'u' || n === 'x' || n === 'U') {
        const len = n === 'u' ? 4 : n === 'U' ? 8 : 2;
        const hex = src.slice(i + 2, i + 2 + len);
        if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) throw new TemplateError(`bad escape \\${n}${hex} in string`, pos);
        out += String.fromCodePoint(parseInt(hex, 16));
        i += 2 + len;
        continue;
      }
      const e = ESCAPES[n];
      if (e === undefined) throw new TemplateError(`unknown escape \\${n} in string`, pos);
      out += e;
      i += 2;
      continue;
    }
    out += c;
    i++;
  }
  throw new TemplateError(quote === "'" ? 'unterminated character constant' : 'unterminated quoted string', pos);
}

const NUMBER = /^[-+]?(?:0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?)/;

function numberValue(text: string): number {
  const t = text.replace(/_/g, '');
  const sign = t.startsWith('-') ? -1 : 1;
  const body = t.replace(/^[-+]/, '');
  if (/^0[bB]/.test(body)) return sign * parseInt(body.slice(2), 2);
  if (/^0[oO]/.test(body)) return sign * parseInt(body.slice(2), 8);
  return Number(t);
}

/** `base` is the position of the first character of `src` in the file. */
export function tokenize(src: string, base: Position): Token[] {
  const tokens: Token[] = [];
  let line = base.line;
  let column = base.column;
  let i = 0;
  const advance = (to: number) => {
    for (; i < to; i++) {
      if (src[i] === '\n') {
        line++;
        column = 1;
      } else column++;
    }
  };
  const simple = (kind: 'pipe' | 'lparen' | 'rparen' | 'declare' | 'assign' | 'comma', text: string, pos: Position) => {
    tokens.push({ kind, text, pos });
    advance(i + text.length);
  };
  while (i < src.length) {
    const c = src[i]!;
    const pos = { line, column };
    const rest = src.slice(i);
    if (/\s/.test(c)) {
      advance(i + 1);
      continue;
    }
    if (c === '|') simple('pipe', c, pos);
    else if (c === '(') simple('lparen', c, pos);
    else if (c === ')') simple('rparen', c, pos);
    else if (c === ',') simple('comma', c, pos);
    else if (rest.startsWith(':=')) simple('declare', ':=', pos);
    else if (c === '=') simple('assign', c, pos);
    else if (c === '"') {
      const { value, end } = readQuoted(src, i, '"', pos);
      tokens.push({ kind: 'string', text: src.slice(i, end), value, pos });
      advance(end);
    } else if (c === "'") {
      const { value, end } = readQuoted(src, i, "'", pos);
      if ([...value].length !== 1) throw new TemplateError(`malformed character constant ${src.slice(i, end)}`, pos);
      tokens.push({ kind: 'number', text: src.slice(i, end), value: value.codePointAt(0)!, pos });
      advance(end);
    } else if (c === '`') {
      const end = src.indexOf('`', i + 1);
      if (end < 0) throw new TemplateError('unterminated raw string', pos);
      tokens.push({ kind: 'string', text: src.slice(i, end + 1), value: src.slice(i + 1, end), pos });
      advance(end + 1);
    } else if (c === '$') {
      const v = /^\$[A-Za-z0-9_]*/.exec(rest)![0];
      tokens.push({ kind: 'variable', text: v, pos });
      advance(i + v.length);
    } else if (c === '.' && /^\.[A-Za-z_]/.test(rest)) {
      const f = /^(?:\.[A-Za-z_][A-Za-z0-9_]*)+/.exec(rest)![0];
      const prev = tokens[tokens.length - 1];
      const attached = i > 0 && !/\s/.test(src[i - 1]!) && (prev?.kind === 'variable' || prev?.kind === 'rparen' || prev?.kind === 'dot');
      tokens.push({ kind: 'field', text: f, names: f.slice(1).split('.'), attached, pos });
      advance(i + f.length);
    } else if (NUMBER.test(rest) && ((c !== '-' && c !== '+' && c !== '.') || /^[-+.]\.?\d/.test(rest))) {
      const num = NUMBER.exec(rest)![0];
      tokens.push({ kind: 'number', text: num, value: numberValue(num), pos });
      advance(i + num.length);
    } else if (c === '.') {
      tokens.push({ kind: 'dot', text: c, pos });
      advance(i + 1);
    } else {
      const ident = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
      if (!ident) throw new TemplateError(`unexpected character ${JSON.stringify(c)} in action`, pos);
      const w = ident[0];
      if (w === 'true' || w === 'false') tokens.push({ kind: 'bool', text: w, value: w === 'true', pos });
      else if (w === 'nil') tokens.push({ kind: 'nil', text: w, value: null, pos });
      else tokens.push({ kind: 'ident', text: w, value: w, pos });
      advance(i + w.length);
    }
  }
  return tokens;
}
