// `cortado deregister`: deregisters old revisions (--keeps N) or one revision, never one in use.
import type { CliCommand } from '../command.js';
import { numberOption } from '../command.js';
import { flag, withContext } from './deploy-options.js';

export const deregisterCommand: CliCommand = {
  usage: 'cortado deregister (--keeps N | --revision N|latest) [--delete] [--dry-run] [--force]',
  options: {
    keeps: { type: 'string' },
    revision: { type: 'string' },
    delete: { type: 'boolean' },
    'dry-run': { type: 'boolean' },
    force: { type: 'boolean' },
  },
  help: `Options:
  --keeps N      keep the N newest revisions that are not in use, deregister the older ones
  --revision N   deregister revision N (latest: the newest ACTIVE revision, refused when in use)
  --delete       also delete the deregistered revisions (DeleteTaskDefinitions)
  --dry-run      list what would be deregistered
  --force        accepted for ecspresso's command lines: cortado never asks for confirmation here

A revision is in use when the service's deployments or any task in the cluster run it.

Examples:
  cortado deregister --keeps 5 --dry-run
  cortado deregister --keeps 2
  cortado deregister --revision 7 --delete`,
  async run(args, host) {
    const keeps = numberOption(args, 'keeps', { min: 0, integer: true });
    const revision = args.values.revision === 'latest' ? 'latest' : numberOption(args, 'revision', { min: 1, integer: true });
    const r = await withContext(args, host, async (ctx) =>
      (await import('../../deploy/deregister.js')).deregister(ctx, {
        dryRun: flag(args, 'dry-run'),
        delete: flag(args, 'delete'),
        ...(keeps !== undefined ? { keeps } : {}),
        ...(revision !== undefined ? { revision } : {}),
      }),
    );
    const list = (xs: readonly number[]) => (xs.length ? xs.map((x) => `${r.family}:${x}`).join(', ') : 'none');
    host.result(
      `${r.dryRun ? 'would deregister' : 'deregistered'}: ${list(r.deregistered)}\nkept: ${list(r.kept)}\nin use: ${list(r.inUse)}`,
      r,
    );
    return 0;
  },
};
