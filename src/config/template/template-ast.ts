// The parsed shape of a Go text/template subset (what ecspresso definitions use): text, actions, pipelines, if/else.
export interface Position {
  readonly line: number;
  readonly column: number;
}

export type Operand =
  | { readonly kind: 'literal'; readonly value: string | number | boolean | null; readonly pos: Position }
  | { readonly kind: 'ident'; readonly name: string; readonly pos: Position }
  | { readonly kind: 'group'; readonly pipeline: Pipeline; readonly pos: Position };

export interface Command {
  readonly operands: readonly Operand[];
  readonly pos: Position;
}

export type Pipeline = readonly Command[];

export type TemplateNode =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'action'; readonly pipeline: Pipeline; readonly pos: Position }
  | {
      readonly kind: 'if';
      readonly branches: readonly { readonly cond: Pipeline; readonly body: readonly TemplateNode[] }[];
      readonly otherwise: readonly TemplateNode[];
      readonly pos: Position;
    };

/** A template mistake with where it happened; callers prefix the file name. */
export class TemplateError extends Error {
  readonly pos: Position;
  constructor(message: string, pos: Position) {
    super(message);
    this.name = 'TemplateError';
    this.pos = pos;
  }
}
