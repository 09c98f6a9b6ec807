// The terminal host: prints library messages for people (colours on a TTY) or as JSON lines for scripts, at the level asked.
import type { IoHost, IoMessage } from '../core/io-host.js';

export type OutputMode = 'text' | 'json';

export interface ConsoleHost extends IoHost {
  readonly mode: OutputMode;
  /** A command's final result: a text block for people, one JSON document for scripts. */
  result(text: string, data: unknown): void;
  error(e: unknown): void;
}

export interface ConsoleOptions {
  readonly mode?: OutputMode;
  /** The library's detail messages (debug level) too, except the per-call AWS lines. */
  readonly verbose?: boolean;
  /** Everything: every AWS call as one line (AWS_CALL messages). */
  readonly debug?: boolean;
  /** false: never colour; default: colour when stderr is a TTY and NO_COLOR is unset. */
  readonly color?: boolean;
  readonly stdout?: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr?: NodeJS.WritableStream & { isTTY?: boolean };
  /** Keeps the messages of the run (info and above), for what a command says when it is interrupted. */
  readonly seen?: IoMessage[];
}

const COLORS: Record<string, string> = { warn: '\x1b[33m', error: '\x1b[31m', debug: '\x1b[2m', info: '', result: '\x1b[1m' };
const KEEP = 500;

/** One line per AWS call, from the call record the session reports (read defensively: another module builds it). */
function awsCallLine(m: IoMessage): string {
  const d = (m.data ?? {}) as {
    service?: unknown;
    operation?: unknown;
    httpStatus?: unknown;
    ms?: unknown;
    retries?: unknown;
    errorCode?: unknown;
  };
  if (typeof d.service !== 'string' || typeof d.operation !== 'string') return `aws ${m.message}`;
  const retries = typeof d.retries === 'number' && d.retries > 0 ? ` retries=${d.retries}` : '';
  return `aws ${d.service}:${d.operation} ${d.httpStatus ?? '-'} ${typeof d.ms === 'number' ? `${Math.round(d.ms)}ms` : '-'}${retries}${typeof d.errorCode === 'string' ? ` ${d.errorCode}` : ''}`;
}

export function shows(m: IoMessage, opts: Pick<ConsoleOptions, 'verbose' | 'debug'>): boolean {
  if (m.level !== 'debug') return true;
  if (opts.debug) return true;
  return Boolean(opts.verbose) && m.code !== 'AWS_CALL';
}

const tolerant = new WeakSet<object>();

/**
 * A reader that goes away (`cortado deploy | head -1`, a `tee` ended by the same Ctrl-C) makes writes fail with EPIPE,
 * and an unhandled stream error would end cortado halfway through its work — a deploy not waited for, a sandbox exiting
 * before it stops its tasks. The output is lost; the work goes on and ends as it would have.
 */
function tolerateClosedReader(stream: NodeJS.WritableStream): void {
  if (tolerant.has(stream)) return;
  tolerant.add(stream);
  stream.on('error', () => undefined);
}

export function createConsoleHost(opts: ConsoleOptions = {}): ConsoleHost {
  const stdout = opts.stdout ?? process.stdout;
  const stderr = opts.stderr ?? process.stderr;
  tolerateClosedReader(stdout);
  tolerateClosedReader(stderr);
  const mode = opts.mode ?? 'text';
  const color = opts.color !== false && Boolean(stderr.isTTY) && !process.env.NO_COLOR;
  const paint = (level: string, s: string) => (color && COLORS[level] ? `${COLORS[level]}${s}\x1b[0m` : s);
  return {
    mode,
    notify(m: IoMessage) {
      if (opts.seen && m.level !== 'debug') {
        opts.seen.push(m);
        if (opts.seen.length > KEEP) opts.seen.shift();
      }
      if (!shows(m, opts)) return;
      if (mode === 'json') {
        stderr.write(`${JSON.stringify({ level: m.level, code: m.code, message: m.message, data: m.data, time: m.time.toISOString() })}\n`);
        return;
      }
      const prefix = m.level === 'warn' ? 'warning: ' : m.level === 'error' ? 'error: ' : m.level === 'debug' ? 'debug: ' : '';
      stderr.write(`${paint(m.level, prefix + (m.code === 'AWS_CALL' ? awsCallLine(m) : m.message))}\n`);
    },
    result(text, data) {
      if (mode === 'json') stdout.write(`${JSON.stringify(data, null, 2)}\n`);
      else stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    },
    error(e) {
      const err = (typeof e === 'object' && e !== null ? e : {}) as {
        code?: unknown;
        message?: unknown;
        hint?: unknown;
        source?: unknown;
        file?: unknown;
        field?: unknown;
      };
      const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
      const message = text(err.message) ?? String(e);
      if (mode === 'json') {
        const doc = {
          code: text(err.code) ?? 'INTERNAL',
          message,
          ...(text(err.hint) ? { hint: text(err.hint) } : {}),
          source: text(err.source) ?? 'internal',
          ...(text(err.file) ? { file: text(err.file) } : {}),
          ...(text(err.field) ? { field: text(err.field) } : {}),
        };
        stdout.write(`${JSON.stringify({ error: doc }, null, 2)}\n`);
        return;
      }
      stderr.write(`${paint('error', `error: ${message}`)}\n`);
      if (text(err.hint)) stderr.write(`  ${text(err.hint)!.startsWith('usage:') ? '' : 'hint: '}${text(err.hint)}\n`);
    },
  };
}
