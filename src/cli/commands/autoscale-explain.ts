// `cortado autoscale explain`: what the controller would do now and why, without acting.
import type { CliCommand } from '../command.js';
import { withSession } from '../session-host.js';
import { renderExplanation } from './autoscale-view.js';

export const autoscaleExplain: CliCommand = {
  usage: 'cortado autoscale explain [--config FILE]',
  options: {},
  help: `Polls the load once (twice, a poll apart, for counters read as rates) and runs the same decision the
controller runs, as if the load now had held over every window: prints the count it would set and why
(panic, the stable mean, a bound, a hold during a deployment or while tasks do not answer). Changes nothing.

Examples:
  cortado autoscale explain
  cortado autoscale explain --output json | jq .decision`,
  async run(args, host) {
    return withSession(args, host, async (session) => {
      const api = await import('../../autoscale/session-api.js');
      api.spec(session);
      const e = await api.explain(session);
      host.result(renderExplanation(e), e);
      return 0;
    });
  },
};
