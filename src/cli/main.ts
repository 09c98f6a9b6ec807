// The `cortado` executable: finds the command in the table, loads only its module, parses its flags, runs it, maps the
// outcome to the one exit-code table (src/core/exit-codes.ts), and says what Ctrl-C leaves behind.
import { isCortadoError } from '../core/errors.js';
import { EXIT, exitCodeOfError } from '../core/exit-codes.js';
import type { IoMessage } from '../core/io-host.js';
import { hostFlags, locate, parseCommand } from './command-line.js';
import { createConsoleHost, type ConsoleHost, type OutputMode } from './console-host.js';
import { commandHelp, groupHelp, rootHelp } from './help.js';
import { armInterrupt } from './interrupt.js';

type Env = Readonly<Record<string, string | undefined>>;

/** A thrown error's exit code: the core table, and a wait that ran out of time means the operation is still in progress. */
export function exitCodeOf(e: unknown): number {
  if (isCortadoError(e) && e.code === 'TIMEOUT') return EXIT.inProgress;
  return exitCodeOfError(e);
}

function hostFor(values: Readonly<Record<string, unknown>>, seen?: IoMessage[]): ConsoleHost {
  const mode: OutputMode = values.output === 'json' ? 'json' : 'text';
  if (values['no-color'] === true) process.env.NO_COLOR ||= '1';
  return createConsoleHost({
    mode,
    verbose: values.verbose === true,
    debug: values.debug === true,
    color: values['no-color'] !== true,
    ...(seen ? { seen } : {}),
  });
}

export async function main(argv: readonly string[], env: Env = process.env): Promise<number> {
  const early = hostFlags(argv, env);
  let host = hostFor(early);
  let detail = early.verbose === true || early.debug === true;
  try {
    const where = locate(argv);
    if (where.kind === 'version') {
      process.stdout.write(`${(await import('../core/version.js')).version()}\n`);
      return EXIT.ok;
    }
    if (where.kind === 'root') {
      process.stdout.write(`${rootHelp()}\n`);
      return EXIT.ok;
    }
    if (where.kind === 'group') {
      process.stdout.write(`${groupHelp(where.group)}\n`);
      return EXIT.ok;
    }
    const cmd = await where.entry.load();
    if (where.help) {
      process.stdout.write(`${commandHelp(where.entry, cmd)}\n`);
      return EXIT.ok;
    }
    const args = parseCommand(where.entry, cmd, where.args, env);
    const seen: IoMessage[] = [];
    host = hostFor(args.values, seen);
    detail = args.values.verbose === true || args.values.debug === true;
    const interrupt = armInterrupt();
    let code: number;
    try {
      code = await cmd.run(args, host);
    } catch (e) {
      if (interrupt.received() === undefined || cmd.endsOnSignal) throw e;
      code = EXIT.interrupted;
    } finally {
      interrupt.disarm();
    }
    const sig = interrupt.received();
    if (sig === undefined || cmd.endsOnSignal) return code;
    const what = cmd.interrupted?.(seen, args) ?? 'what cortado had already asked of AWS stands; nothing more was requested';
    host.error({ code: 'INTERRUPTED', message: `interrupted by ${sig}: ${what}`, source: 'user' });
    return EXIT.interrupted;
  } catch (e) {
    host.error(e);
    if (!isCortadoError(e) && detail && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
    return exitCodeOf(e);
  }
}
