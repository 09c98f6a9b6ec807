// `cortado canary setup`: creates what an ALB canary release needs next to the stable service, and writes the canary: section.
import { readFile, writeFile } from 'node:fs/promises';
import { msg } from '../../core/io-host.js';
import type { CliCommand } from '../command.js';
import { withSession } from '../session-host.js';
import { flag } from './deploy-options.js';

export const canarySetup: CliCommand = {
  usage: 'cortado canary setup [--dry-run] [--config FILE]',
  options: { 'dry-run': { type: 'boolean' } },
  help: `From the stable service (service: in cortado.yml) creates what a canary release on an ALB needs:
  - the canary target group: the stable one's protocol, port, VPC, health check and attributes,
    named <stable target group>-canary;
  - the canary service (canary.service, default <service>-canary): the stable service's task
    definition, network configuration, launch type or capacity providers, platform version and
    load balancer settings, pointed at the canary target group, with 0 tasks;
  - the canary target group at weight 0 in the forward action of the rule (or listener default
    action) that forwards to the stable target group: stable 100, canary 0.
Then writes canary.service and canary.listener_rule (or canary.listener) into the config file,
keeping the rest of the file (comments included) as it is. What exists already is kept, so a second
run changes nothing. Everything created is tagged cortado:managed-by=cortado and
cortado:canary:setup=<cluster>/<service>; \`cortado canary teardown\` removes exactly that.

Bad input exits 2 before anything is created: a stable service without a load balancer, a target
group that does not exist, no rule (or several) forwarding to the stable target group, or a
configured canary.listener_rule that forwards elsewhere.

Options:
  --dry-run   print what would be created or changed; no write call, the config file untouched

Examples:
  cortado canary setup --dry-run
  cortado canary setup
  cortado canary setup --config deploy/cortado.yml --output json`,
  async run(args, host) {
    const dryRun = flag(args, 'dry-run');
    return withSession(args, host, async (session) => {
      const { setupRequest } = await import('../../canary/setup/setup-request.js');
      const { setupAws } = await import('../../canary/setup/setup-aws.js');
      const { canarySetup: setup } = await import('../../canary/setup/canary-setup.js');
      const { editCanarySection, sectionSnippet } = await import('../../canary/setup/canary-section-edit.js');
      const file = session.config.path;
      const req = setupRequest(file, session.config.cluster, session.config.service, session.loaded.document.canary);
      const r = await setup(await setupAws(session.aws), req, session.io, session.signal, { dryRun });
      let config: { file: string; changed: readonly string[]; written: boolean };
      if (session.config.format === 'yaml') {
        const edit = editCanarySection(await readFile(file, 'utf8'), r.section);
        if (edit.changed.length && !dryRun) await writeFile(file, edit.text);
        config = { file, changed: edit.changed, written: edit.changed.length > 0 && !dryRun };
        if (edit.changed.length)
          host.notify(
            msg(
              'info',
              'CANARY_SETUP_CONFIG',
              `${dryRun ? 'would set' : 'set'} ${edit.changed.map((k) => `canary.${k}`).join(', ')} in ${file}`,
            ),
          );
      } else {
        config = { file, changed: Object.keys(r.section), written: false };
        host.notify(
          msg('warn', 'CANARY_SETUP_CONFIG', `${file} is ${session.config.format}: add this by hand\n${sectionSnippet(r.section)}`),
        );
      }
      const lines = [
        `canary setup for ${req.stableService} (cluster ${req.cluster})${dryRun ? ' — dry run, nothing changed' : ''}`,
        ...(dryRun ? r.changes.map((c) => `  would ${c.text}`) : r.changes.length ? [`  ${r.changes.length} change(s) made (above)`] : []),
        ...r.kept.map((k) => `  exists: ${k}`),
        ...(config.changed.length
          ? [`  ${config.written ? 'wrote' : 'would write'} canary.${config.changed.join(', canary.')} in ${file}`]
          : []),
        r.changes.length === 0 && config.changed.length === 0 ? 'nothing to do: already set up' : '',
        dryRun ? '' : `next: put traffic on the listener, then \`cortado canary start --tag <tag>\``,
      ].filter(Boolean);
      host.result(lines.join('\n'), { ...r, config });
      return 0;
    });
  },
};
