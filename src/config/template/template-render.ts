// Evaluates parsed templates with a function map; functions may be async (ssm, tfstate from S3), errors keep their position.
import { CortadoError } from '../../core/errors.js';
import type { Command, Operand, Pipeline, Position, TemplateNode } from './template-ast.js';
import { TemplateError } from './template-ast.js';
import { parseTemplate } from './template-parse.js';
import { sprintf } from './sprintf.js';

export type TemplateValue = string | number | boolean | null;
export type TemplateFunction = (...args: TemplateValue[]) => TemplateValue | Promise<TemplateValue>;
export type FunctionMap = ReadonlyMap<string, TemplateFunction>;

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

const truthy = (v: TemplateValue): boolean => !(v === false || v === null || v === 0 || v === '');

export const BUILTINS: ReadonlyMap<string, TemplateFunction> = new Map<string, TemplateFunction>([
  ['printf', (format, ...args) => sprintf(String(format), args)],
  ['eq', (a, ...bs) => bs.some((b) => b === a)],
  ['ne', (a, b) => a !== b],
  ['not', (a) => !truthy(a ?? null)],
  ['and', (...xs) => xs.find((x) => !truthy(x)) ?? xs[xs.length - 1] ?? null],
  ['or', (...xs) => xs.find((x) => truthy(x)) ?? xs[xs.length - 1] ?? null],
  ['len', (s) => String(s ?? '').length],
]);

async function operandValue(o: Operand, funcs: FunctionMap): Promise<TemplateValue> {
  if (o.kind === 'literal') return o.value;
  if (o.kind === 'group') return evalPipeline(o.pipeline, funcs);
  return callFunction(o.name, [], o.pos, funcs);
}

async function callFunction(name: string, args: TemplateValue[], pos: Position, funcs: FunctionMap): Promise<TemplateValue> {
  const fn = funcs.get(name) ?? BUILTINS.get(name);
  if (!fn)
    throw new TemplateError(`function "${name}" not defined (available: ${[...funcs.keys(), ...BUILTINS.keys()].sort().join(', ')})`, pos);
  try {
    return await fn(...args);
  } catch (e) {
    throw new TemplateCallError(name, e, pos);
  }
}

async function evalCommand(cmd: Command, piped: TemplateValue | undefined, funcs: FunctionMap): Promise<TemplateValue> {
  const [head, ...rest] = cmd.operands;
  if (head?.kind === 'ident') {
    const args: TemplateValue[] = [];
    for (const o of rest) args.push(await operandValue(o, funcs));
    if (piped !== undefined) args.push(piped);
    return callFunction(head.name, args, head.pos, funcs);
  }
  if (rest.length > 0 || piped !== undefined)
    throw new TemplateError(
      `can't give arguments to a non-function ${head?.kind === 'literal' ? JSON.stringify(head.value) : 'value'}`,
      cmd.pos,
    );
  return operandValue(head!, funcs);
}

async function evalPipeline(p: Pipeline, funcs: FunctionMap): Promise<TemplateValue> {
  let value: TemplateValue | undefined;
  for (const cmd of p) value = await evalCommand(cmd, value, funcs);
  return value ?? null;
}

async function renderNodes(nodes: readonly TemplateNode[], funcs: FunctionMap, out: string[]): Promise<void> {
  for (const n of nodes) {
    if (n.kind === 'text') out.push(n.text);
    else if (n.kind === 'action') {
      const v = await evalPipeline(n.pipeline, funcs);
      out.push(v === null ? '<no value>' : String(v));
    } else {
      let done = false;
      for (const b of n.branches) {
        if (truthy(await evalPipeline(b.cond, funcs))) {
          await renderNodes(b.body, funcs, out);
          done = true;
          break;
        }
      }
      if (!done) await renderNodes(n.otherwise, funcs, out);
    }
  }
}

/** Renders `src`; a source without `{{` is returned as is (no parsing cost). */
export async function renderTemplate(src: string, funcs: FunctionMap): Promise<string> {
  if (!src.includes('{{')) return src;
  const out: string[] = [];
  await renderNodes(parseTemplate(src), funcs, out);
  return out.join('');
}
