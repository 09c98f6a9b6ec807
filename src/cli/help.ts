// Help text, written once: the command list, a group's list, and every command's help ending with the same shared-flag and
// exit-code lines. Reads only the table (no command module) except for the one command whose --help is asked.
import { COMMAND_TABLE, GROUPS, type CommandEntry } from './command-table.js';
import type { CliCommand } from './command.js';
import { FLAG_ENV, SHARED_OPTIONS } from './shared-flags.js';

const SHARED_HELP: Readonly<Record<string, string>> = {
  config: '-c, --config FILE        config file (default: cortado.yml|yaml|json|jsonnet, else ecspresso.yml|...)',
  envfile: '--envfile FILE           KEY=value lines for the templates (repeatable)',
  'ext-str': '--ext-str K=V            Jsonnet external string variable (repeatable)',
  'ext-code': '--ext-code K=CODE        Jsonnet external code variable (repeatable)',
  region: '--region R               AWS region (default: config "region", then AWS_REGION)',
  profile: '--profile NAME           AWS profile (default: AWS_PROFILE, then the standard credential chain)',
  'assume-role-arn': '--assume-role-arn ARN    assume this role for every call (config: assume_role_arn)',
  'endpoint-url': '--endpoint-url URL       AWS endpoint (default: AWS_ENDPOINT_URL), e.g. a cortado local sandbox',
  timeout: '--timeout DURATION       bound every wait (default: config "timeout", 10m)',
  'poll-interval': '--poll-interval DURATION how often waits poll AWS (default 5s)',
  strict: '--strict                 unknown config keys and definition fields that would be dropped are errors',
};

export const HOST_HELP = `Output options (any command, before or after its words):
  -o, --output text|json   json: one JSON document on stdout, messages as JSON lines on stderr (CORTADO_OUTPUT)
  --no-color               no colour (also NO_COLOR, CORTADO_NO_COLOR, ECSPRESSO_COLOR=false)
  -v, --verbose            the library's detail messages too (CORTADO_VERBOSE)
  --debug                  everything, one line per AWS call: service, operation, HTTP status, ms, retries (CORTADO_DEBUG, ECSPRESSO_DEBUG)`;

/** The one exit-code table (src/core/exit-codes.ts), as every command's help ends. */
export const EXIT_CODES_HELP = `Exit codes (the same for every command):
  0    done: what was asked happened (a \`canary abort\` that aborted the release, too)
  1    AWS refused, or the operation failed (a failed deployment, a task that exited non-zero)
  2    bad input (flags, config, definitions): nothing was changed
  3    rolled back (canary analysis failed, the canary's deployment failed, not enough data)
  4    aborted by someone else (an operator aborted the release this command was running)
  5    still in progress (paused, waiting for promotion, another controller runs it, a wait timed out)
  130  interrupted (Ctrl-C, SIGTERM): stderr says what goes on in AWS and how to follow it`;

const pad = (rows: readonly (readonly [string, string])[]) => {
  const w = Math.max(...rows.map(([a]) => a.length));
  return rows.map(([a, b]) => `  ${a.padEnd(w)}  ${b}`).join('\n');
};

export function rootHelp(): string {
  const top = COMMAND_TABLE.filter((e) => e.path.length === 1).map((e) => [e.path[0]!, e.summary] as const);
  const groups = GROUPS.map((g) => [`${g.word} ...`, `${g.summary} (cortado ${g.word} --help)`] as const);
  return [
    'cortado — ship services to Amazon ECS safely',
    '',
    'Usage: cortado [shared options] <command> [options]   (cortado <command> --help for its options)',
    '',
    'Commands:',
    pad([...top, ...groups, ['help [command]', "this text, or a command's help"], ['version', 'print the version']]),
    '',
    sharedHelp('all'),
    '',
    HOST_HELP,
    '',
    EXIT_CODES_HELP,
  ].join('\n');
}

export function groupHelp(word: string): string {
  const group = GROUPS.find((g) => g.word === word);
  const subs = COMMAND_TABLE.filter((e) => e.path[0] === word).map((e) => [e.path.slice(1).join(' '), e.summary] as const);
  return [
    `cortado ${word} — ${group?.summary ?? ''}`,
    '',
    `Usage: cortado ${word} <command> [options]   (cortado ${word} <command> --help for its options)`,
    '',
    'Commands:',
    pad(subs),
  ].join('\n');
}

export function sharedHelp(shared: CommandEntry['shared']): string {
  const names = shared === 'all' ? Object.keys(SHARED_OPTIONS) : shared;
  if (names.length === 0) return 'Shared options: none (this command opens no config and calls no AWS account)';
  const envs = names.map((n) => `${FLAG_ENV[n]![0]}`).join(', ');
  return [
    `Shared options (before or after the command's words; also from ${shared === 'all' ? 'CORTADO_<FLAG> variables, e.g. CORTADO_CONFIG' : envs}):`,
    ...names.map((n) => `  ${SHARED_HELP[n]}`),
  ].join('\n');
}

export function commandHelp(entry: CommandEntry, cmd: CliCommand): string {
  return [
    `${entry.summary}`,
    '',
    `Usage: ${cmd.usage}`,
    '',
    cmd.help.trimEnd(),
    '',
    sharedHelp(entry.shared),
    '',
    HOST_HELP,
    '',
    EXIT_CODES_HELP,
  ].join('\n');
}
