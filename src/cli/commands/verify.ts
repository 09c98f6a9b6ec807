// `cortado verify`: checks the resources the definitions depend on before a deploy.
import type { CliCommand } from '../command.js';
import { flag, withContext } from './deploy-options.js';

export const verifyCommand: CliCommand = {
  usage: 'cortado verify [--no-get-secrets] [--no-put-logs] [--no-cache]',
  options: {
    'no-get-secrets': { type: 'boolean' },
    'get-secrets': { type: 'boolean' },
    'no-put-logs': { type: 'boolean' },
    'put-logs': { type: 'boolean' },
    'no-cache': { type: 'boolean' },
    cache: { type: 'boolean' },
  },
  help: `Options (ecspresso's):
  --no-get-secrets   do not read the SSM parameters and Secrets Manager secrets the task definition names
  --no-put-logs      accepted: cortado never writes to the log groups, it checks that they exist
  --no-cache         accepted: cortado keeps no verification cache

Exits 1 when a check fails. The execution and task roles are read with iam:GetRole: a role that does not
exist, or whose trust policy does not let ecs-tasks.amazonaws.com assume it, fails; without permission to
read it, the check is reported skipped.

Examples:
  cortado verify
  cortado verify --output json`,
  async run(args, host) {
    const r = await withContext(args, host, async (ctx) =>
      (await import('../../deploy/verify.js')).verify(ctx, { getSecrets: !flag(args, 'no-get-secrets') }),
    );
    const mark = { ok: 'OK  ', failed: 'FAIL', skipped: 'SKIP' } as const;
    host.result(r.checks.map((c) => `${mark[c.status]} ${c.name}: ${c.detail}`).join('\n'), r);
    return r.ok ? 0 : 1;
  },
};
