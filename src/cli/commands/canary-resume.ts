// `cortado canary resume`: lifts a pause and continues the release from the step AWS records (taking over a stopped controller).
import { resumeRelease } from '../../canary/canary-release.js';
import type { CliCommand } from '../command.js';
import { releaseInterrupted } from '../interrupted.js';
import { renderOutcome, withRelease } from './canary-common.js';

export const canaryResume: CliCommand = {
  usage: 'cortado canary resume [--config FILE]',
  options: {},
  help: `Clears the pause, then runs the controller here from the phase and step recorded on the canary
service. When another controller still holds the lease, resume waits until that lease runs out
(canary.lease, 30 s by default) and takes over only if it was not renewed.

Examples:
  cortado canary resume
  cortado canary resume --output json`,
  interrupted: releaseInterrupted,
  async run(args, host) {
    return withRelease(args, host, async (r, signal) => renderOutcome(host, r, await resumeRelease(r.target, r.deps, signal)));
  },
};
