// `cortado canary promote`: confirms promotion (the manual gate), or skips the remaining steps; --skip-analysis promotes at once.
import { requestRelease } from '../../canary/canary-release.js';
import type { CliCommand } from '../command.js';
import { CANARY_OPTIONS, COMMON_HELP, renderOutcome, withRelease } from './canary-common.js';

export const canaryPromote: CliCommand = {
  path: ['canary', 'promote'],
  summary: 'promote the canary: at the next passing analysis, or at once with --skip-analysis',
  usage: 'cortado canary promote [--skip-analysis] [--config FILE]',
  options: { ...CANARY_OPTIONS, 'skip-analysis': { type: 'boolean' } },
  help: `Records the request on the canary service. A running controller (anywhere) acts on it: at the
confirm-promotion gate it promotes; mid-rollout it skips the remaining steps after the next passing
analysis; with --skip-analysis it promotes at once. With no live controller, this process runs it.

Options:
  --skip-analysis   promote now, without waiting for another passing analysis

${COMMON_HELP}

Examples:
  cortado canary promote
  cortado canary promote --skip-analysis --output json`,
  async run(args, host) {
    return withRelease(args, host, async (r, signal) =>
      renderOutcome(host, r, await requestRelease(r.target, r.deps, { kind: 'promote', skipAnalysis: args.values['skip-analysis'] === true }, signal)));
  },
};
