// Pure layout of a live view: the frame and as much of the log tail as the window has rows for, every line cut to the width.
import { stringWidth } from './string-width.js';
import { truncate } from './truncate.js';

export interface WindowSize {
  readonly columns: number;
  readonly rows: number;
}

/** What a terminal reports when it reports nothing (pipes, some CI consoles). */
export const DEFAULT_SIZE: WindowSize = { columns: 80, rows: 24 };

/**
 * The lines to draw. At most rows - 1 of them (the cursor waits on the row below, and a region taller than the window
 * would push its top into the scrollback, where it can no longer be redrawn), each at most columns - 1 cells (a line that
 * fills the last column leaves some terminals waiting to wrap). A frame taller than that keeps its first lines and says
 * how many it hides; the log tail gets the rows left after the frame and a blank line, newest last.
 */
export function layoutLive(frame: readonly string[], log: readonly string[], size: WindowSize): string[] {
  const width = Math.max(1, size.columns - 1);
  const maxLines = Math.max(1, size.rows - 1);
  const cut = (l: string) => truncate(l, width);
  let lines = frame.map(cut);
  if (lines.length > maxLines) {
    const hidden = lines.length - (maxLines - 1);
    lines = [...lines.slice(0, maxLines - 1), cut(`… ${hidden} more line${hidden === 1 ? '' : 's'} (a taller window shows them)`)].slice(
      0,
      maxLines,
    );
  }
  const room = maxLines - lines.length - (lines.length ? 1 : 0);
  if (room > 0 && log.length) lines = [...lines, ...(lines.length ? [''] : []), ...log.slice(-room).map(cut)];
  return lines;
}

/** Rows the given lines occupy once the terminal has re-wrapped them to `columns` (as tmux, VTE and iTerm2 do on resize). */
export function physicalRows(lines: readonly string[], columns: number): number {
  const c = Math.max(1, columns);
  return lines.reduce((n, l) => n + Math.max(1, Math.ceil(stringWidth(l) / c)), 0);
}
