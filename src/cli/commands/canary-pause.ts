// `cortado canary pause`: holds the release at its current weight until `cortado canary resume`.
import { pauseRelease } from '../../canary/canary-release.js';
import type { CliCommand } from '../command.js';
import { EXIT, withRelease } from './canary-common.js';
import { releaseLine } from './canary-view.js';

export const canaryPause: CliCommand = {
  usage: 'cortado canary pause [--config FILE]',
  options: {},
  help: `Marks the release paused on the canary service. The controller keeps the current weights, stops
analysing and advancing, and still obeys abort. Deployments already under way (canary start-up,
promotion, rollback) finish first. \`cortado canary resume\` lifts the pause.

Examples:
  cortado canary pause
  cortado canary pause --output json`,
  async run(args, host) {
    return withRelease(args, host, async (r, signal) => {
      const s = await pauseRelease(r.target, r.deps, signal);
      host.result(`${releaseLine(s, r.target.spec.steps)} — paused`, { release: s, paused: true });
      return EXIT.ok;
    });
  },
};
