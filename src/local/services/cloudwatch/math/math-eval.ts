// Evaluates a parsed metric math tree against the other queries' results.
import { MathError } from './math-error.js';
import { MATH_FUNCTIONS, type FunctionContext } from './math-functions.js';
import type { MathNode } from './math-parser.js';
import { applyBinary, mapValues } from './series-ops.js';
import type { MathValue } from './time-series.js';

export interface EvalContext extends FunctionContext {
  /** The value of another query, by Id (evaluating it first if needed). */
  resolve(id: string): MathValue;
}

export function evaluate(node: MathNode, ctx: EvalContext): MathValue {
  switch (node.kind) {
    case 'number':
      return { kind: 'scalar', value: node.value };
    case 'string':
      return { kind: 'string', value: node.value };
    case 'keyword':
      return { kind: 'keyword', name: node.name };
    case 'ref':
      return ctx.resolve(node.id);
    case 'negate':
      return mapValues(evaluate(node.operand, ctx), '-', (x) => -x);
    case 'binary':
      return applyBinary(node.op, evaluate(node.left, ctx), evaluate(node.right, ctx));
    case 'array': {
      const items = node.items.flatMap((item) => {
        const v = evaluate(item, ctx);
        if (v.kind === 'series') return [v.series];
        if (v.kind === 'array') return v.items;
        throw new MathError('Arrays may only hold time series');
      });
      return { kind: 'array', items };
    }
    case 'call': {
      const fn = MATH_FUNCTIONS[node.fn];
      if (!fn) throw new MathError(`Unrecognized function ${node.fn}, or one cortado local does not emulate`);
      return fn(
        node.args.map((a) => evaluate(a, ctx)),
        ctx,
      );
    }
  }
}
