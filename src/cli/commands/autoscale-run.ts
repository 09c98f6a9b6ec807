// `cortado autoscale run`: the controller in the foreground — a live view of the load per task, desired vs running, and decisions.
import { pollLine, type PollRecord } from '../../autoscale/poll-record.js';
import type { CliCommand } from '../command.js';
import { withSession } from '../session-host.js';
import { createLiveView } from '../terminal/live-view.js';
import { terminalOf } from '../terminal/terminal-of.js';
import { decisionEntry, renderFrame } from './autoscale-view.js';

const KEEP_DECISIONS = 8;

export const autoscaleRun: CliCommand = {
  usage: 'cortado autoscale run [--config FILE]',
  options: {},
  help: `Scales the service of the config's autoscale: section on its load: polls every task's load endpoint (or
CloudWatch) every autoscale.poll (default 1 s), decides the desired count (fast scale-out in a panic, scale-in
only after its stabilisation window) and calls UpdateService only when the count changes.

Two or more replicas may run: a lease in the service's tags lets one act; the others stand by and take over
within the lease time (autoscale.lease, default 15 s) when it dies. While it holds the lease, the service's
Application Auto Scaling dynamic scaling is suspended (application_auto_scaling: suspend, the default) and its
MinCapacity/MaxCapacity bound the count. Ctrl-C gives the lease back, resumes Application Auto Scaling and
exits 130; the desired count stays where it was set.

On a terminal the view redraws in place; piped, each scale decision is a line; --output json prints one JSON
line per poll on stdout (time, role, desired, running, load, tasks, decision, action).

Examples:
  cortado autoscale run
  cortado autoscale run --output json | jq -c 'select(.action)'`,
  interrupted: () =>
    'the lease was given back and Application Auto Scaling resumed if cortado had suspended it; the desired count stays where it was set',
  async run(args, host) {
    return withSession(args, host, async (session) => {
      const api = await import('../../autoscale/session-api.js');
      api.spec(session);
      const term = terminalOf(host);
      const live = term.live ? createLiveView(process.stdout) : undefined;
      const decisions: string[] = [];
      const onPoll = (r: PollRecord) => {
        if (host.mode === 'json') {
          process.stdout.write(`${JSON.stringify(pollLine(r))}\n`);
          return;
        }
        const entry = decisionEntry(r);
        if (entry) {
          decisions.push(entry);
          if (decisions.length > KEEP_DECISIONS) decisions.shift();
          if (!live) process.stdout.write(`${entry}\n`);
        }
        live?.frame(renderFrame(r, decisions, term.color));
      };
      try {
        return await api.run(session, onPoll);
      } finally {
        live?.stop();
      }
    });
  },
};
