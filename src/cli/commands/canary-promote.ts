// `cortado canary promote`: confirms promotion (the manual gate), or skips the remaining steps; --skip-analysis promotes at once.
import { requestRelease } from '../../canary/canary-release.js';
import type { CliCommand } from '../command.js';
import { releaseInterrupted } from '../interrupted.js';
import { renderOutcome, withRelease } from './canary-common.js';

export const canaryPromote: CliCommand = {
  usage: 'cortado canary promote [--skip-analysis] [--config FILE]',
  options: { 'skip-analysis': { type: 'boolean' } },
  help: `Records the request on the canary service. A running controller (anywhere) acts on it: at the
confirm-promotion gate it promotes; mid-rollout it skips the remaining steps after the next passing
analysis; with --skip-analysis it promotes at once. With no live controller, this process runs it.

Options:
  --skip-analysis   promote now, without waiting for another passing analysis

Examples:
  cortado canary promote
  cortado canary promote --skip-analysis --output json`,
  interrupted: releaseInterrupted,
  async run(args, host) {
    return withRelease(args, host, async (r, signal) =>
      renderOutcome(
        host,
        r,
        await requestRelease(r.target, r.deps, { kind: 'promote', skipAnalysis: args.values['skip-analysis'] === true }, signal),
      ),
    );
  },
};
