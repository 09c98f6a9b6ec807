// Parses metric math (arithmetic, comparisons, AND/OR, functions, [arrays]) into a tree; precedence as in most languages.
import { MathError } from './math-error.js';
import { tokenize, type Token } from './math-lexer.js';

export type BinaryOp = '+' | '-' | '*' | '/' | '^' | '==' | '!=' | '<' | '<=' | '>' | '>=' | 'AND' | 'OR';

export type MathNode =
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'ref'; readonly id: string }
  | { readonly kind: 'keyword'; readonly name: string }
  | { readonly kind: 'negate'; readonly operand: MathNode }
  | { readonly kind: 'binary'; readonly op: BinaryOp; readonly left: MathNode; readonly right: MathNode }
  | { readonly kind: 'call'; readonly fn: string; readonly args: readonly MathNode[] }
  | { readonly kind: 'array'; readonly items: readonly MathNode[] };

const COMPARISONS = new Set(['==', '!=', '<', '<=', '>', '>=']);

export function parseExpression(source: string): MathNode {
  const tokens = tokenize(source);
  let pos = 0;
  const peek = (): Token => tokens[pos]!;
  const next = (): Token => tokens[pos++]!;
  const isOp = (t: Token, ...values: string[]) => t.kind === 'op' && values.includes(t.value);
  const isWord = (t: Token, word: string) => t.kind === 'name' && t.value === word;
  const describe = (t: Token) =>
    t.kind === 'end' ? 'end of expression' : `'${String(t.kind === 'number' ? t.value : t.value)}' at position ${t.at + 1}`;
  const expect = (value: string) => {
    const t = next();
    if (!isOp(t, value)) throw new MathError(`Expected '${value}' but found ${describe(t)}`);
  };

  function or(): MathNode {
    let left = and();
    while (isOp(peek(), '||') || isWord(peek(), 'OR')) {
      next();
      left = { kind: 'binary', op: 'OR', left, right: and() };
    }
    return left;
  }
  function and(): MathNode {
    let left = comparison();
    while (isOp(peek(), '&&') || isWord(peek(), 'AND')) {
      next();
      left = { kind: 'binary', op: 'AND', left, right: comparison() };
    }
    return left;
  }
  function comparison(): MathNode {
    const left = additive();
    const t = peek();
    if (t.kind === 'op' && COMPARISONS.has(t.value)) {
      next();
      return { kind: 'binary', op: t.value as BinaryOp, left, right: additive() };
    }
    return left;
  }
  function additive(): MathNode {
    let left = multiplicative();
    while (isOp(peek(), '+', '-')) {
      const op = next() as { value: string };
      left = { kind: 'binary', op: op.value as BinaryOp, left, right: multiplicative() };
    }
    return left;
  }
  function multiplicative(): MathNode {
    let left = unary();
    while (isOp(peek(), '*', '/')) {
      const op = next() as { value: string };
      left = { kind: 'binary', op: op.value as BinaryOp, left, right: unary() };
    }
    return left;
  }
  function unary(): MathNode {
    if (isOp(peek(), '-')) {
      next();
      return { kind: 'negate', operand: unary() };
    }
    if (isOp(peek(), '+')) {
      next();
      return unary();
    }
    return power();
  }
  function power(): MathNode {
    const base = primary();
    if (isOp(peek(), '^')) {
      next();
      return { kind: 'binary', op: '^', left: base, right: unary() };
    }
    return base;
  }
  function list(close: string): MathNode[] {
    const items: MathNode[] = [];
    if (isOp(peek(), close)) {
      next();
      return items;
    }
    for (;;) {
      items.push(or());
      const t = next();
      if (isOp(t, close)) return items;
      if (!isOp(t, ',')) throw new MathError(`Expected ',' or '${close}' but found ${describe(t)}`);
    }
  }
  function primary(): MathNode {
    const t = next();
    if (t.kind === 'number') return { kind: 'number', value: t.value };
    if (t.kind === 'string') return { kind: 'string', value: t.value };
    if (isOp(t, '(')) {
      const inner = or();
      expect(')');
      return inner;
    }
    if (isOp(t, '[')) return { kind: 'array', items: list(']') };
    if (t.kind === 'name') {
      if (isOp(peek(), '(')) {
        if (!/^[A-Z][A-Z0-9_]*$/.test(t.value)) throw new MathError(`Unrecognized function ${t.value}: function names are uppercase`);
        next();
        return { kind: 'call', fn: t.value, args: list(')') };
      }
      if (/^[a-z]/.test(t.value)) return { kind: 'ref', id: t.value };
      return { kind: 'keyword', name: t.value };
    }
    throw new MathError(`Unexpected ${describe(t)}`);
  }

  const tree = or();
  if (peek().kind !== 'end') throw new MathError(`Unexpected ${describe(peek())}`);
  return tree;
}

/** Ids of other queries the expression reads (METRICS() reads them all and is handled by the caller). */
export function referencedIds(node: MathNode, out = new Set<string>()): Set<string> {
  switch (node.kind) {
    case 'ref':
      out.add(node.id);
      break;
    case 'negate':
      referencedIds(node.operand, out);
      break;
    case 'binary':
      referencedIds(node.left, out);
      referencedIds(node.right, out);
      break;
    case 'call':
      node.args.forEach((a) => referencedIds(a, out));
      break;
    case 'array':
      node.items.forEach((a) => referencedIds(a, out));
      break;
    default:
      break;
  }
  return out;
}

export function callsFunction(node: MathNode, fn: string): boolean {
  switch (node.kind) {
    case 'call':
      return node.fn === fn || node.args.some((a) => callsFunction(a, fn));
    case 'negate':
      return callsFunction(node.operand, fn);
    case 'binary':
      return callsFunction(node.left, fn) || callsFunction(node.right, fn);
    case 'array':
      return node.items.some((a) => callsFunction(a, fn));
    default:
      return false;
  }
}
