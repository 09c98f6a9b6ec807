// `cortado canary status [--watch]`: where the release is, read from AWS; --watch redraws it live until the release ends.
import { readCanaryStatus } from '../../canary/canary-status.js';
import { exitCodeOf } from '../../canary/release-summary.js';
import type { CliCommand } from '../command.js';
import { numberOption } from '../command.js';
import { withRelease } from './canary-common.js';
import { renderStatus } from './canary-view.js';

export const canaryStatus: CliCommand = {
  usage: 'cortado canary status [--watch [--every SECONDS]] [--config FILE]',
  options: { watch: { type: 'boolean', short: 'w' }, every: { type: 'string' } },
  help: `Everything comes from AWS (tags on the canary service, the listener rule, CloudWatch, ECS), so it
works from any machine. Metric values are computed now, over the current step's window.

Options:
  --watch, -w        redraw until the release ends (one JSON document per refresh with --output json)
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
      const tty = process.stdout.isTTY && host.mode === 'text';
      for (;;) {
        const view = await readCanaryStatus(r.target, r.deps, signal, images);
        const text = renderStatus(view, r.target.stableService);
        if (!args.values.watch) {
          host.result(text, view);
          return exitCodeOf(view.release);
        }
        if (host.mode === 'json') process.stdout.write(`${JSON.stringify(view)}\n`);
        else process.stdout.write(`${tty ? '\x1b[H\x1b[2J' : '\n'}${text}\n`);
        if (view.release?.outcome !== 'in-progress') return exitCodeOf(view.release);
        await r.deps.clock.sleep(every, signal);
      }
    });
  },
};
