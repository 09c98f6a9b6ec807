// `cortado env delete`: removes everything tagged for one preview environment; safe to run twice, or on a half-made one.
import { deleteEnv } from '../../preview/index.js';
import type { CliCommand } from '../command.js';
import { ENV_OPTIONS, ENV_OPTIONS_HELP, EXIT_CODES_HELP, withPreview, theName } from './env-options.js';

export const envDelete: CliCommand = {
  path: ['env', 'delete'],
  summary: 'delete a preview environment: every resource tagged for it, in reverse dependency order',
  usage: 'cortado env delete <name> [--wait]',
  options: { ...ENV_OPTIONS, wait: { type: 'boolean' } },
  help: `<name> is the branch name given to create, or the environment name env ls shows.

Options:
  --wait                 also wait until the ECS service has drained and is INACTIVE
${ENV_OPTIONS_HELP}

Finds the pieces by their cortado:env tags (the listener rule, the Route 53 records, the service,
the target group, every task definition revision), removes them with only true dependencies in
sequence, then looks again until nothing is left. Pieces already gone are fine: deleting an
environment that does not exist succeeds.

${EXIT_CODES_HELP}

Examples:
  cortado env delete feature/ABC-123_Fix-login
  cortado env delete pr-42 --wait --output json`,
  async run(args, host) {
    const name = theName(args, 'env delete');
    return withPreview(args, host, async (deps, signal) => {
      const r = await deleteEnv(deps, name, { wait: args.values.wait === true }, signal);
      const what = Object.entries(r.removed).map(([k, n]) => `${n} ${k}${n > 1 ? 's' : ''}`).join(', ');
      host.result(what ? `deleted ${r.env} (${what})` : `${r.env} did not exist; nothing to delete`, r);
      return 0;
    });
  },
};
