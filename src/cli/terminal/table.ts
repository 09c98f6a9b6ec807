// Text tables measured by display width and fitted to the terminal: the widest columns give way first, cells end with "…".
import { graphemes, graphemeWidth, stringWidth } from './string-width.js';
import { padEnd, padStart, truncate } from './truncate.js';

export interface ColumnSpec {
  readonly header: string;
  readonly align?: 'left' | 'right';
  /** Wrap this column's cells onto more lines instead of cutting them (a free-text column such as a reason). */
  readonly wrap?: boolean;
  /** Never narrower than this many cells when fitting (default: its natural width, at most 6; 16 for a wrapping column). */
  readonly min?: number;
}

export interface TableOptions {
  /** Cells available (the terminal's columns); undefined: no limit, for pipes and files. */
  readonly width?: number;
  /** A line of dashes under the header. */
  readonly rule?: boolean;
  readonly gap?: number;
}

/** Column widths that fit `width`: wrapping columns give way first, then the widest column, one cell at a time. */
export function fitWidths(
  natural: readonly number[],
  mins: readonly number[],
  wraps: readonly boolean[],
  width: number | undefined,
  gap: number,
): number[] {
  const w = [...natural];
  if (width === undefined) return w;
  let excess = w.reduce((a, b) => a + b, 0) + gap * Math.max(0, w.length - 1) - width;
  while (excess > 0) {
    let pick = -1;
    for (let i = 0; i < w.length; i++) {
      if (w[i]! <= mins[i]!) continue;
      if (pick < 0 || (wraps[i] && !wraps[pick]) || (wraps[i] === wraps[pick] && w[i]! >= w[pick]!)) pick = i;
    }
    if (pick < 0) break;
    w[pick]!--;
    excess--;
  }
  return w;
}

/** Breaks text into lines of at most `width` cells, at spaces where it can, inside a word where it must. */
export function wrapText(text: string, width: number): string[] {
  if (width <= 0) return [text];
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/(?<= )/)) {
    if (stringWidth(line + word.trimEnd()) <= width) {
      line += word;
      continue;
    }
    if (line.trim() !== '') lines.push(line.trimEnd());
    let piece = '';
    for (const g of graphemes(word)) {
      if (stringWidth(piece) + graphemeWidth(g) > width && piece.trim() !== '') {
        lines.push(piece.trimEnd());
        piece = '';
      }
      piece += g;
    }
    line = piece;
  }
  if (line.trim() !== '' || lines.length === 0) lines.push(line.trimEnd());
  return lines;
}

export function renderTable(
  columns: readonly (ColumnSpec | string)[],
  rows: readonly (readonly string[])[],
  opts: TableOptions = {},
): string {
  const cols: ColumnSpec[] = columns.map((c) => (typeof c === 'string' ? { header: c } : c));
  const gap = opts.gap ?? 2;
  const natural = cols.map((c, i) => Math.max(stringWidth(c.header), ...rows.map((r) => stringWidth(r[i] ?? ''))));
  const mins = cols.map((c, i) => Math.min(natural[i]!, c.min ?? (c.wrap ? 16 : 6)));
  const widths = fitWidths(
    natural,
    mins,
    cols.map((c) => Boolean(c.wrap)),
    opts.width,
    gap,
  );
  const sep = ' '.repeat(gap);
  const render = (cells: readonly string[]): string[] => {
    const parts = cols.map((c, i) => (c.wrap ? wrapText(cells[i] ?? '', widths[i]!) : [truncate(cells[i] ?? '', widths[i]!)]));
    const height = Math.max(...parts.map((p) => p.length));
    return Array.from({ length: height }, (_, line) =>
      cols
        .map((c, i) => {
          const cell = parts[i]![line] ?? '';
          return c.align === 'right' ? padStart(cell, widths[i]!) : padEnd(cell, widths[i]!);
        })
        .join(sep)
        .trimEnd(),
    );
  };
  const out = [...render(cols.map((c) => c.header))];
  if (opts.rule) out.push(widths.map((w) => '-'.repeat(w)).join(sep));
  for (const r of rows) out.push(...render(r));
  return out.join('\n');
}
