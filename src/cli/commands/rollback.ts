// `cortado rollback`: stops an in-flight deployment with ROLLBACK, or returns the service to the previous revision.
import type { CliCommand } from '../command.js';
import { rollbackInterrupted } from '../interrupted.js';
import { flag, WAIT_HELP, waitUntilOption, withContext } from './deploy-options.js';

export const rollbackCommand: CliCommand = {
  usage: 'cortado rollback [--dry-run] [--deregister-task-definition] [--no-wait | --wait-until deployed|stable]',
  options: {
    'dry-run': { type: 'boolean' },
    'deregister-task-definition': { type: 'boolean' },
    'no-wait': { type: 'boolean' },
    'wait-until': { type: 'string' },
  },
  help: `When a deployment is in progress, rollback stops it with StopServiceDeployment(ROLLBACK). Otherwise it
updates the service to the newest ACTIVE revision older than the one it runs.

Options:
  --dry-run                     say what would happen
  --deregister-task-definition  deregister the revision rolled back from, once the rollback succeeded
${WAIT_HELP}

Examples:
  cortado rollback
  cortado rollback --deregister-task-definition
  cortado rollback --dry-run`,
  interrupted: rollbackInterrupted,
  async run(args, host) {
    const waitUntil = waitUntilOption(args);
    const r = await withContext(args, host, async (ctx) =>
      (await import('../../deploy/rollback.js')).rollback(ctx, {
        dryRun: flag(args, 'dry-run'),
        deregisterTaskDefinition: flag(args, 'deregister-task-definition'),
        noWait: flag(args, 'no-wait'),
        ...(waitUntil ? { waitUntil } : {}),
      }),
    );
    host.result(
      `${r.service}: ${r.status === 'dry-run' ? 'would roll back' : r.status === 'started' ? 'rolling back' : 'rolled back'} from ${r.from}${r.to ? ` to ${r.to}` : ''}`,
      r,
    );
    return 0;
  },
};
