// One exit-code table for every command (the README documents it): a code means the same thing whatever the command.
import { CortadoError } from './errors.js';

export const EXIT = {
  /** Done: what was asked happened (an abort that aborted, too). */
  ok: 0,
  /** AWS refused, or the operation failed (a deployment that failed, a task that exited non-zero). */
  failed: 1,
  /** Bad input: flags, config, definitions. Nothing was changed. */
  badInput: 2,
  /** The release was rolled back (analysis failed, deployment failed, no data). */
  rolledBack: 3,
  /** Aborted by someone else (an operator, another process). */
  aborted: 4,
  /** Still in progress (paused, waiting for promotion, or another controller runs it). */
  inProgress: 5,
  /** Interrupted here (Ctrl-C, SIGTERM): what goes on in AWS is said on stderr. */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The exit code of a thrown error: user errors are bad input, cancellations are interruptions, the rest failed. */
export function exitCodeOfError(e: unknown): ExitCode {
  if (e instanceof CortadoError) {
    if (e.code === 'CANCELLED' || e.code === 'INTERRUPTED') return EXIT.interrupted;
    return e.source === 'user' ? EXIT.badInput : EXIT.failed;
  }
  return EXIT.failed;
}
