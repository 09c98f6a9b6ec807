// `cortado canary resume`: lifts a pause and continues the release from the step AWS records (taking over a stopped controller).
import { resumeRelease } from '../../canary/canary-release.js';
import type { CliCommand } from '../command.js';
import { CANARY_OPTIONS, COMMON_HELP, renderOutcome, withRelease } from './canary-common.js';

export const canaryResume: CliCommand = {
  path: ['canary', 'resume'],
  summary: 'lift a pause and continue the release from its recorded step (here, unless a live controller has it)',
  usage: 'cortado canary resume [--config FILE]',
  options: CANARY_OPTIONS,
  help: `Clears the pause, then runs the controller here from the phase and step recorded on the canary
service. When another controller still holds the lease, resume waits until that lease runs out
(canary.lease, 30 s by default) and takes over only if it was not renewed.

${COMMON_HELP}

Examples:
  cortado canary resume
  cortado canary resume --output json`,
  async run(args, host) {
    return withRelease(args, host, async (r, signal) => renderOutcome(host, r, await resumeRelease(r.target, r.deps, signal)));
  },
};
