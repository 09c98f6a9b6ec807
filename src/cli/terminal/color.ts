// Whether to colour output, and the few styles cortado uses: off for NO_COLOR, --no-color and anything that is not a terminal.

export interface ColorInputs {
  /** The stream the text goes to. */
  readonly isTTY: boolean | undefined;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** false when the user passed --no-color. */
  readonly flag?: boolean;
}

/** https://no-color.org: NO_COLOR set to anything but the empty string turns colour off; so does TERM=dumb. */
export function colorEnabled(i: ColorInputs): boolean {
  if (i.flag === false) return false;
  if (i.env.NO_COLOR !== undefined && i.env.NO_COLOR !== '') return false;
  if (i.env.TERM === 'dumb') return false;
  return Boolean(i.isTTY);
}

export type Style = (s: string) => string;

export interface Palette {
  readonly color: boolean;
  readonly bold: Style;
  readonly dim: Style;
  readonly red: Style;
  readonly green: Style;
  readonly yellow: Style;
  readonly cyan: Style;
}

const sgr =
  (on: number, off: number): Style =>
  (s) =>
    s === '' ? s : `\x1b[${on}m${s}\x1b[${off}m`;
const plain: Style = (s) => s;

export function palette(color: boolean): Palette {
  if (!color) return { color, bold: plain, dim: plain, red: plain, green: plain, yellow: plain, cyan: plain };
  return { color, bold: sgr(1, 22), dim: sgr(2, 22), red: sgr(31, 39), green: sgr(32, 39), yellow: sgr(33, 39), cyan: sgr(36, 39) };
}
