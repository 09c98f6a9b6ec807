// `cortado autoscale status`: the service's counts, the load of each task now, who holds the lease, Application Auto Scaling.
import type { CliCommand } from '../command.js';
import { withSession } from '../session-host.js';
import { renderStatus } from './autoscale-view.js';

export const autoscaleStatus: CliCommand = {
  usage: 'cortado autoscale status [--config FILE]',
  options: {},
  help: `Reads everything from AWS and the tasks (one poll of the load source), so it works from any machine that
reaches the tasks: desired, running and pending counts, the load per task, the controller holding the lease
(and whether it is live), and the scalable target's bounds and suspension.

Examples:
  cortado autoscale status
  cortado autoscale status --output json | jq .view.load`,
  async run(args, host) {
    return withSession(args, host, async (session) => {
      const api = await import('../../autoscale/session-api.js');
      api.spec(session);
      const s = await api.status(session);
      host.result(renderStatus(s), s);
      return 0;
    });
  },
};
