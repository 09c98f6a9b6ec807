// `cortado revisions`: the task definition family's ACTIVE revisions, or one revision's definition.
import type { CliCommand } from '../command.js';
import { numberOption } from '../command.js';
import { renderTable } from '../terminal/table.js';
import { withContext } from './deploy-options.js';

export const revisionsCommand: CliCommand = {
  usage: 'cortado revisions [--revision N]',
  options: { revision: { type: 'string' } },
  help: `Options:
  --revision N   print revision N's task definition instead

Examples:
  cortado revisions
  cortado revisions --revision 12 --output json`,
  async run(args, host) {
    const n = numberOption(args, 'revision', { min: 1, integer: true });
    const lib = await import('../../deploy/revisions.js');
    if (n !== undefined) {
      const td = await withContext(args, host, (ctx) => lib.revision(ctx, n));
      host.result(JSON.stringify(td, null, 2), td);
      return 0;
    }
    const r = await withContext(args, host, (ctx) => lib.revisions(ctx));
    host.result(
      r.revisions.length === 0
        ? `${r.family}: no ACTIVE revision`
        : renderTable(
            ['REVISION', 'CURRENT'],
            r.revisions.map((x) => [`${r.family}:${x.revision}`, x.current ? 'yes (the service runs it)' : '']),
          ),
      r,
    );
    return 0;
  },
};
