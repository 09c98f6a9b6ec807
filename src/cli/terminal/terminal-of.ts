// What a command may do on its output stream: draw live views (a terminal, text mode), colour it, and how wide it is.
import { colorEnabled } from './color.js';

export interface TerminalInfo {
  /** A TTY in text mode: live views allowed. Pipes, files and --output json get the final state once. */
  readonly live: boolean;
  readonly color: boolean;
  /** Cells per line to fit tables to; undefined when not a terminal (nothing is cut). */
  readonly width: number | undefined;
}

interface Stream {
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/** `host.color` is honoured when the host carries one (set from --no-color); NO_COLOR and non-TTY turn colour off too. */
export function terminalOf(
  host: { readonly mode: 'text' | 'json'; readonly color?: boolean },
  stream: Stream = process.stdout,
  env: Readonly<Record<string, string | undefined>> = process.env,
): TerminalInfo {
  const tty = Boolean(stream.isTTY);
  const live = tty && host.mode === 'text';
  const color = host.mode === 'text' && colorEnabled({ isTTY: tty, env, ...(host.color !== undefined ? { flag: host.color } : {}) });
  return { live, color, width: live && stream.columns ? stream.columns : undefined };
}
