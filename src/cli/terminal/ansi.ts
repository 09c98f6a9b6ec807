// The few terminal escape sequences cortado writes, and how to strip any escape sequence from text before measuring it.

const ESC = '\x1b[';

export const ansi = {
  /** Erase from the cursor to the end of the line. */
  eraseLine: `${ESC}K`,
  hideCursor: `${ESC}?25l`,
  showCursor: `${ESC}?25h`,
  reset: `${ESC}0m`,
  /** To the first column, n lines up (CR then CUU: understood by every VT100 descendant). */
  up: (n: number): string => (n > 0 ? `\r${ESC}${n}A` : '\r'),
} as const;

/** CSI (colours, cursor moves), OSC (titles, hyperlinks; BEL or ST terminated) and two-byte escapes (ESC 7, ESC M, ...). */
// eslint-disable-next-line no-control-regex -- matching escape sequences is what this module is for
const ESCAPES = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[0-~]/g;

export function stripAnsi(s: string): string {
  return s.includes('\x1b') ? s.replace(ESCAPES, '') : s;
}

/** Splits text into escape sequences and printable runs, in order (for truncation that keeps colours intact). */
export function ansiTokens(s: string): { readonly text: string; readonly escape: boolean }[] {
  const out: { text: string; escape: boolean }[] = [];
  let last = 0;
  for (const m of s.matchAll(ESCAPES)) {
    if (m.index > last) out.push({ text: s.slice(last, m.index), escape: false });
    out.push({ text: m[0], escape: true });
    last = m.index + m[0].length;
  }
  if (last < s.length) out.push({ text: s.slice(last), escape: false });
  return out;
}
