// `cortado scale --tasks N`: sets the service's desired count and waits for it.
import { UsageError } from '../../core/errors.js';
import type { CliCommand } from '../command.js';
import { scaleInterrupted } from '../interrupted.js';
import { numberOption } from '../command.js';
import { flag, withContext } from './deploy-options.js';

export const scaleCommand: CliCommand = {
  usage: 'cortado scale --tasks N [--no-wait] [--dry-run]',
  options: { tasks: { type: 'string' }, 'no-wait': { type: 'boolean' }, 'dry-run': { type: 'boolean' } },
  help: `Options:
  --tasks N    desired count (required)
  --no-wait    return once the change is requested
  --dry-run    say what would change

Examples:
  cortado scale --tasks 4
  cortado scale --tasks 0 --no-wait`,
  interrupted: scaleInterrupted,
  async run(args, host) {
    const tasks = numberOption(args, 'tasks', { min: 0, integer: true });
    if (tasks === undefined) throw new UsageError('BAD_OPTION', 'cortado scale needs --tasks N');
    const r = await withContext(args, host, async (ctx) =>
      (await import('../../deploy/scale.js')).scale(ctx, { tasks, dryRun: flag(args, 'dry-run'), noWait: flag(args, 'no-wait') }),
    );
    host.result(`${r.service}: ${r.from ?? '?'} → ${r.to} tasks (${r.status})`, r);
    return 0;
  },
};
