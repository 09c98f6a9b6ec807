// `cortado refresh`: a new deployment of the task definition the service runs (fresh tasks).
import type { CliCommand } from '../command.js';
import { deploymentInterrupted } from '../interrupted.js';
import { flag, WAIT_HELP, waitUntilOption, withContext } from './deploy-options.js';

export const refreshCommand: CliCommand = {
  usage: 'cortado refresh [--dry-run] [--no-wait | --wait-until deployed|stable]',
  options: { 'dry-run': { type: 'boolean' }, 'no-wait': { type: 'boolean' }, 'wait-until': { type: 'string' } },
  help: `The same as deploy --skip-task-definition --force-new-deployment.

Options:
  --dry-run   say what would happen
${WAIT_HELP}

Examples:
  cortado refresh
  cortado refresh --no-wait`,
  interrupted: deploymentInterrupted,
  async run(args, host) {
    const waitUntil = waitUntilOption(args);
    const r = await withContext(args, host, async (ctx) =>
      (await import('../../deploy/refresh.js')).refresh(ctx, {
        dryRun: flag(args, 'dry-run'),
        noWait: flag(args, 'no-wait'),
        ...(waitUntil ? { waitUntil } : {}),
      }),
    );
    host.result(`${r.service}: ${r.status}`, r);
    return 0;
  },
};
