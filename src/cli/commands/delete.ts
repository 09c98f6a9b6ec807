// `cortado delete`: deletes the service (with --force).
import type { CliCommand } from '../command.js';
import { COMMON_HELP, COMMON_OPTIONS, flag, withContext } from './deploy-options.js';

export const deleteCommand: CliCommand = {
  path: ['delete'],
  summary: 'delete the service (its tasks stop; task definitions stay)',
  usage: 'cortado delete --force | --dry-run',
  options: { ...COMMON_OPTIONS, force: { type: 'boolean' }, 'dry-run': { type: 'boolean' } },
  help: `Options:
  --force     confirm the deletion (required)
  --dry-run   say what would be deleted

${COMMON_HELP}

Examples:
  cortado delete --dry-run
  cortado delete --force`,
  async run(args, host) {
    const r = await withContext(args, host, async (ctx) => (await import('../../deploy/delete-service.js')).deleteService(ctx, { force: flag(args, 'force'), dryRun: flag(args, 'dry-run') }));
    host.result(`${r.service}: ${r.status === 'dry-run' ? 'would be deleted' : 'deleted'}`, r);
    return 0;
  },
};
