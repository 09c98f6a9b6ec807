// Parses template text into nodes: literal text, `{{ pipeline }}` actions with trim markers and comments, and if/else if/else/end.
import { type Command, type Operand, type Pipeline, type Position, TemplateError, type TemplateNode } from './template-ast.js';
import { type Token, tokenize } from './template-lexer.js';

const UNSUPPORTED = new Set(['range', 'with', 'define', 'template', 'block', 'break', 'continue']);

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

/** Cuts the source into text and raw action bodies, applying `{{-` / `-}}` whitespace trimming. */
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
    const trimLeft = /^\{\{-\s/.test(src.slice(open, open + 4));
    if (trimLeft) text = text.replace(/\s+$/, '');
    if (text) parts.push(text);
    const close = src.indexOf('}}', open + 2);
    const pos = positionAt(src, open);
    if (close < 0) throw new TemplateError('unclosed action: "{{" without "}}"', pos);
    const trimRight = /\s-$/.test(src.slice(open + 2, close));
    const bodyStart = open + (trimLeft ? 3 : 2);
    const body = src.slice(bodyStart, trimRight ? close - 1 : close);
    parts.push({ body, pos, bodyPos: positionAt(src, bodyStart) });
    trimNext = trimRight;
    i = close + 2;
  }
  return parts;
}

function parsePipeline(tokens: readonly Token[], start: number, pos: Position, closing?: 'rparen'): { pipeline: Pipeline; end: number } {
  const commands: Command[] = [];
  let operands: Operand[] = [];
  let cmdPos = tokens[start]?.pos ?? pos;
  let i = start;
  const finish = () => {
    if (operands.length === 0) throw new TemplateError('missing value in pipeline', cmdPos);
    commands.push({ operands, pos: cmdPos });
    operands = [];
  };
  for (; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'rparen') {
      if (closing !== 'rparen') throw new TemplateError('unexpected ")"', t.pos);
      finish();
      return { pipeline: commands, end: i + 1 };
    }
    if (t.kind === 'pipe') {
      finish();
      cmdPos = tokens[i + 1]?.pos ?? t.pos;
      continue;
    }
    if (t.kind === 'lparen') {
      const inner = parsePipeline(tokens, i + 1, t.pos, 'rparen');
      operands.push({ kind: 'group', pipeline: inner.pipeline, pos: t.pos });
      i = inner.end - 1;
      continue;
    }
    if (t.kind === 'dot') throw new TemplateError('"." is not supported: definitions have no template data', t.pos);
    if (t.kind === 'ident') operands.push({ kind: 'ident', name: t.text, pos: t.pos });
    else operands.push({ kind: 'literal', value: (t as { value: string | number | boolean | null }).value, pos: t.pos });
  }
  if (closing) throw new TemplateError('unclosed "(" in action', pos);
  finish();
  return { pipeline: commands, end: i };
}

function pipelineOf(tokens: readonly Token[], pos: Position): Pipeline {
  if (tokens.length === 0) throw new TemplateError('missing value in action', pos);
  return parsePipeline(tokens, 0, pos).pipeline;
}

interface Frame {
  readonly pos: Position;
  readonly branches: { cond: Pipeline; body: TemplateNode[] }[];
  otherwise?: TemplateNode[];
}

export function parseTemplate(src: string): readonly TemplateNode[] {
  const root: TemplateNode[] = [];
  const stack: Frame[] = [];
  const current = (): TemplateNode[] => {
    const f = stack[stack.length - 1];
    if (!f) return root;
    return f.otherwise ?? f.branches[f.branches.length - 1]!.body;
  };
  for (const part of split(src)) {
    if (typeof part === 'string') {
      current().push({ kind: 'text', text: part });
      continue;
    }
    const trimmed = part.body.trim();
    if (/^\/\*[\s\S]*\*\/$/.test(trimmed)) continue;
    const tokens = tokenize(part.body, part.bodyPos);
    const head = tokens[0];
    const word = head?.kind === 'ident' ? head.text : undefined;
    if (word && UNSUPPORTED.has(word))
      throw new TemplateError(`the "${word}" action is not supported (supported: function calls, pipelines, if/else/end)`, part.pos);
    if (word === 'if') {
      const f: Frame = { pos: part.pos, branches: [{ cond: pipelineOf(tokens.slice(1), part.pos), body: [] }] };
      stack.push(f);
      continue;
    }
    if (word === 'else') {
      const f = stack[stack.length - 1];
      if (!f || f.otherwise) throw new TemplateError('unexpected {{else}}', part.pos);
      if (tokens[1]?.kind === 'ident' && tokens[1].text === 'if')
        f.branches.push({ cond: pipelineOf(tokens.slice(2), part.pos), body: [] });
      else if (tokens.length === 1) f.otherwise = [];
      else throw new TemplateError('{{else}} takes no arguments (did you mean {{else if ...}}?)', part.pos);
      continue;
    }
    if (word === 'end') {
      const f = stack.pop();
      if (!f) throw new TemplateError('unexpected {{end}}', part.pos);
      current().push({ kind: 'if', branches: f.branches, otherwise: f.otherwise ?? [], pos: f.pos });
      continue;
    }
    current().push({ kind: 'action', pipeline: pipelineOf(tokens, part.pos), pos: part.pos });
  }
  const open = stack.pop();
  if (open) throw new TemplateError('{{if}} without {{end}}', open.pos);
  return root;
}
