// Ctrl-C and SIGTERM while a command runs: the first aborts the run's signal (exit 130), a second one exits at once.
import { UsageError } from '../core/errors.js';
import { EXIT } from '../core/exit-codes.js';

export interface Interrupt {
  readonly signal: AbortSignal;
  /** The signal's name once one arrived (SIGINT, SIGTERM). */
  received(): string | undefined;
  disarm(): void;
}

let current: Interrupt | undefined;

export const currentInterrupt = (): Interrupt | undefined => current;

export function armInterrupt(onFirst?: (sig: string) => void): Interrupt {
  const ac = new AbortController();
  let got: string | undefined;
  const handler = (sig: NodeJS.Signals) => {
    if (got !== undefined) {
      process.stderr.write(`\n${sig} again: exiting now\n`);
      process.exit(EXIT.interrupted);
    }
    got = sig;
    onFirst?.(sig);
    ac.abort(new UsageError('CANCELLED', `interrupted by ${sig}`));
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  const it: Interrupt = {
    signal: ac.signal,
    received: () => got,
    disarm() {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
      if (current === it) current = undefined;
    },
  };
  current = it;
  return it;
}
