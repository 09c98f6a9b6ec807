// Finds where and why JSON text is invalid (Node's JSON.parse does not always say where), for messages with line:column.
export interface JsonErrorSpot {
  readonly offset: number;
  readonly message: string;
}

class Stop extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

const show = (c: string | undefined) => (c === undefined ? 'end of file' : JSON.stringify(c));

/** Pure: undefined when `text` is valid JSON, else the first offending offset and what was expected there. */
export function locateJsonError(text: string): JsonErrorSpot | undefined {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const fail = (expected: string): never => {
    throw new Stop(i, `unexpected ${show(text[i])}, expected ${expected}`);
  };
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail('a value');
  };
  const string = () => {
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') {
        const n = text[i + 1];
        if (n === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          i += 6;
          continue;
        }
        if (n !== undefined && '"\\/bfnrt'.includes(n)) {
          i += 2;
          continue;
        }
        fail('a valid escape (\\", \\\\, \\n, \\uXXXX, ...)');
      }
      if (text.charCodeAt(i) < 0x20) fail('no control characters inside a string (escape them)');
      i++;
    }
    if (i >= text.length) fail('a closing quote');
    i++;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('a property name in double quotes');
        string();
        ws();
        if (text[i] !== ':') fail('":"');
        i++;
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        fail('"," or "}"');
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        fail('"," or "]"');
      }
    }
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    const num = /^-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/.exec(text.slice(i));
    if (num) {
      i += num[0].length;
      return;
    }
    fail('a value');
  };
  try {
    value();
    ws();
    if (i < text.length) fail('the end of the document');
    return undefined;
  } catch (e) {
    if (e instanceof Stop) return { offset: e.offset, message: e.message };
    throw e;
  }
}
