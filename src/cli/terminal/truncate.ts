// Cutting and padding text by display width (not by UTF-16 length), keeping colour escapes intact.
import { ansi, ansiTokens } from './ansi.js';
import { graphemes, graphemeWidth, stringWidth } from './string-width.js';

export const ELLIPSIS = '…';

/** Text that fits in `width` cells: unchanged when it fits, else cut at a character boundary and ended with an ellipsis. */
export function truncate(text: string, width: number, ellipsis = ELLIPSIS): string {
  if (width <= 0) return '';
  if (stringWidth(text) <= width) return text;
  const room = width - stringWidth(ellipsis);
  if (room < 0) return truncate(ellipsis, width, '');
  let used = 0;
  let out = '';
  let styled = false;
  for (const t of ansiTokens(text)) {
    if (t.escape) {
      out += t.text;
      styled = true;
      continue;
    }
    for (const g of graphemes(t.text)) {
      const w = graphemeWidth(g);
      if (used + w > room) return `${out}${ellipsis}${styled ? ansi.reset : ''}`;
      out += g;
      used += w;
    }
  }
  return `${out}${ellipsis}${styled ? ansi.reset : ''}`;
}

/** Pads on the right to `width` cells (text already wider is returned unchanged). */
export function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - stringWidth(text)));
}

export function padStart(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - stringWidth(text))) + text;
}
