// `cortado env ls`: the preview environments that exist, read from AWS by tag (no local state).
import { formatAge, listEnvs } from '../../preview/index.js';
import type { CliCommand } from '../command.js';
import { renderTable } from '../terminal/table.js';
import { terminalOf } from '../terminal/terminal-of.js';
import { noPositionals, withPreview } from './env-options.js';

export const envLs: CliCommand = {
  usage: 'cortado env ls [--config FILE]',
  options: {},
  help: `Options:

Environments are found by their cortado:env tags in ECS, ELBv2 and (through a TXT record) Route 53.
STATUS is "ready" when every piece exists, otherwise "incomplete: <missing pieces>" (an
interrupted create, or a delete in progress); cortado env gc removes incomplete ones.

Examples:
  cortado env ls
  cortado env ls --output json | jq -r '.environments[] | select(.status == "ready") | .url'`,
  async run(args, host) {
    noPositionals(args, 'env ls');
    return withPreview(args, host, async (deps, signal) => {
      const { rows } = await listEnvs(deps, signal);
      const width = terminalOf(host).width;
      const text =
        rows.length === 0
          ? 'no preview environments'
          : renderTable(
              ['NAME', 'URL', 'IMAGE', 'RUNNING', 'UPDATED', 'AGE', { header: 'STATUS', wrap: true }],
              rows.map((r) => [
                r.name,
                r.url,
                r.image,
                `${r.running}/${r.desired}`,
                r.updatedAt.replace(/\.\d+Z$/, 'Z'),
                formatAge(r.ageMs),
                r.status === 'ready' ? 'ready' : `incomplete: no ${r.missing.join(', ')}`,
              ]),
              width ? { width } : {},
            );
      host.result(text, { environments: rows });
      return 0;
    });
  },
};
