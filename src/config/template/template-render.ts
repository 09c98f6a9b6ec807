// Evaluates parsed templates as Go's text/template does, with a function map; functions may be async (ssm, tfstate from S3),
// errors keep their position. The data (dot) is nil, as ecspresso renders definitions.
import { CortadoError } from '../../core/errors.js';
import type { Command, Operand, Pipeline, Position, TemplateNode } from './template-ast.js';
import { TemplateError } from './template-ast.js';
import { BUILTINS, type FunctionMap, LAZY_BUILTINS, type TemplateFunction } from './template-builtins.js';
import { parseTemplate } from './template-parse.js';
import { isList, isMap, printed, sortedKeys, type TemplateValue, truthy } from './template-values.js';

export type { FunctionMap, TemplateFunction } from './template-builtins.js';
export type { TemplateValue } from './template-values.js';
export { BUILTINS } from './template-builtins.js';

/** A function failed: keeps the original error (an AWS refusal stays one) and where the call was. */
export class TemplateCallError extends TemplateError {
  readonly function: string;
  constructor(fn: string, cause: unknown, pos: Position) {
    super(`${fn}: ${cause instanceof Error ? cause.message : String(cause)}`, pos);
    this.name = 'TemplateCallError';
    this.function = fn;
    this.cause = cause;
  }
  get source(): 'user' | 'aws' | 'internal' {
    return this.cause instanceof CortadoError ? this.cause.source : 'user';
  }
}

/** {{break}} and {{continue}} unwind to their range. */
class LoopSignal {
  constructor(readonly kind: 'break' | 'continue') {}
}

interface State {
  readonly funcs: FunctionMap;
  readonly vars: { name: string; value: TemplateValue }[];
  readonly out: string[];
}

const lookupVar = (s: State, name: string): { name: string; value: TemplateValue } => {
  for (let i = s.vars.length - 1; i >= 0; i--) if (s.vars[i]!.name === name) return s.vars[i]!;
  throw new Error(`undefined variable "${name}"`);
};

function field(v: TemplateValue, name: string, pos: Position): TemplateValue {
  if (v === null) return null;
  if (isMap(v)) return v[name] ?? null;
  throw new TemplateError(`can't evaluate field ${name} in type ${isList(v) ? 'list' : typeof v}`, pos);
}

function findFunction(s: State, name: string, pos: Position): TemplateFunction {
  const fn = s.funcs.get(name) ?? BUILTINS.get(name);
  if (!fn)
    throw new TemplateError(
      `function "${name}" not defined (available: ${[...new Set([...s.funcs.keys(), ...BUILTINS.keys(), ...LAZY_BUILTINS])].sort().join(', ')})`,
      pos,
    );
  return fn;
}

async function operandValue(o: Operand, s: State, dot: TemplateValue): Promise<TemplateValue> {
  switch (o.kind) {
    case 'literal':
      return o.value;
    case 'dot':
      return dot;
    case 'variable':
      return lookupVar(s, o.name).value;
    case 'group':
      return evalPipeline(o.pipeline, s, dot);
    case 'field': {
      let v = o.base ? await operandValue(o.base, s, dot) : dot;
      for (const n of o.names) v = field(v, n, o.pos);
      return v;
    }
    case 'function':
      return call(s, o.name, [], o.pos, dot, undefined);
  }
}

/** `and`/`or` stop at the first argument that decides (Go 1.18+); everything else is evaluated first. */
async function call(
  s: State,
  name: string,
  argOps: readonly Operand[],
  pos: Position,
  dot: TemplateValue,
  piped: TemplateValue | undefined,
): Promise<TemplateValue> {
  const lazy = !s.funcs.has(name) && (name === 'and' || name === 'or');
  if (lazy) {
    const count = argOps.length + (piped === undefined ? 0 : 1);
    if (count === 0) throw new TemplateError(`wrong number of args for ${name}: want at least 1 got 0`, pos);
    let v: TemplateValue = null;
    for (let i = 0; i < count; i++) {
      v = i < argOps.length ? await operandValue(argOps[i]!, s, dot) : piped!;
      if (truthy(v) === (name === 'or')) return v;
    }
    return v;
  }
  const fn = findFunction(s, name, pos);
  const args: TemplateValue[] = [];
  for (const o of argOps) args.push(await operandValue(o, s, dot));
  if (piped !== undefined) args.push(piped);
  try {
    return await fn(...args);
  } catch (e) {
    throw new TemplateCallError(name, e, pos);
  }
}

async function evalCommand(cmd: Command, s: State, dot: TemplateValue, piped: TemplateValue | undefined): Promise<TemplateValue> {
  const [head, ...rest] = cmd.operands;
  if (head!.kind === 'function') return call(s, head!.name, rest, head!.pos, dot, piped);
  if (piped !== undefined) throw new TemplateError(`can't give argument to non-function ${head!.kind}`, cmd.pos);
  return operandValue(head!, s, dot);
}

async function evalPipeline(p: Pipeline, s: State, dot: TemplateValue): Promise<TemplateValue> {
  let value: TemplateValue | undefined;
  for (const cmd of p.commands) value = await evalCommand(cmd, s, dot, value);
  const v = value ?? null;
  if (p.decl?.assign) lookupVar(s, p.decl.names[0]!).value = v;
  else if (p.decl) s.vars.push({ name: p.decl.names[p.decl.names.length - 1]!, value: v });
  return v;
}

/** What `range` walks: list items, map values by sorted key, 0..n-1 for an integer n (Go 1.22); nil is empty. */
function entries(v: TemplateValue, pos: Position): [TemplateValue, TemplateValue][] {
  if (v === null) return [];
  if (isList(v)) return v.map((x, i) => [i, x]);
  if (isMap(v)) return sortedKeys(v).map((k) => [k, v[k]!]);
  if (typeof v === 'number' && Number.isInteger(v)) return Array.from({ length: Math.max(0, v) }, (_, i) => [i, i]);
  throw new TemplateError(`range can't iterate over ${printed(v)}`, pos);
}

async function renderRange(n: Extract<TemplateNode, { kind: 'range' }>, s: State, dot: TemplateValue): Promise<void> {
  const mark = s.vars.length;
  const { decl, ...rest } = n.over;
  const items = entries(await evalPipeline(rest as Pipeline, s, dot), n.pos);
  if (items.length === 0) {
    await renderNodes(n.otherwise, s, dot);
    return;
  }
  try {
    for (const [key, item] of items) {
      s.vars.length = mark;
      if (decl?.names.length === 2) s.vars.push({ name: decl.names[0]!, value: key }, { name: decl.names[1]!, value: item });
      else if (decl) s.vars.push({ name: decl.names[0]!, value: item });
      try {
        await renderNodes(n.body, s, item);
      } catch (e) {
        if (!(e instanceof LoopSignal)) throw e;
        if (e.kind === 'break') break;
      }
    }
  } finally {
    s.vars.length = mark;
  }
}

async function renderNodes(nodes: readonly TemplateNode[], s: State, dot: TemplateValue): Promise<void> {
  for (const n of nodes) {
    switch (n.kind) {
      case 'text':
        s.out.push(n.text);
        break;
      case 'action': {
        const v = await evalPipeline(n.pipeline, s, dot);
        if (!n.pipeline.decl) s.out.push(printed(v));
        break;
      }
      case 'break':
      case 'continue':
        throw new LoopSignal(n.kind);
      case 'range':
        await renderRange(n, s, dot);
        break;
      default: {
        const mark = s.vars.length;
        let done = false;
        for (const b of n.branches) {
          const v = await evalPipeline(b.cond, s, dot);
          if (truthy(v)) {
            await renderNodes(b.body, s, n.kind === 'with' ? v : dot);
            done = true;
            break;
          }
        }
        if (!done) await renderNodes(n.otherwise, s, dot);
        s.vars.length = mark;
      }
    }
  }
}

/** Renders `src`; a source without `{{` is returned as is (no parsing cost). */
export async function renderTemplate(src: string, funcs: FunctionMap, data: TemplateValue = null): Promise<string> {
  if (!src.includes('{{')) return src;
  const s: State = { funcs, vars: [{ name: '$', value: data }], out: [] };
  await renderNodes(parseTemplate(src), s, data);
  return s.out.join('');
}
