// `cortado refresh`: a new deployment of the task definition the service runs (fresh tasks).
import type { CliCommand } from '../command.js';
import { COMMON_HELP, COMMON_OPTIONS, flag, WAIT_HELP, waitUntilOption, withContext } from './deploy-options.js';

export const refreshCommand: CliCommand = {
  path: ['refresh'],
  summary: 'replace every task with a fresh one of the same task definition (force a new deployment)',
  usage: 'cortado refresh [--dry-run] [--no-wait | --wait-until deployed|stable]',
  options: { ...COMMON_OPTIONS, 'dry-run': { type: 'boolean' }, 'no-wait': { type: 'boolean' }, 'wait-until': { type: 'string' } },
  help: `The same as deploy --skip-task-definition --force-new-deployment.

Options:
  --dry-run   say what would happen
${WAIT_HELP}

${COMMON_HELP}

Examples:
  cortado refresh
  cortado refresh --no-wait`,
  async run(args, host) {
    const waitUntil = waitUntilOption(args);
    const r = await withContext(args, host, async (ctx) => (await import('../../deploy/refresh.js')).refresh(ctx, { dryRun: flag(args, 'dry-run'), noWait: flag(args, 'no-wait'), ...(waitUntil ? { waitUntil } : {}) }));
    host.result(`${r.service}: ${r.status}`, r);
    return 0;
  },
};
