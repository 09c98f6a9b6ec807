// `cortado verify`: checks the resources the definitions depend on before a deploy.
import type { CliCommand } from '../command.js';
import { withContext } from './deploy-options.js';

export const verifyCommand: CliCommand = {
  usage: 'cortado verify',
  options: {},
  help: `Exits 1 when a check fails. Checks that need IAM (the execution role's trust policy) are reported as
skipped: cortado makes no IAM calls.

Examples:
  cortado verify
  cortado verify --output json`,
  async run(args, host) {
    const r = await withContext(args, host, async (ctx) => (await import('../../deploy/verify.js')).verify(ctx));
    const mark = { ok: 'OK  ', failed: 'FAIL', skipped: 'SKIP' } as const;
    host.result(r.checks.map((c) => `${mark[c.status]} ${c.name}: ${c.detail}`).join('\n'), r);
    return r.ok ? 0 : 1;
  },
};
