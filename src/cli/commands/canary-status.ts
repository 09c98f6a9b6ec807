// `cortado canary status [--watch]`: where the release is, read from AWS; --watch redraws it live until the release ends.
import { readCanaryStatus, type CanaryStatusView } from '../../canary/canary-status.js';
import { exitCodeOf } from '../../canary/release-summary.js';
import type { CliCommand } from '../command.js';
import { numberOption } from '../command.js';
import { withRelease } from './canary-common.js';
import { createLiveView } from '../terminal/live-view.js';
import { terminalOf } from '../terminal/terminal-of.js';
import { renderStatus } from './canary-view.js';

export const canaryStatus: CliCommand = {
  usage: 'cortado canary status [--watch [--every SECONDS]] [--config FILE]',
  options: { watch: { type: 'boolean', short: 'w' }, every: { type: 'string' } },
  help: `Everything comes from AWS (tags on the canary service, the listener rule, CloudWatch, ECS), so it
works from any machine. Metric values are computed now, over the current step's window.

Options:
  --watch, -w        redraw in place until the release ends; not on a terminal, print the final state
                     once (one JSON document per refresh with --output json)
  --every SECONDS    refresh period with --watch (default 2)

status exits with the release's outcome: 0 succeeded (or none), 3 rolled back, 4 aborted, 5 in progress.

Examples:
  cortado canary status
  cortado canary status --watch
  cortado canary status --output json | jq .metrics`,
  async run(args, host) {
    const every = (numberOption(args, 'every', { min: 0.2, max: 3600 }) ?? 2) * 1000;
    return withRelease(args, host, async (r, signal) => {
      const images = new Map<string, readonly string[]>();
      const term = terminalOf(host);
      const watch = args.values.watch === true;
      // A terminal redraws in place; a pipe or a file gets the final state once (JSON: one document per refresh).
      const live = watch && term.live ? createLiveView(process.stdout) : undefined;
      let last: { text: string; view: CanaryStatusView } | undefined;
      try {
        for (;;) {
          const view = await readCanaryStatus(r.target, r.deps, signal, images);
          const text = renderStatus(view, r.target.stableService, { color: term.color });
          last = { text, view };
          if (!watch) {
            host.result(text, view);
            return exitCodeOf(view.release);
          }
          if (host.mode === 'json') process.stdout.write(`${JSON.stringify(view)}\n`);
          live?.frame(text.split('\n'));
          if (view.release?.outcome !== 'in-progress') return exitCodeOf(view.release);
          await r.deps.clock.sleep(every, signal);
        }
      } finally {
        live?.stop();
        if (watch && !live && host.mode === 'text' && last) host.result(last.text, last.view);
      }
    });
  },
};
