// `cortado revisions`: the task definition family's ACTIVE revisions, or one revision's definition.
import type { CliCommand } from '../command.js';
import { numberOption, stringOption } from '../command.js';
import { renderTable } from '../terminal/table.js';
import { withContext } from './deploy-options.js';

export const revisionsCommand: CliCommand = {
  usage: 'cortado revisions [--revision N|current|latest]',
  options: { revision: { type: 'string' } },
  help: `Options:
  --revision N|current|latest   print that revision's task definition instead (current: the one the
                                service runs; latest: the family's newest)

Examples:
  cortado revisions
  cortado revisions --revision 12 --output json
  cortado revisions --revision current --output json | jq -r .taskDefinitionArn`,
  async run(args, host) {
    const raw = stringOption(args, 'revision');
    const n = raw === 'current' || raw === 'latest' ? raw : numberOption(args, 'revision', { min: 1, integer: true });
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
