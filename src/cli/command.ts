// What a CLI command is: its words, its help, and one run() that returns the exit code.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../core/errors.js';
import type { ConsoleHost } from './console-host.js';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface CliCommand {
  /** Words after `cortado`, e.g. ['local', 'start']. */
  readonly path: readonly string[];
  readonly summary: string;
  readonly usage: string;
  readonly options: OptionSpec;
  /** Lines of `--help` that explain the options, and examples. */
  readonly help: string;
  run(args: ParsedArgs, host: ConsoleHost): Promise<number>;
}

export interface ParsedArgs {
  readonly values: Readonly<Record<string, string | boolean | string[] | boolean[] | undefined>>;
  readonly positionals: readonly string[];
}

export function parseCommandArgs(cmd: CliCommand, argv: readonly string[]): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({ args: [...argv], options: cmd.options, allowPositionals: true, strict: true });
    return { values: values as ParsedArgs['values'], positionals };
  } catch (e) {
    const message = e instanceof Error ? e.message.replace(/\. To specify a positional argument.*$/, '') : String(e);
    throw new UsageError('BAD_ARGUMENTS', `cortado ${cmd.path.join(' ')}: ${message}`, `see cortado ${cmd.path.join(' ')} --help`);
  }
}

/** Reads a numeric option, naming the option and what was expected when it is wrong. */
export function numberOption(args: ParsedArgs, name: string, opts: { min?: number; max?: number; integer?: boolean } = {}): number | undefined {
  const raw = args.values[name];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  const bad = typeof raw !== 'string' || raw.trim() === '' || !Number.isFinite(n) || (opts.integer && !Number.isInteger(n))
    || (opts.min !== undefined && n < opts.min) || (opts.max !== undefined && n > opts.max);
  if (bad) {
    const range = opts.min !== undefined && opts.max !== undefined ? ` between ${opts.min} and ${opts.max}` : opts.min !== undefined ? ` >= ${opts.min}` : '';
    throw new UsageError('BAD_OPTION', `--${name} expects ${opts.integer ? 'an integer' : 'a number'}${range}, got ${JSON.stringify(raw)}`);
  }
  return n;
}

export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const raw = args.values[name];
  return typeof raw === 'string' ? raw : undefined;
}

/** An AbortSignal that fires on Ctrl-C / SIGTERM while a command runs, so waits stop at once and nothing keeps polling. */
export async function withSignal<T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const ac = new AbortController();
  const stop = (sig: string) => ac.abort(new UsageError('CANCELLED', `cancelled by ${sig}`));
  const onInt = () => stop('SIGINT');
  const onTerm = () => stop('SIGTERM');
  process.once('SIGINT', onInt);
  process.once('SIGTERM', onTerm);
  try {
    return await fn(ac.signal);
  } finally {
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
  }
}
