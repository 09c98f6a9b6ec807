// What the `cortado env` commands share: opening the preview library, Ctrl-C as cancellation, argument checks.
import { UsageError } from '../../core/errors.js';
import type { PreviewDeps } from '../../preview/preview-deps.js';
import type { ServiceRef } from '../../preview/preview-config.js';
import { withSession } from '../session-host.js';
import type { ParsedArgs } from '../command.js';
import type { ConsoleHost } from '../console-host.js';

/** Opens the preview library over the command's session; `fn` gets a signal Ctrl-C aborts. */
export async function withPreview<T>(
  args: ParsedArgs,
  host: ConsoleHost,
  fn: (deps: PreviewDeps, signal: AbortSignal) => Promise<T>,
  reference?: ServiceRef,
): Promise<T> {
  return withSession(args, host, async (session) => {
    const { openPreview } = await import('../../preview/open-preview.js');
    return fn(await openPreview(session, reference), session.signal);
  });
}

/** The one positional argument a command takes (the environment's name). */
export function theName(args: ParsedArgs, command: string): string {
  if (args.positionals.length !== 1) {
    throw new UsageError(
      'BAD_ARGUMENTS',
      `cortado ${command} expects one environment name (a branch name such as feature/ABC-123), got ${args.positionals.length}`,
      `see cortado ${command} --help`,
    );
  }
  return args.positionals[0]!;
}

export function noPositionals(args: ParsedArgs, command: string): void {
  if (args.positionals.length)
    throw new UsageError(
      'BAD_ARGUMENTS',
      `cortado ${command} takes no arguments, got ${JSON.stringify(args.positionals.join(' '))}`,
      `see cortado ${command} --help`,
    );
}
