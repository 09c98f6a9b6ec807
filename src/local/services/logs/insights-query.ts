// A subset of the CloudWatch Logs Insights query language (pure): fields, filter, sort, limit, stats ... by; parse errors
// carry the position of the text they refuse.
import { QueryError, tokenize, type Tok } from './insights-tokens.js';

export { QueryError } from './insights-tokens.js';

export type Value = string | number;

export type Expr =
  | { readonly kind: 'field'; readonly name: string }
  | { readonly kind: 'literal'; readonly value: Value }
  | { readonly kind: 'regex'; readonly regex: RegExp }
  | { readonly kind: 'compare'; readonly op: '=' | '!=' | '<' | '<=' | '>' | '>='; readonly left: Expr; readonly right: Expr }
  | { readonly kind: 'like'; readonly negate: boolean; readonly left: Expr; readonly pattern: Expr }
  | { readonly kind: 'and' | 'or'; readonly left: Expr; readonly right: Expr }
  | { readonly kind: 'not'; readonly inner: Expr };

export interface Aggregate {
  readonly fn: 'count' | 'sum' | 'avg' | 'min' | 'max';
  /** undefined for count(*). */
  readonly field?: string;
  readonly alias: string;
}

export type Command =
  | { readonly kind: 'fields'; readonly fields: ReadonlyArray<{ readonly name: string; readonly alias?: string }> }
  | { readonly kind: 'filter'; readonly expr: Expr }
  | { readonly kind: 'sort'; readonly keys: ReadonlyArray<{ readonly field: string; readonly desc: boolean }> }
  | { readonly kind: 'limit'; readonly n: number }
  | { readonly kind: 'stats'; readonly aggregates: readonly Aggregate[]; readonly by: readonly string[] };

function parseRegex(literal: string, at: Tok): RegExp {
  const m = /^\/((?:\\.|[^/\\])*)\/([a-z]*)$/.exec(literal)!;
  try {
    return new RegExp(m[1]!, m[2]!.replace(/[^imsu]/g, ''));
  } catch {
    throw new QueryError(`invalid regular expression ${literal}`, at.at, at.end);
  }
}

class Parser {
  pos = 0;
  constructor(
    readonly toks: Tok[],
    readonly end: number,
  ) {}
  peek(): Tok | undefined {
    return this.toks[this.pos];
  }
  fail(what: string): never {
    const t = this.peek();
    throw new QueryError(
      t ? `expected ${what} but found '${t.v}'` : `expected ${what} at end of command`,
      t?.at ?? this.end,
      t?.end ?? this.end,
    );
  }
  keyword(word: string): boolean {
    const t = this.peek();
    if (t && t.t === 'word' && t.v.toLowerCase() === word) {
      this.pos++;
      return true;
    }
    return false;
  }
  punct(p: string): boolean {
    if (this.peek()?.t === 'punct' && this.peek()!.v === p) {
      this.pos++;
      return true;
    }
    return false;
  }
  fieldName(): string {
    const t = this.peek();
    if (!t || (t.t !== 'field' && t.t !== 'word')) this.fail('a field name');
    this.pos++;
    return t.v;
  }
  done(): void {
    if (this.pos < this.toks.length) this.fail('the end of the command');
  }
  operand(): Expr {
    const t = this.peek();
    if (!t) this.fail('a value or field');
    this.pos++;
    if (t.t === 'string') return { kind: 'literal', value: t.v };
    if (t.t === 'number') return { kind: 'literal', value: Number(t.v) };
    if (t.t === 'regex') return { kind: 'regex', regex: parseRegex(t.v, t) };
    if (t.t === 'field' || t.t === 'word') return { kind: 'field', name: t.v };
    this.pos--;
    return this.fail('a value or field');
  }
  primary(): Expr {
    if (this.punct('(')) {
      const inner = this.or();
      if (!this.punct(')')) this.fail("')'");
      return inner;
    }
    if (this.keyword('not')) return { kind: 'not', inner: this.primary() };
    const left = this.operand();
    const t = this.peek();
    if (t?.t === 'op') {
      this.pos++;
      const right = this.operand();
      if (t.v === '=~') return { kind: 'like', negate: false, left, pattern: right };
      return { kind: 'compare', op: t.v as '=', left, right };
    }
    if (t?.t === 'word' && t.v.toLowerCase() === 'not' && this.toks[this.pos + 1]?.v.toLowerCase() === 'like') {
      this.pos += 2;
      return { kind: 'like', negate: true, left, pattern: this.operand() };
    }
    if (this.keyword('like')) return { kind: 'like', negate: false, left, pattern: this.operand() };
    return left;
  }
  and(): Expr {
    let left = this.primary();
    while (this.keyword('and')) left = { kind: 'and', left, right: this.primary() };
    return left;
  }
  or(): Expr {
    let left = this.and();
    while (this.keyword('or')) left = { kind: 'or', left, right: this.and() };
    return left;
  }
}

const AGGREGATES = ['count', 'sum', 'avg', 'min', 'max'];

function parseCommand(text: string, offset: number): Command {
  const lead = /^\s*([A-Za-z]+)/.exec(text);
  if (!lead) throw new QueryError('expected a command', offset, offset + text.length);
  const name = lead[1]!.toLowerCase();
  const at = offset + text.indexOf(lead[1]!);
  const restAt = lead[0].length;
  const p = new Parser(tokenize(text.slice(restAt), offset + restAt), offset + text.length);
  switch (name) {
    case 'fields': {
      const fields: Array<{ name: string; alias?: string }> = [];
      do {
        const f = p.fieldName();
        fields.push(p.keyword('as') ? { name: f, alias: p.fieldName() } : { name: f });
      } while (p.punct(','));
      p.done();
      return { kind: 'fields', fields };
    }
    case 'filter': {
      const expr = p.or();
      p.done();
      return { kind: 'filter', expr };
    }
    case 'sort': {
      const keys: Array<{ field: string; desc: boolean }> = [];
      do {
        const field = p.fieldName();
        const desc = p.keyword('desc') ? true : p.keyword('asc') ? false : true;
        keys.push({ field, desc });
      } while (p.punct(','));
      p.done();
      return { kind: 'sort', keys };
    }
    case 'limit': {
      const t = p.peek();
      if (t?.t !== 'number' || !/^\d+$/.test(t.v) || Number(t.v) < 1 || Number(t.v) > 10_000) return p.fail('a number between 1 and 10000');
      p.pos++;
      p.done();
      return { kind: 'limit', n: Number(t.v) };
    }
    case 'stats': {
      const aggregates: Aggregate[] = [];
      do {
        const fnTok = p.peek();
        const fn = p.fieldName().toLowerCase();
        if (!AGGREGATES.includes(fn))
          throw new QueryError(`unsupported function ${fn} (cortado local supports ${AGGREGATES.join(', ')})`, fnTok!.at, fnTok!.end);
        if (!p.punct('(')) p.fail("'('");
        let field: string | undefined;
        if (p.punct('*')) {
          if (fn !== 'count') p.fail('a field name');
        } else field = p.fieldName();
        if (!p.punct(')')) p.fail("')'");
        const alias = p.keyword('as') ? p.fieldName() : `${fn}(${field ?? '*'})`;
        aggregates.push({ fn: fn as Aggregate['fn'], ...(field ? { field } : {}), alias });
      } while (p.punct(','));
      const by: string[] = [];
      if (p.keyword('by'))
        do by.push(p.fieldName());
        while (p.punct(','));
      p.done();
      return { kind: 'stats', aggregates, by };
    }
    default:
      throw new QueryError(
        `unexpected symbol '${lead[1]}': cortado local supports fields, filter, sort, limit and stats`,
        at,
        at + lead[1]!.length,
      );
  }
}

/** Splits on `|` outside quotes and regex literals, then parses each command. */
export function parseQuery(query: string): Command[] {
  const parts: Array<{ text: string; at: number }> = [];
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < query.length; i++) {
    const c = query[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '/' && /(=~|like|\s)\s*$/i.test(query.slice(start, i))) quote = '/';
    else if (c === '|') {
      parts.push({ text: query.slice(start, i), at: start });
      start = i + 1;
    }
  }
  parts.push({ text: query.slice(start), at: start });
  const commands = parts.filter((p) => p.text.trim() !== '').map((p) => parseCommand(p.text, p.at));
  if (commands.length === 0) throw new QueryError('the query is empty', 0, query.length);
  return commands;
}
