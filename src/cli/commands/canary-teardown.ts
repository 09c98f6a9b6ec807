// `cortado canary teardown`: removes what `canary setup` created (by its tags), refusing while a release is in progress.
import type { CliCommand } from '../command.js';
import { withSession } from '../session-host.js';
import { flag } from './deploy-options.js';

export const canaryTeardown: CliCommand = {
  usage: 'cortado canary teardown [--dry-run] [--config FILE]',
  options: { 'dry-run': { type: 'boolean' } },
  help: `Removes exactly what \`cortado canary setup\` created for this service, found by its tags
(cortado:canary:setup=<cluster>/<service>): the canary target group is taken out of the rule's forward
action (the other target groups keep their weights), then the canary service and the canary target
group are deleted. A canary service or target group that setup did not create is left alone. The
config file is not changed.

Refuses (exit 2, nothing changed) while a release is in progress or the canary target group still
has weight: end the release first (\`cortado canary abort\`).

Options:
  --dry-run   print what would be removed; no write call

Examples:
  cortado canary teardown --dry-run
  cortado canary teardown`,
  async run(args, host) {
    const dryRun = flag(args, 'dry-run');
    return withSession(args, host, async (session) => {
      const { setupRequest } = await import('../../canary/setup/setup-request.js');
      const { setupAws } = await import('../../canary/setup/setup-aws.js');
      const { canaryTeardown: teardown } = await import('../../canary/setup/canary-teardown.js');
      const req = setupRequest(session.config.path, session.config.cluster, session.config.service, session.loaded.document.canary);
      const r = await teardown(await setupAws(session.aws), req, session.io, session.signal, { dryRun });
      const head = `canary teardown for ${req.stableService} (cluster ${req.cluster})${dryRun ? ' — dry run, nothing changed' : ''}`;
      const body = !r.changes.length
        ? ['  nothing tagged by canary setup: nothing to remove']
        : dryRun
          ? r.changes.map((c) => `  would ${c}`)
          : [`  ${r.changes.length} change(s) made (above); nothing tagged by canary setup is left`];
      host.result([head, ...body].join('\n'), r);
      return 0;
    });
  },
};
