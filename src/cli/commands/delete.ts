// `cortado delete`: deletes the service (with --force).
import type { CliCommand } from '../command.js';
import { flag, withContext } from './deploy-options.js';

export const deleteCommand: CliCommand = {
  usage: 'cortado delete --force [--terminate] | --dry-run',
  options: { force: { type: 'boolean' }, terminate: { type: 'boolean' }, 'dry-run': { type: 'boolean' } },
  help: `Options:
  --force       confirm the deletion (required: cortado does not prompt)
  --terminate   stop the service's tasks with it (ecspresso's flag; cortado always does, and says so without it)
  --dry-run     say what would be deleted

Examples:
  cortado delete --dry-run
  cortado delete --force`,
  async run(args, host) {
    const r = await withContext(args, host, async (ctx) =>
      (await import('../../deploy/delete-service.js')).deleteService(ctx, {
        force: flag(args, 'force'),
        terminate: flag(args, 'terminate'),
        dryRun: flag(args, 'dry-run'),
      }),
    );
    host.result(`${r.service}: ${r.status === 'dry-run' ? 'would be deleted' : 'deleted'}`, r);
    return 0;
  },
};
