// `cortado continue`: lets a deployment paused at a PAUSE lifecycle hook go on (ContinueServiceDeployment CONTINUE), then waits.
import type { IoMessage } from '../../core/io-host.js';
import type { CliCommand } from '../command.js';
import { flag, waitUntilOption, withContext } from './deploy-options.js';

const continueInterrupted = (seen: readonly IoMessage[]): string =>
  seen.some((m) => m.code === 'DEPLOY_CONTINUED')
    ? 'the deployment was continued and goes on in ECS; `cortado wait` follows it, `cortado rollback` stops it'
    : 'nothing was changed in ECS';

export const continueCommand: CliCommand = {
  usage: 'cortado continue [--no-wait | --wait-until deployed|stable|paused|ecs:<STAGE>]',
  options: { 'no-wait': { type: 'boolean' }, 'wait-until': { type: 'string' } },
  help: `Finds the service's deployment in progress that waits at a PAUSE lifecycle hook (BLUE_GREEN, CANARY or LINEAR
strategies with lifecycleHooks of targetType PAUSE), answers the hook with CONTINUE, and waits: by default until the
deployment succeeds (deployed), or until the next pause (paused), a lifecycle stage (ecs:<STAGE>), or the old tasks are
gone too (stable). With no deployment waiting at a PAUSE hook it changes nothing and exits 2.

Options:
  --no-wait                return once the hook is answered
  --wait-until deployed|stable|paused|ecs:<STAGE>   what to wait for (default deployed)

Examples:
  cortado deploy --wait-until paused && ./smoke-test.sh && cortado continue
  cortado continue --wait-until paused
  cortado continue --no-wait --output json`,
  interrupted: continueInterrupted,
  async run(args, host) {
    const waitUntil = waitUntilOption(args);
    const noWait = flag(args, 'no-wait');
    if (noWait && waitUntil) {
      const { UsageError } = await import('../../core/errors.js');
      throw new UsageError('BAD_OPTION', '--no-wait and --wait-until cannot be used together');
    }
    const r = await withContext(args, host, async (ctx) =>
      (await import('../../deploy/continue-deployment.js')).continueDeployment(ctx, { noWait, ...(waitUntil ? { waitUntil } : {}) }),
    );
    host.result(`${r.service}: ${r.status}${r.reached ? ` (${r.reached})` : ''}`, r);
    return 0;
  },
};
