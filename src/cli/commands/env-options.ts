// What the `cortado env` commands share: the config/region/profile options, opening the preview library, and Ctrl-C as cancellation.
import { systemClock } from '../../core/clock.js';
import { UsageError } from '../../core/errors.js';
import { openPreview, type PreviewDeps, type ServiceRef } from '../../preview/index.js';
import type { OptionSpec, ParsedArgs } from '../command.js';
import { stringOption } from '../command.js';
import type { ConsoleHost } from '../console-host.js';

export const ENV_OPTIONS: OptionSpec = {
  config: { type: 'string', short: 'c' },
  region: { type: 'string' },
  profile: { type: 'string' },
};

export const ENV_OPTIONS_HELP = `  --config FILE          config file (default: cortado.yml/.yaml/.json/.jsonnet here); its preview: section
  --region R             AWS region (default: the config's region, then AWS_REGION)
  --profile P            AWS profile (default: AWS_PROFILE, then the standard credential chain)`;

export const EXIT_CODES_HELP = `Exit codes: 0 done; 1 AWS refused or failed (the message names the call); 2 bad input or
configuration, a missing reference service, listener or hosted zone, a full listener, a name taken
by resources cortado did not make (nothing was created).`;

export async function openFromArgs(args: ParsedArgs, host: ConsoleHost, reference?: ServiceRef): Promise<PreviewDeps> {
  const configPath = stringOption(args, 'config');
  const region = stringOption(args, 'region');
  const profile = stringOption(args, 'profile');
  return openPreview({
    cwd: process.cwd(), env: process.env, io: host, clock: systemClock,
    ...(configPath ? { configPath } : {}), ...(region ? { region } : {}), ...(profile ? { profile } : {}), ...(reference ? { reference } : {}),
  });
}

/** The one positional argument a command takes (the environment's name). */
export function theName(args: ParsedArgs, command: string): string {
  if (args.positionals.length !== 1) {
    throw new UsageError('BAD_ARGUMENTS', `cortado ${command} expects one environment name (a branch name such as feature/ABC-123), got ${args.positionals.length}`, `see cortado ${command} --help`);
  }
  return args.positionals[0]!;
}

export function noPositionals(args: ParsedArgs, command: string): void {
  if (args.positionals.length) throw new UsageError('BAD_ARGUMENTS', `cortado ${command} takes no arguments, got ${JSON.stringify(args.positionals.join(' '))}`, `see cortado ${command} --help`);
}

/** Runs `work` with a signal that SIGINT/SIGTERM abort, so waits stop at once and nothing keeps polling. */
export { withSignal as cancellable } from '../command.js';

export function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
}
