// `cortado canary abort`: 100% back to stable at once, canary scaled to zero; waits until the rollback is done.
import { requestRelease } from '../../canary/canary-release.js';
import type { CliCommand } from '../command.js';
import { renderOutcome, withRelease } from './canary-common.js';

export const canaryAbort: CliCommand = {
  usage: 'cortado canary abort [--config FILE]',
  options: {},
  help: `Records the abort on the canary service; the controller (here when none is running) sets the
weights to 100/0 at once and scales the canary to zero. Once the stable service is being deployed
(phase promoting), the release can no longer be aborted and finishes instead.
Exits 0 when the release ended aborted (the abort is what was asked); 3 when it had already rolled back.

Examples:
  cortado canary abort
  cortado canary abort --output json`,
  async run(args, host) {
    return withRelease(args, host, async (r, signal) =>
      renderOutcome(host, r, await requestRelease(r.target, r.deps, { kind: 'abort' }, signal)),
    );
  },
};
