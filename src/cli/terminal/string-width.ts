// How many terminal cells text takes: East Asian wide characters and emoji count 2, combining marks and escape sequences 0.
import { stripAnsi } from './ansi.js';

/**
 * East Asian Width W and F ranges (UAX #11) other than emoji, which `\p{Emoji_Presentation}` covers: Hangul Jamo, CJK
 * radicals and ideographs, kana, Hangul syllables, fullwidth forms, Tangut, Khitan, kana supplements, CJK extension planes.
 */
const WIDE: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f],
  [0x2329, 0x232a],
  [0x2e80, 0x303e],
  [0x3041, 0x3247],
  [0x3250, 0x4dbf],
  [0x4e00, 0xa4cf],
  [0xa960, 0xa97f],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x16fe0, 0x16fff],
  [0x17000, 0x18cff],
  [0x18d00, 0x18d08],
  [0x1aff0, 0x1b2ff],
  [0x1f200, 0x1f265],
  [0x20000, 0x3fffd],
];

const EMOJI_PRESENTATION = /\p{Emoji_Presentation}/u;
const PICTOGRAPHIC = /\p{Extended_Pictographic}/u;
/** Combining marks, format characters (ZWJ, soft hyphen, bidi controls), controls, Hangul medial/final jamo (variation selectors are Mn). */
const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}\p{Cc}\u1160-\u11ff\ud7b0-\ud7ff]$/u;
const REGIONAL_INDICATOR = /\p{Regional_Indicator}/u;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

function isWide(cp: number): boolean {
  if (cp < 0x1100) return false;
  let lo = 0;
  let hi = WIDE.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [a, b] = WIDE[mid]!;
    if (cp < a) hi = mid - 1;
    else if (cp > b) lo = mid + 1;
    else return true;
  }
  return EMOJI_PRESENTATION.test(String.fromCodePoint(cp));
}

/** Cells of one code point on its own: 0, 1 or 2. */
export function codePointWidth(cp: number): 0 | 1 | 2 {
  const ch = String.fromCodePoint(cp);
  if (cp < 0x7f) return cp >= 0x20 ? 1 : 0;
  if (ZERO_WIDTH.test(ch)) return 0;
  return isWide(cp) ? 2 : 1;
}

let segmenter: Intl.Segmenter | undefined;

/** User-perceived characters (grapheme clusters): a base and its marks, a ZWJ emoji sequence, a flag. */
export function graphemes(s: string): Iterable<string> {
  if (PRINTABLE_ASCII.test(s)) return s;
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return [...segmenter.segment(s)].map((x) => x.segment);
}

/** Cells of one grapheme cluster: its widest code point, 2 for emoji shown as emoji (VS16) and for flags. */
export function graphemeWidth(g: string): number {
  const first = g.codePointAt(0)!;
  if (g.length === 1 || (g.length === 2 && first > 0xffff)) return codePointWidth(first);
  if (g.includes('\ufe0f') && PICTOGRAPHIC.test(g)) return 2;
  if (REGIONAL_INDICATOR.test(g)) return 2;
  let w = 0;
  for (const ch of g) w = Math.max(w, codePointWidth(ch.codePointAt(0)!));
  return w;
}

/** Display width of text on a terminal; escape sequences count 0. */
export function stringWidth(text: string): number {
  const s = stripAnsi(text);
  if (PRINTABLE_ASCII.test(s)) return s.length;
  let w = 0;
  for (const g of graphemes(s)) w += graphemeWidth(g);
  return w;
}
