// `cortado delete`: deletes the service (with --force).
import type { CliCommand } from '../command.js';
import { flag, withContext } from './deploy-options.js';

export const deleteCommand: CliCommand = {
  usage: 'cortado delete --force | --dry-run',
  options: { force: { type: 'boolean' }, 'dry-run': { type: 'boolean' } },
  help: `Options:
  --force     confirm the deletion (required)
  --dry-run   say what would be deleted

Examples:
  cortado delete --dry-run
  cortado delete --force`,
  async run(args, host) {
    const r = await withContext(args, host, async (ctx) =>
      (await import('../../deploy/delete-service.js')).deleteService(ctx, { force: flag(args, 'force'), dryRun: flag(args, 'dry-run') }),
    );
    host.result(`${r.service}: ${r.status === 'dry-run' ? 'would be deleted' : 'deleted'}`, r);
    return 0;
  },
};
