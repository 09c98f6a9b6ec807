// `cortado env delete`: removes everything tagged for one preview environment; safe to run twice, or on a half-made one.
import { deleteEnv } from '../../preview/index.js';
import type { CliCommand } from '../command.js';
import { envInterrupted } from '../interrupted.js';
import { withPreview, theName } from './env-options.js';

export const envDelete: CliCommand = {
  usage: 'cortado env delete <name> [--wait]',
  options: { wait: { type: 'boolean' } },
  help: `<name> is the branch name given to create, or the environment name env ls shows.

Options:
  --wait                 also wait until the ECS service has drained and is INACTIVE

Finds the pieces by their cortado:env tags (the listener rule, the Route 53 records, the service,
the target group, every task definition revision), removes them with only true dependencies in
sequence, then looks again until nothing is left. Pieces already gone are fine: deleting an
environment that does not exist succeeds.

Examples:
  cortado env delete feature/ABC-123_Fix-login
  cortado env delete pr-42 --wait --output json`,
  interrupted: envInterrupted('delete'),
  async run(args, host) {
    const name = theName(args, 'env delete');
    return withPreview(args, host, async (deps, signal) => {
      const r = await deleteEnv(deps, name, { wait: args.values.wait === true }, signal);
      const what = Object.entries(r.removed)
        .map(([k, n]) => `${n} ${k}${n > 1 ? 's' : ''}`)
        .join(', ');
      host.result(what ? `deleted ${r.env} (${what})` : `${r.env} did not exist; nothing to delete`, r);
      return 0;
    });
  },
};
