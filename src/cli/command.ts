// What a CLI command module is: its options, its help, one run() that returns the exit code, and what Ctrl-C leaves behind.
import type { ParseArgsConfig } from 'node:util';
import { UsageError } from '../core/errors.js';
import type { IoMessage } from '../core/io-host.js';
import type { ConsoleHost } from './console-host.js';
import { currentInterrupt } from './interrupt.js';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/** A command module (loaded lazily by the table in command-table.ts, which owns its words and summary). */
export interface CliCommand {
  readonly usage: string;
  /** The command's own flags; the shared and host flags (shared-flags.ts) are added by the parser. */
  readonly options: OptionSpec;
  /** Lines of `--help` that explain the options, and examples (shared flags and exit codes are appended once, by help.ts). */
  readonly help: string;
  run(args: ParsedArgs, host: ConsoleHost): Promise<number>;
  /**
   * Ctrl-C / SIGTERM stopped the run (exit 130): what goes on in AWS and how to follow it, from the messages the run reported.
   * Without it the host says that what was already requested from AWS stands.
   */
  interrupted?(seen: readonly IoMessage[], args: ParsedArgs): string | undefined;
  /**
   * A shared or host string flag this command also takes bare (no value: last, or followed by another flag), read as the
   * named boolean flag of its own: ecspresso's `register --output` prints the registered task definition.
   */
  readonly bareFlags?: Readonly<Record<string, string>>;
  /** Ctrl-C is this command's normal end (`local start`): its own exit code stands. */
  readonly endsOnSignal?: true;
}

export interface ParsedArgs {
  readonly values: Readonly<Record<string, string | boolean | string[] | boolean[] | undefined>>;
  readonly positionals: readonly string[];
}

/** Reads a numeric option, naming the option and what was expected when it is wrong. */
export function numberOption(
  args: ParsedArgs,
  name: string,
  opts: { min?: number; max?: number; integer?: boolean } = {},
): number | undefined {
  const raw = args.values[name];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  const bad =
    typeof raw !== 'string' ||
    raw.trim() === '' ||
    !Number.isFinite(n) ||
    (opts.integer && !Number.isInteger(n)) ||
    (opts.min !== undefined && n < opts.min) ||
    (opts.max !== undefined && n > opts.max);
  if (bad) {
    const range =
      opts.min !== undefined && opts.max !== undefined
        ? ` between ${opts.min} and ${opts.max}`
        : opts.min !== undefined
          ? ` >= ${opts.min}`
          : '';
    throw new UsageError('BAD_OPTION', `--${name} expects ${opts.integer ? 'an integer' : 'a number'}${range}, got ${JSON.stringify(raw)}`);
  }
  return n;
}

export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const raw = args.values[name];
  return typeof raw === 'string' ? raw : undefined;
}

/** The run's AbortSignal: Ctrl-C / SIGTERM abort it (main.ts arms it per run), so waits stop at once and nothing keeps polling. */
export async function withSignal<T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const armed = currentInterrupt();
  if (armed) return fn(armed.signal);
  const { armInterrupt } = await import('./interrupt.js');
  const own = armInterrupt();
  try {
    return await fn(own.signal);
  } finally {
    own.disarm();
  }
}
