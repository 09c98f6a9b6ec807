// `cortado status`: the service's deployments, tasks and recent events.
import type { CliCommand } from '../command.js';
import { numberOption } from '../command.js';
import { withContext } from './deploy-options.js';

export const statusCommand: CliCommand = {
  usage: 'cortado status [--events N]',
  options: { events: { type: 'string' } },
  help: `Options:
  --events N   how many recent service events to show (default 10)

Examples:
  cortado status
  cortado status --events 30
  cortado status --output json | jq -r .taskDefinition`,
  async run(args, host) {
    const events = numberOption(args, 'events', { min: 0, max: 100, integer: true });
    const { status, formatStatus } = await import('../../deploy/status.js');
    const r = await withContext(args, host, (ctx) => status(ctx, events !== undefined ? { events } : {}));
    host.result(formatStatus(r), r);
    return 0;
  },
};
