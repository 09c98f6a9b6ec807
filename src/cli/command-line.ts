// Finds the command's words in argv (shared and host flags may stand before them) and parses its flags with util.parseArgs.
//
// Why node's util.parseArgs and not a library (commander, yargs, citty, kong-like): it ships with Node (nothing to install,
// nothing to audit), it is maintained with Node, and it costs no module load — `cortado --help` must start about as fast as
// `node -e 0`. What it lacks we add in a few lines here: command words anywhere after leading flags, shared flags from the
// environment, "did you mean", and errors that name the command.
import { parseArgs } from 'node:util';
import { UsageError } from '../core/errors.js';
import { COMMAND_TABLE, GROUPS, commandName, type CommandEntry } from './command-table.js';
import type { CliCommand, OptionSpec, ParsedArgs } from './command.js';
import { FLAG_ENV, HOST_OPTIONS, SHARED_OPTIONS, flagsFromEnv } from './shared-flags.js';
import { suggest } from '../core/suggest.js';

export type Located =
  | { readonly kind: 'root' }
  | { readonly kind: 'version' }
  | { readonly kind: 'group'; readonly group: string }
  | { readonly kind: 'command'; readonly entry: CommandEntry; readonly args: readonly string[]; readonly help: boolean };

const GLOBAL_OPTIONS: OptionSpec = {
  ...SHARED_OPTIONS,
  ...HOST_OPTIONS,
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
};
const SHORT = new Map(Object.entries(GLOBAL_OPTIONS).flatMap(([name, o]) => (o.short ? [[o.short, name] as const] : [])));

const optionName = (token: string): string | undefined => {
  if (token.startsWith('--')) return token.slice(2).split('=')[0];
  return token.length === 2 ? SHORT.get(token[1]!) : undefined;
};

/** The short usage line an error ends with (never the whole help). */
export const usageLine = (words: readonly string[]): string =>
  words.length
    ? `usage: cortado ${words.join(' ')} [options]; cortado ${words.join(' ')} --help for more`
    : 'usage: cortado <command> [options]; cortado --help for the commands';

function unknownCommand(words: readonly string[], word: string): UsageError {
  const known = words.length
    ? COMMAND_TABLE.filter((e) => e.path.length === words.length + 1 && words.every((w, i) => e.path[i] === w)).map(
        (e) => e.path[words.length]!,
      )
    : [...new Set([...COMMAND_TABLE.map((e) => e.path[0]!), 'help', 'version'])];
  const guess = suggest(word, known);
  const where = words.length
    ? `cortado ${words.join(' ')} has no command ${JSON.stringify(word)}`
    : `unknown command ${JSON.stringify(word)}`;
  const usage = words.length
    ? `usage: cortado ${words.join(' ')} <command> [options]; cortado ${words.join(' ')} --help for its commands`
    : usageLine(words);
  return new UsageError('UNKNOWN_COMMAND', `${where}${guess ? `; did you mean \`cortado ${[...words, guess].join(' ')}\`?` : ''}`, usage);
}

/** Where argv points: the root help, the version, a group's list, or a command with its own arguments (command words removed). */
export function locate(argv: readonly string[]): Located {
  const dash = argv.indexOf('--');
  const head = dash < 0 ? [...argv] : argv.slice(0, dash);
  const words: string[] = [];
  const rest: string[] = [];
  let entry: CommandEntry | undefined;
  let help = false;
  let version = false;
  let helpWord = false;
  for (let i = 0; i < head.length; i++) {
    const t = head[i]!;
    if (t.startsWith('-') && t !== '-') {
      const name = optionName(t);
      if (name === 'help') help = true;
      else if (name === 'version' && !entry) version = true;
      else rest.push(t);
      const o = name === undefined ? undefined : GLOBAL_OPTIONS[name];
      if (!entry && o === undefined) {
        const guess = suggest(t.replace(/^-+/, '').split('=')[0]!, Object.keys(GLOBAL_OPTIONS));
        throw new UsageError(
          'BAD_ARGUMENTS',
          `unknown option ${JSON.stringify(t)} before the command${guess ? `; did you mean --${guess}?` : ''} (a command's own options go after its words)`,
          usageLine(words),
        );
      }
      if (o?.type === 'string' && !t.includes('=') && head[i + 1] !== undefined) rest.push(head[++i]!);
      continue;
    }
    if (entry) {
      rest.push(t);
      continue;
    }
    if (words.length === 0 && !helpWord && (t === 'help' || t === 'version')) {
      if (t === 'version') version = true;
      else {
        helpWord = true;
        help = true;
      }
      continue;
    }
    const next = [...words, t];
    const prefix = COMMAND_TABLE.filter((e) => next.every((w, j) => e.path[j] === w));
    if (prefix.length === 0) throw unknownCommand(words, t);
    words.push(t);
    entry = prefix.find((e) => e.path.length === words.length);
  }
  if (dash >= 0) rest.push(...argv.slice(dash));
  if (entry) return { kind: 'command', entry, args: rest, help };
  if (words.length) return { kind: 'group', group: words[0]! };
  if (version && !helpWord) return { kind: 'version' };
  return { kind: 'root' };
}

/** The host flags (output, colour, debug, verbose) wherever they stand, for errors raised before the command is parsed. */
export function hostFlags(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): ParsedArgs['values'] {
  const parsed = parseArgs({ args: [...argv], options: GLOBAL_OPTIONS, allowPositionals: true, strict: false });
  const values: Record<string, ParsedArgs['values'][string]> = { ...flagsFromEnv(env, Object.keys(HOST_OPTIONS)) };
  for (const name of Object.keys(HOST_OPTIONS)) if (parsed.values[name] !== undefined) values[name] = parsed.values[name];
  return values;
}

/** Pure: `--flag` given without a value (last, or before another flag) becomes the command's boolean stand-in for it. */
export function bareFlagsRead(args: readonly string[], bare: Readonly<Record<string, string>> | undefined): string[] {
  const dash = args.indexOf('--');
  return args.map((t, i) => {
    const name = t.startsWith('--') && !t.includes('=') ? t.slice(2) : undefined;
    const next = args[i + 1];
    const valueless = next === undefined || (next.startsWith('-') && next !== '-');
    return name && bare?.[name] && valueless && (dash < 0 || i < dash) ? `--${bare[name]}` : t;
  });
}

/** The command's parsed arguments: its own flags, the shared ones it takes (command line, then environment), the host ones. */
export function parseCommand(
  entry: CommandEntry,
  cmd: CliCommand,
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): ParsedArgs {
  for (const [name, o] of Object.entries(cmd.options)) {
    const shared = SHARED_OPTIONS[name] ?? HOST_OPTIONS[name];
    if (shared && (shared.type !== o.type || Boolean(shared.multiple) !== Boolean(o.multiple)))
      throw new Error(`${commandName(entry)} redefines the shared flag --${name}`);
  }
  const options: OptionSpec = { ...SHARED_OPTIONS, ...HOST_OPTIONS, ...cmd.options };
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({ args: bareFlagsRead(args, cmd.bareFlags), options, allowPositionals: true, strict: true });
  } catch (e) {
    const message = e instanceof Error ? e.message.replace(/\. To specify a positional argument.*$/s, '') : String(e);
    const bad = /^Unknown option '(-{1,2}[^']+)'/.exec(message)?.[1];
    const guess = bad ? suggest(bad.replace(/^-+/, ''), Object.keys(options)) : undefined;
    throw new UsageError(
      'BAD_ARGUMENTS',
      `${commandName(entry)}: ${message}${guess ? `; did you mean --${guess}?` : ''}`,
      usageLine(entry.path),
    );
  }
  const accepted = entry.shared === 'all' ? Object.keys(SHARED_OPTIONS) : entry.shared;
  for (const name of Object.keys(SHARED_OPTIONS)) {
    if (parsed.values[name] !== undefined && !accepted.includes(name) && !(name in cmd.options)) {
      throw new UsageError(
        'BAD_OPTION',
        `${commandName(entry)} does not take --${name}${accepted.length ? ` (of the shared flags it takes ${accepted.map((a) => `--${a}`).join(', ')})` : ' (it opens no config and calls no AWS account)'}`,
        usageLine(entry.path),
      );
    }
  }
  const fromEnv = flagsFromEnv(env, [...accepted, ...Object.keys(HOST_OPTIONS)]);
  const values: Record<string, ParsedArgs['values'][string]> = { ...fromEnv };
  for (const [k, v] of Object.entries(parsed.values)) if (v !== undefined) values[k] = v as ParsedArgs['values'][string];
  const output = values.output;
  if (output !== undefined && output !== 'text' && output !== 'json') {
    throw new UsageError(
      'BAD_OPTION',
      `--output expects text or json, got ${JSON.stringify(output)}${parsed.values.output === undefined ? ` (from ${FLAG_ENV.output![0]})` : ''}`,
      usageLine(entry.path),
    );
  }
  return { values, positionals: parsed.positionals };
}

export const groupWords = (): readonly string[] => GROUPS.map((g) => g.word);
