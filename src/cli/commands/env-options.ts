// What the `cortado env` commands share: the config/region/profile options, opening the preview library, and Ctrl-C as cancellation.
import { UsageError } from '../../core/errors.js';
import type { PreviewDeps } from '../../preview/preview-deps.js';
import type { ServiceRef } from '../../preview/preview-config.js';
import { withSession } from '../session-host.js';
import { SHARED_OPTIONS } from '../shared-flags.js';
import type { OptionSpec, ParsedArgs } from '../command.js';
import type { ConsoleHost } from '../console-host.js';

/** The shared flags (defined once in cli/shared-flags.ts). */
export const ENV_OPTIONS: OptionSpec = SHARED_OPTIONS;

export const ENV_OPTIONS_HELP = `  --config FILE          config file (default: cortado.yml/.yaml/.json/.jsonnet here); its preview: section
  --region R             AWS region (default: the config's region, then AWS_REGION)
  --profile P            AWS profile (default: AWS_PROFILE, then the standard credential chain)`;

export const EXIT_CODES_HELP = `Exit codes: 0 done; 1 AWS refused or failed (the message names the call); 2 bad input or
configuration, a missing reference service, listener or hosted zone, a full listener, a name taken
by resources cortado did not make (nothing was created).`;

/** Opens the preview library over the command's session; `fn` gets a signal Ctrl-C aborts. */
export async function withPreview<T>(args: ParsedArgs, host: ConsoleHost, fn: (deps: PreviewDeps, signal: AbortSignal) => Promise<T>, reference?: ServiceRef): Promise<T> {
  return withSession(args, host, async (session) => {
    const { openPreview } = await import('../../preview/open-preview.js');
    return fn(await openPreview(session, reference), session.signal);
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
