// The `cortado` executable: finds the command, parses its options, runs it, maps errors to exit codes.
import { isCortadoError } from '../core/errors.js';
import { version } from '../core/version.js';
import type { CliCommand } from './command.js';
import { parseCommandArgs } from './command.js';
import { createConsoleHost, type OutputMode } from './console-host.js';

type Commands = readonly CliCommand[];

function usage(COMMANDS: Commands): string {
  const width = Math.max(...COMMANDS.map((c) => c.path.join(' ').length));
  return [
    'cortado — ship services to Amazon ECS safely',
    '',
    'Usage: cortado <command> [options]   (cortado <command> --help for its options)',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.path.join(' ').padEnd(width)}  ${c.summary}`),
    '',
    'Global options: --output text|json, --verbose, --version, --help',
  ].join('\n');
}

function find(COMMANDS: Commands, argv: readonly string[]): { cmd: CliCommand; rest: string[] } | undefined {
  let best: { cmd: CliCommand; rest: string[] } | undefined;
  for (const cmd of COMMANDS) {
    if (cmd.path.every((w, i) => argv[i] === w) && (!best || cmd.path.length > best.cmd.path.length)) {
      best = { cmd, rest: argv.slice(cmd.path.length) };
    }
  }
  return best;
}

/** Pulls the global flags out of argv wherever they appear. */
function globals(argv: readonly string[]): { mode: OutputMode; verbose: boolean; rest: string[]; bad?: string } {
  const rest: string[] = [];
  let mode: OutputMode = 'text';
  let verbose = false;
  let bad: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--output' || a.startsWith('--output=')) {
      const v = a.includes('=') ? a.slice('--output='.length) : argv[++i];
      if (v === 'json' || v === 'text') mode = v;
      else bad = `--output expects text or json, got ${JSON.stringify(v ?? '')}`;
    } else if (a === '--verbose' || a === '-v') verbose = true;
    else rest.push(a);
  }
  return bad === undefined ? { mode, verbose, rest } : { mode, verbose, rest, bad };
}

export async function main(argv: readonly string[]): Promise<number> {
  if (argv[0] === '--version' || argv[0] === '-V') {
    process.stdout.write(`${version()}\n`);
    return 0;
  }
  const g = globals(argv);
  const host = createConsoleHost({ mode: g.mode, verbose: g.verbose });
  if (g.bad) { host.error({ message: g.bad, code: 'BAD_ARGUMENTS' }); return 2; }
  // Loaded after --version so that the cheapest answer stays cheap (cold start is benchmarked).
  const { COMMANDS } = await import('./commands/index.js');
  const found = find(COMMANDS, g.rest);
  if (!found || g.rest[0] === '--help' || g.rest[0] === '-h' || g.rest.length === 0) {
    const unknown = g.rest.length > 0 && !['--help', '-h'].includes(g.rest[0]!);
    (unknown ? process.stderr : process.stdout).write(`${unknown ? `error: unknown command ${JSON.stringify(g.rest.join(' '))}\n\n` : ''}${usage(COMMANDS)}\n`);
    return unknown ? 2 : 0;
  }
  const { cmd, rest } = found;
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${cmd.summary}\n\nUsage: ${cmd.usage}\n\n${cmd.help}\n`);
    return 0;
  }
  try {
    return await cmd.run(parseCommandArgs(cmd, rest), host);
  } catch (e) {
    host.error(e);
    if (isCortadoError(e)) return e.source === 'user' ? 2 : 1;
    if (g.verbose && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
    return 1;
  }
}
