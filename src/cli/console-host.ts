// The terminal host: prints library messages for people (colours on a TTY) or as JSON lines for scripts.
import type { IoHost, IoMessage } from '../core/io-host.js';

export type OutputMode = 'text' | 'json';

export interface ConsoleHost extends IoHost {
  readonly mode: OutputMode;
  /** A command's final result: a text block for people, one JSON document for scripts. */
  result(text: string, data: unknown): void;
  error(e: unknown): void;
}

const COLORS: Record<string, string> = { warn: '\x1b[33m', error: '\x1b[31m', debug: '\x1b[2m', info: '', result: '\x1b[1m' };

export function createConsoleHost(opts: { mode?: OutputMode; verbose?: boolean; stdout?: NodeJS.WriteStream; stderr?: NodeJS.WriteStream } = {}): ConsoleHost {
  const stdout = opts.stdout ?? process.stdout;
  const stderr = opts.stderr ?? process.stderr;
  const mode = opts.mode ?? 'text';
  const color = Boolean(stderr.isTTY) && !process.env.NO_COLOR;
  const paint = (level: string, s: string) => (color && COLORS[level] ? `${COLORS[level]}${s}\x1b[0m` : s);
  return {
    mode,
    notify(m: IoMessage) {
      if (m.level === 'debug' && !opts.verbose) return;
      if (mode === 'json') {
        stderr.write(`${JSON.stringify({ level: m.level, code: m.code, message: m.message, data: m.data, time: m.time.toISOString() })}\n`);
        return;
      }
      const prefix = m.level === 'warn' ? 'warning: ' : m.level === 'error' ? 'error: ' : '';
      stderr.write(`${paint(m.level, prefix + m.message)}\n`);
    },
    result(text, data) {
      if (mode === 'json') stdout.write(`${JSON.stringify(data, null, 2)}\n`);
      else stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    },
    error(e) {
      const err = e as { code?: string; message?: string; hint?: string; source?: string };
      if (mode === 'json') {
        stdout.write(`${JSON.stringify({ error: { code: err.code ?? 'INTERNAL', message: err.message ?? String(e), hint: err.hint, source: err.source ?? 'internal' } }, null, 2)}\n`);
        return;
      }
      stderr.write(`${paint('error', `error: ${err.message ?? String(e)}`)}\n`);
      if (err.hint) stderr.write(`  hint: ${err.hint}\n`);
    },
  };
}
