// `cortado env setup`: checks the shared prerequisites of preview environments, creates what can be created, reports each.
import { EXIT } from '../../core/exit-codes.js';
import type { CliCommand } from '../command.js';
import { withSession } from '../session-host.js';
import { renderTable } from '../terminal/table.js';
import { flag } from './deploy-options.js';
import { noPositionals } from './env-options.js';

export const envSetup: CliCommand = {
  usage: 'cortado env setup [--dry-run] [--config FILE]',
  options: { 'dry-run': { type: 'boolean' } },
  help: `Checks what every preview environment hangs on, from the preview: section of cortado.yml:
  reference service      exists, is ACTIVE and routes to a container port through a target group
  preview cluster        exists (created when missing)
  shared listener        preview.listener_arn exists
  listener rule quota    the load balancer has room for more host rules (ALB quota: 100)
  hosted zone            a Route 53 zone holds preview.domain (created when missing and
                         preview.hosted_zone_id is not set; delegate it from its parent zone)
The shared ALB and its listener are not created: they carry your production-like routing and
certificates, and their default action is what a host without a preview gets.

Exits 0 when every prerequisite holds (or was created), 2 when one is missing (nothing else changed).

Options:
  --dry-run   report the checks and what would be created; no write call

Examples:
  cortado env setup --dry-run
  cortado env setup --output json | jq '.checks[] | select(.status != "ok")'`,
  async run(args, host) {
    noPositionals(args, 'env setup');
    const dryRun = flag(args, 'dry-run');
    return withSession(args, host, async (session) => {
      const { openPreview } = await import('../../preview/open-preview.js');
      const { envSetup: setup } = await import('../../preview/setup/env-setup.js');
      const deps = await openPreview(session);
      const r = await setup(deps, await session.aws.ecs(), session.signal, { dryRun });
      const table = renderTable(
        ['CHECK', 'STATUS', { header: 'DETAIL', wrap: true }],
        r.checks.map((c) => [c.name, c.status, c.hint ? `${c.detail} (${c.hint})` : c.detail]),
      );
      host.result(`${table}\n${r.ready ? 'ready for cortado env create' : 'not ready: fix the missing prerequisites above'}`, r);
      return r.ready ? EXIT.ok : EXIT.badInput;
    });
  },
};
