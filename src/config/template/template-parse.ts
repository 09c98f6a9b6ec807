// Parses template text as Go's text/template does: text, `{{ pipeline }}` actions with trim markers and comments, variables,
// if/else if, with/else with, range/else with break and continue. define/template/block are refused by name.
import type { Branch, Command, Declaration, Operand, Pipeline, Position, TemplateNode } from './template-ast.js';
import { TemplateError } from './template-ast.js';
import { type Token, tokenize } from './template-lexer.js';

const UNSUPPORTED = new Set(['define', 'template', 'block']);

interface RawAction {
  readonly body: string;
  readonly pos: Position;
  readonly bodyPos: Position;
}

function positionAt(src: string, offset: number): Position {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset; i++)
    if (src.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  return { line, column: offset - last };
}

/** Where the action opened at `open` closes: the first `}}` outside quotes (and after a comment's `*\/`). */
function closingOf(src: string, from: number, pos: Position): number {
  const rest = src.slice(from).replace(/^\s*/, '');
  if (rest.startsWith('/*')) {
    const end = src.indexOf('*/', src.indexOf('/*', from) + 2);
    if (end < 0) throw new TemplateError('unclosed comment', pos);
    const close = src.indexOf('}}', end + 2);
    if (close < 0 || !/^\s*-?\s*$/.test(src.slice(end + 2, close))) throw new TemplateError('comment ends before closing delimiter', pos);
    return close;
  }
  let quote: string | undefined;
  for (let i = from; i < src.length; i++) {
    const c = src[i]!;
    if (quote) {
      if (c === '\\' && quote !== '`') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '}' && src[i + 1] === '}') return i;
  }
  // An unterminated quote: close at the first "}}" and let the lexer name the quote.
  const plain = src.indexOf('}}', from);
  if (plain >= 0) return plain;
  throw new TemplateError('unclosed action: "{{" without "}}"', pos);
}

/** Cuts the source into text and raw action bodies, applying `{{- ` / ` -}}` whitespace trimming. */
function split(src: string): (string | RawAction)[] {
  const parts: (string | RawAction)[] = [];
  let i = 0;
  let trimNext = false;
  while (i <= src.length) {
    const open = src.indexOf('{{', i);
    let text = src.slice(i, open < 0 ? src.length : open);
    if (trimNext) text = text.replace(/^\s+/, '');
    if (open < 0) {
      if (text) parts.push(text);
      break;
    }
    const trimLeft = /^\{\{-[ \t\r\n]/.test(src.slice(open, open + 4));
    if (trimLeft) text = text.replace(/\s+$/, '');
    if (text) parts.push(text);
    const pos = positionAt(src, open);
    const bodyStart = open + (trimLeft ? 3 : 2);
    const close = closingOf(src, bodyStart, pos);
    const trimRight = /[ \t\r\n]-$/.test(src.slice(bodyStart, close));
    parts.push({ body: src.slice(bodyStart, trimRight ? close - 1 : close), pos, bodyPos: positionAt(src, bodyStart) });
    trimNext = trimRight;
    i = close + 2;
  }
  return parts;
}

interface Frame {
  readonly kind: 'if' | 'with' | 'range';
  readonly pos: Position;
  readonly branches: { cond: Pipeline; body: TemplateNode[] }[];
  otherwise?: TemplateNode[];
  /** How many variables were in scope before the control structure: its own go out of scope at {{end}}. */
  readonly scope: number;
}

class Parser {
  readonly root: TemplateNode[] = [];
  readonly stack: Frame[] = [];
  readonly vars: string[] = ['$'];

  current(): TemplateNode[] {
    const f = this.stack[this.stack.length - 1];
    if (!f) return this.root;
    return f.otherwise ?? f.branches[f.branches.length - 1]!.body;
  }

  variable(name: string, pos: Position): void {
    if (!this.vars.includes(name)) throw new TemplateError(`undefined variable "${name}"`, pos);
  }

  /** An operand at `i`, with the fields attached to it. */
  operand(tokens: readonly Token[], i: number): { operand: Operand; end: number } {
    const t = tokens[i]!;
    let operand: Operand;
    let end = i + 1;
    switch (t.kind) {
      case 'lparen': {
        const inner = this.commands(tokens, i + 1, t.pos, true);
        operand = { kind: 'group', pipeline: { commands: inner.commands, pos: t.pos }, pos: t.pos };
        end = inner.end;
        break;
      }
      case 'variable':
        this.variable(t.text, t.pos);
        operand = { kind: 'variable', name: t.text, pos: t.pos };
        break;
      case 'dot':
        operand = { kind: 'dot', pos: t.pos };
        break;
      case 'field':
        operand = { kind: 'field', names: t.names, pos: t.pos };
        break;
      case 'ident':
        operand = { kind: 'function', name: t.text, pos: t.pos };
        break;
      case 'string':
      case 'number':
      case 'bool':
      case 'nil':
        operand = { kind: 'literal', value: t.value, pos: t.pos };
        break;
      default:
        throw new TemplateError(`unexpected "${t.text}" in operand`, t.pos);
    }
    const next = tokens[end];
    if (next?.kind === 'field' && next.attached) {
      if (operand.kind !== 'variable' && operand.kind !== 'group' && operand.kind !== 'dot')
        throw new TemplateError(`unexpected "${next.text}" after ${t.text}`, next.pos);
      operand = { kind: 'field', base: operand.kind === 'dot' ? undefined : operand, names: next.names, pos: t.pos } as Operand;
      end++;
    }
    return { operand, end };
  }

  commands(tokens: readonly Token[], start: number, pos: Position, group: boolean): { commands: Command[]; end: number } {
    const commands: Command[] = [];
    let operands: Operand[] = [];
    let cmdPos = tokens[start]?.pos ?? pos;
    const finish = (at: Position) => {
      if (operands.length === 0) throw new TemplateError('missing value for command', at);
      const [head, ...rest] = operands;
      if (head!.kind !== 'function' && rest.length > 0)
        throw new TemplateError(
          `can't give arguments to a non-function ${head!.kind === 'literal' ? JSON.stringify(head!.value) : head!.kind}`,
          cmdPos,
        );
      commands.push({ operands, pos: cmdPos });
      operands = [];
    };
    let i = start;
    while (i < tokens.length) {
      const t = tokens[i]!;
      if (t.kind === 'rparen') {
        if (!group) throw new TemplateError('unexpected right paren', t.pos);
        finish(t.pos);
        return { commands, end: i + 1 };
      }
      if (t.kind === 'pipe') {
        finish(t.pos);
        cmdPos = tokens[i + 1]?.pos ?? t.pos;
        i++;
        continue;
      }
      if (t.kind === 'declare' || t.kind === 'assign' || t.kind === 'comma')
        throw new TemplateError(`unexpected "${t.text}" in command`, t.pos);
      const o = this.operand(tokens, i);
      operands.push(o.operand);
      i = o.end;
    }
    if (group) throw new TemplateError('unclosed left paren', pos);
    finish(pos);
    return { commands, end: i };
  }

  /** A pipeline with its optional declaration (`$x :=`, `$x =`, and in range `$i, $e :=`). */
  pipeline(tokens: readonly Token[], pos: Position, context: string): Pipeline {
    if (tokens.length === 0) throw new TemplateError(`missing value for ${context}`, pos);
    let decl: Declaration | undefined;
    let start = 0;
    const [a, b, c, d] = tokens;
    if (a?.kind === 'variable' && (b?.kind === 'declare' || b?.kind === 'assign')) {
      decl = { names: [a.text], assign: b.kind === 'assign' };
      start = 2;
    } else if (a?.kind === 'variable' && b?.kind === 'comma' && c?.kind === 'variable' && d?.kind === 'declare') {
      if (context !== 'range') throw new TemplateError(`too many declarations in ${context}`, a.pos);
      decl = { names: [a.text, c.text], assign: false };
      start = 4;
    }
    if (decl?.assign) this.variable(decl.names[0]!, a!.pos);
    const { commands } = this.commands(tokens, start, tokens[start]?.pos ?? pos, false);
    if (decl && !decl.assign) this.vars.push(...decl.names);
    return { ...(decl ? { decl } : {}), commands, pos };
  }

  open(kind: Frame['kind'], tokens: readonly Token[], pos: Position): void {
    const scope = this.vars.length;
    this.stack.push({ kind, pos, scope, branches: [{ cond: this.pipeline(tokens, pos, kind), body: [] }] });
  }

  elseAction(tokens: readonly Token[], pos: Position): void {
    const f = this.stack[this.stack.length - 1];
    if (!f || f.otherwise) throw new TemplateError('unexpected {{else}}', pos);
    const next = tokens[1];
    if (tokens.length === 1) {
      f.otherwise = [];
      return;
    }
    if (next?.kind === 'ident' && next.text === f.kind && f.kind !== 'range') {
      f.branches.push({ cond: this.pipeline(tokens.slice(2), pos, f.kind), body: [] });
      return;
    }
    throw new TemplateError(
      f.kind === 'range' ? '{{else}} in {{range}} takes no arguments' : `expected {{else}} or {{else ${f.kind} ...}}`,
      pos,
    );
  }

  end(pos: Position): void {
    const f = this.stack.pop();
    if (!f) throw new TemplateError('unexpected {{end}}', pos);
    this.vars.length = f.scope;
    const otherwise = f.otherwise ?? [];
    if (f.kind === 'range') {
      this.current().push({ kind: 'range', over: f.branches[0]!.cond, body: f.branches[0]!.body, otherwise, pos: f.pos });
      return;
    }
    this.current().push({ kind: f.kind, branches: f.branches as Branch[], otherwise, pos: f.pos });
  }

  action(part: RawAction): void {
    const tokens = tokenize(part.body, part.bodyPos);
    const head = tokens[0];
    const word = head?.kind === 'ident' ? head.text : undefined;
    if (word && UNSUPPORTED.has(word))
      throw new TemplateError(`the "${word}" action is not supported (cortado renders one template per file)`, part.pos);
    switch (word) {
      case 'if':
      case 'with':
      case 'range':
        return this.open(word, tokens.slice(1), part.pos);
      case 'else':
        return this.elseAction(tokens, part.pos);
      case 'end':
        if (tokens.length > 1) throw new TemplateError('unexpected arguments to {{end}}', part.pos);
        return this.end(part.pos);
      case 'break':
      case 'continue':
        if (!this.stack.some((f) => f.kind === 'range')) throw new TemplateError(`{{${word}}} outside {{range}}`, part.pos);
        if (tokens.length > 1) throw new TemplateError(`unexpected arguments to {{${word}}}`, part.pos);
        this.current().push({ kind: word, pos: part.pos });
        return;
      default:
        this.current().push({ kind: 'action', pipeline: this.pipeline(tokens, part.pos, 'command'), pos: part.pos });
    }
  }
}

export function parseTemplate(src: string): readonly TemplateNode[] {
  const p = new Parser();
  for (const part of split(src)) {
    if (typeof part === 'string') p.current().push({ kind: 'text', text: part });
    else if (!/^\s*\/\*[\s\S]*\*\/\s*$/.test(part.body)) p.action(part);
  }
  const open = p.stack.pop();
  if (open) throw new TemplateError(`{{${open.kind}}} without {{end}}`, open.pos);
  return p.root;
}
