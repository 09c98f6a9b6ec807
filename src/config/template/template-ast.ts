// The parsed shape of Go's text/template (what ecspresso definitions use): text, actions, pipelines, if/with/range, variables.
export interface Position {
  readonly line: number;
  readonly column: number;
}

export type Operand =
  | { readonly kind: 'literal'; readonly value: string | number | boolean | null; readonly pos: Position }
  | { readonly kind: 'function'; readonly name: string; readonly pos: Position }
  | { readonly kind: 'dot'; readonly pos: Position }
  | { readonly kind: 'variable'; readonly name: string; readonly pos: Position }
  | { readonly kind: 'group'; readonly pipeline: Pipeline; readonly pos: Position }
  /** `.a.b`, `$x.a`, `(pipeline).a`: field (map key) lookups on a base value; no base means dot. */
  | { readonly kind: 'field'; readonly base?: Operand; readonly names: readonly string[]; readonly pos: Position };

export interface Command {
  readonly operands: readonly Operand[];
  readonly pos: Position;
}

/** `$x := pipeline` declares, `$x = pipeline` assigns; `range $i, $e := pipeline` declares two. */
export interface Declaration {
  readonly names: readonly string[];
  readonly assign: boolean;
}

export interface Pipeline {
  readonly decl?: Declaration;
  readonly commands: readonly Command[];
  readonly pos: Position;
}

export interface Branch {
  readonly cond: Pipeline;
  readonly body: readonly TemplateNode[];
}

export type TemplateNode =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'action'; readonly pipeline: Pipeline; readonly pos: Position }
  /** if/else if and with/else with chains: the first branch whose value is true runs (with sets dot to it). */
  | {
      readonly kind: 'if' | 'with';
      readonly branches: readonly Branch[];
      readonly otherwise: readonly TemplateNode[];
      readonly pos: Position;
    }
  | {
      readonly kind: 'range';
      readonly over: Pipeline;
      readonly body: readonly TemplateNode[];
      readonly otherwise: readonly TemplateNode[];
      readonly pos: Position;
    }
  | { readonly kind: 'break' | 'continue'; readonly pos: Position };

/** A template mistake with where it happened; callers prefix the file name. */
export class TemplateError extends Error {
  readonly pos: Position;
  constructor(message: string, pos: Position) {
    super(message);
    this.name = 'TemplateError';
    this.pos = pos;
  }
}
