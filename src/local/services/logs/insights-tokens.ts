// Logs Insights query text to tokens (pure): fields, strings, numbers, /regex/ literals, operators; errors carry positions.
export class QueryError extends Error {
  constructor(
    message: string,
    readonly start: number,
    readonly end: number,
  ) {
    super(message);
  }
}

export interface Tok {
  readonly t: 'word' | 'field' | 'string' | 'number' | 'regex' | 'op' | 'punct';
  readonly v: string;
  readonly at: number;
  readonly end: number;
}

const FIELD = /^(@?[A-Za-z_][\w.@-]*|`[^`]+`)/;

export function tokenize(src: string, offset: number): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const rest = src.slice(i);
    const push = (t: Tok['t'], v: string, len: number) => {
      out.push({ t, v, at: offset + i, end: offset + i + len });
      i += len;
    };
    if (c === '"' || c === "'") {
      let j = i + 1;
      let text = '';
      while (j < src.length && src[j] !== c) {
        if (src[j] === '\\' && j + 1 < src.length) j++;
        text += src[j++];
      }
      if (j >= src.length) throw new QueryError('unterminated string', offset + i, offset + src.length);
      push('string', text, j + 1 - i);
    } else if (c === '/') {
      const m = /^\/((?:\\.|[^/\\])*)\/([a-z]*)/.exec(rest);
      if (!m) throw new QueryError('unterminated regular expression', offset + i, offset + src.length);
      push('regex', m[0], m[0].length);
    } else if (/^(=~|!=|<=|>=|=|<|>)/.test(rest)) {
      const op = /^(=~|!=|<=|>=|=|<|>)/.exec(rest)![0];
      push('op', op, op.length);
    } else if (/^-?\d/.test(rest) && (c !== '-' || out.length === 0 || out[out.length - 1]!.t === 'op' || out[out.length - 1]!.v === '(')) {
      const m = /^-?\d+(\.\d+)?/.exec(rest)!;
      push('number', m[0], m[0].length);
    } else if (c === '(' || c === ')' || c === ',' || c === '*') {
      push('punct', c, 1);
    } else {
      const m = FIELD.exec(rest);
      if (!m) throw new QueryError(`unexpected character '${c}'`, offset + i, offset + i + 1);
      const name = m[0].startsWith('`') ? m[0].slice(1, -1) : m[0];
      push(/^[a-z]+$/i.test(name) && !m[0].startsWith('`') ? 'word' : 'field', name, m[0].length);
    }
  }
  return out;
}
