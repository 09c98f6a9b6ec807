// A live status on a terminal: redrawn in place (cursor up, changed lines rewritten), fitted to the window, printed once at the end.
import { ansi } from './ansi.js';
import { DEFAULT_SIZE, layoutLive, physicalRows, type WindowSize } from './live-layout.js';
import { truncate } from './truncate.js';

/** What the view needs of a terminal stream (process.stdout is one; tests pass a fake). */
export interface LiveStream {
  write(s: string): unknown;
  readonly columns?: number;
  readonly rows?: number;
  /** `resize` is how Node reports SIGWINCH on a TTY stream, after it has re-read the size. */
  on(event: 'resize', fn: () => void): unknown;
  off(event: 'resize', fn: () => void): unknown;
}

export interface LiveView {
  /** Replaces the frame (the status), redrawing only the lines that changed. */
  frame(lines: readonly string[]): void;
  /** Adds a line to the tail shown under the frame; only the newest lines that fit are shown, and none is kept. */
  log(line: string): void;
  /** Writes lines above the live region, once: they scroll into the scrollback like ordinary output. */
  print(lines: readonly string[]): void;
  /** Erases the live region and prints the last frame once, as plain lines (without the tail). Idempotent. */
  stop(): void;
}

export interface LiveViewOptions {
  /** How many tail lines to remember (the window shows fewer). */
  readonly logLines?: number;
}

export function createLiveView(out: LiveStream, opts: LiveViewOptions = {}): LiveView {
  const keep = opts.logLines ?? 200;
  const size = (): WindowSize => ({ columns: out.columns || DEFAULT_SIZE.columns, rows: out.rows || DEFAULT_SIZE.rows });
  let frame: readonly string[] = [];
  const log: string[] = [];
  /** The lines on screen now; the cursor waits at the start of the row below them. */
  let drawn: string[] = [];
  let drawnColumns = size().columns;
  let stopped = false;
  let started = false;

  /**
   * Blanks the `up` rows above the cursor line by line and returns to the first. Never ED ("erase below"): tmux, for one,
   * moves the whole screen into the scrollback when that is sent from the top-left corner.
   */
  const blank = (up: number): string => (up > 0 ? `${ansi.up(up)}${`${ansi.eraseLine}\n`.repeat(up)}${ansi.up(up)}` : '\r');

  function redraw(all: boolean): void {
    if (stopped) return;
    const s = size();
    const next = layoutLive(frame, log, s);
    const force = all || drawnColumns !== s.columns;
    if (!force && next.length === drawn.length && next.every((l, i) => l === drawn[i])) return;
    const up = physicalRows(drawn, s.columns);
    let text = `${started ? '' : ansi.hideCursor}${ansi.up(up)}`;
    started = true;
    next.forEach((line, i) => {
      text += !force && i < drawn.length && drawn[i] === line ? '\n' : `${line}${ansi.eraseLine}\n`;
    });
    const left = up - next.length;
    if (left > 0) text += `${`${ansi.eraseLine}\n`.repeat(left)}${ansi.up(left)}`;
    out.write(text);
    drawn = next;
    drawnColumns = s.columns;
  }

  const onResize = () => redraw(true);
  const restoreCursor = () => {
    if (started && !stopped) out.write(ansi.showCursor);
  };
  out.on('resize', onResize);
  process.once('exit', restoreCursor);

  return {
    frame(lines) {
      frame = [...lines];
      redraw(false);
    },
    log(line) {
      log.push(line);
      if (log.length > keep) log.splice(0, log.length - keep);
      redraw(false);
    },
    print(lines) {
      if (stopped) {
        out.write(lines.map((l) => `${l}\n`).join(''));
        return;
      }
      out.write(`${blank(physicalRows(drawn, size().columns))}${lines.map((l) => `${l}\n`).join('')}`);
      drawn = [];
      redraw(true);
    },
    stop() {
      if (stopped) return;
      const width = Math.max(1, size().columns - 1);
      out.write(
        `${blank(physicalRows(drawn, size().columns))}${frame.map((l) => `${truncate(l, width)}\n`).join('')}${started ? ansi.showCursor : ''}`,
      );
      stopped = true;
      drawn = [];
      out.off('resize', onResize);
      process.off('exit', restoreCursor);
    },
  };
}
