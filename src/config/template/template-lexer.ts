// Splits one `{{ ... }}` action into tokens: strings (Go quoting), numbers, identifiers, pipes and parentheses.
import { type Position, TemplateError } from './template-ast.js';

export type Token =
  | {
      readonly kind: 'string' | 'number' | 'ident' | 'bool' | 'nil';
      readonly text: string;
      readonly value: string | number | boolean | null;
      readonly pos: Position;
    }
  | { readonly kind: 'pipe' | 'lparen' | 'rparen' | 'dot'; readonly text: string; readonly pos: Position };

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
};

function readQuoted(src: string, start: number, pos: Position): { value: string; end: number } {
  let out = '';
  let i = start + 1;
  while (i < src.length) {
    const c = src[i]!;
    if (c === '"') return { value: out, end: i + 1 };
    if (c === '\n') break;
    if (c === '\\') {
      const n = src[i + 1] ?? '';
      if (n === 'u' || n === 'x') {
        const len = n === 'u' ? 4 : 2;
        const hex = src.slice(i + 2, i + 2 + len);
        if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) throw new TemplateError(`bad escape \\${n}${hex} in string`, pos);
        out += String.fromCharCode(parseInt(hex, 16));
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
  throw new TemplateError('unterminated quoted string', pos);
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
  while (i < src.length) {
    const c = src[i]!;
    const pos = { line, column };
    if (/\s/.test(c)) {
      advance(i + 1);
      continue;
    }
    if (c === '|') {
      tokens.push({ kind: 'pipe', text: c, pos });
      advance(i + 1);
      continue;
    }
    if (c === '(') {
      tokens.push({ kind: 'lparen', text: c, pos });
      advance(i + 1);
      continue;
    }
    if (c === ')') {
      tokens.push({ kind: 'rparen', text: c, pos });
      advance(i + 1);
      continue;
    }
    if (c === '"') {
      const { value, end } = readQuoted(src, i, pos);
      tokens.push({ kind: 'string', text: src.slice(i, end), value, pos });
      advance(end);
      continue;
    }
    if (c === '`') {
      const end = src.indexOf('`', i + 1);
      if (end < 0) throw new TemplateError('unterminated raw string', pos);
      tokens.push({ kind: 'string', text: src.slice(i, end + 1), value: src.slice(i + 1, end), pos });
      advance(end + 1);
      continue;
    }
    const num = /^[-+]?(?:0x[0-9a-fA-F]+|\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)/.exec(src.slice(i));
    if (num && ((c !== '-' && c !== '+') || /\d/.test(src[i + 1] ?? ''))) {
      tokens.push({ kind: 'number', text: num[0], value: Number(num[0]), pos });
      advance(i + num[0].length);
      continue;
    }
    const ident = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (ident) {
      const w = ident[0];
      if (w === 'true' || w === 'false') tokens.push({ kind: 'bool', text: w, value: w === 'true', pos });
      else if (w === 'nil') tokens.push({ kind: 'nil', text: w, value: null, pos });
      else tokens.push({ kind: 'ident', text: w, value: w, pos });
      advance(i + w.length);
      continue;
    }
    if (c === '.') {
      const field = /^\.[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
      if (field)
        throw new TemplateError(
          `field access ${field[0]} is not supported: definitions have no template data, use a function such as env or tfstate`,
          pos,
        );
      tokens.push({ kind: 'dot', text: c, pos });
      advance(i + 1);
      continue;
    }
    if (c === '$') throw new TemplateError('template variables ($x) are not supported', pos);
    throw new TemplateError(`unexpected character ${JSON.stringify(c)} in action`, pos);
  }
  return tokens;
}
