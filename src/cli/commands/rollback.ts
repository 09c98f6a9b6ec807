// `cortado rollback`: stops an in-flight deployment with ROLLBACK, or returns the service to the previous revision.
import { UsageError } from '../../core/errors.js';
import type { CliCommand } from '../command.js';
import { numberOption } from '../command.js';
import { rollbackInterrupted } from '../interrupted.js';
import { flag, WAIT_HELP, waitUntilOption, withContext } from './deploy-options.js';

export const rollbackCommand: CliCommand = {
  usage:
    'cortado rollback [--dry-run] [--no-deregister-task-definition] [--revision N [--force]] [--no-wait | --wait-until deployed|stable]',
  options: {
    'dry-run': { type: 'boolean' },
    'deregister-task-definition': { type: 'boolean' },
    'no-deregister-task-definition': { type: 'boolean' },
    revision: { type: 'string' },
    force: { type: 'boolean' },
    'no-wait': { type: 'boolean' },
    'wait-until': { type: 'string' },
  },
  help: `When a deployment is in progress, rollback stops it with StopServiceDeployment(ROLLBACK). Otherwise it
updates the service to the newest older revision that completed a deployment on this service (ECS's deployment
history: a revision the circuit breaker rolled back is never chosen), says which and why, and then deregisters
the revision it rolled back from (as ecspresso does).

An Express service (express_definition) is rolled back only by stopping its deployment in progress, as ecspresso
does; with none in progress rollback changes nothing and exits 2, and --revision does not apply (exit 2).

Options:
  --dry-run                        say which revision it would go to, and why; change nothing
  --no-deregister-task-definition  keep the revision rolled back from registered
  --revision N                     roll back to revision N; one known to have failed is refused unless --force
  --force                          with --revision: use it even though its last deployment failed
${WAIT_HELP}

Examples:
  cortado rollback
  cortado rollback --dry-run
  cortado rollback --no-deregister-task-definition
  cortado rollback --revision 7 --force`,
  interrupted: rollbackInterrupted,
  async run(args, host) {
    const waitUntil = waitUntilOption(args);
    const revision = numberOption(args, 'revision', { min: 1, integer: true });
    if (flag(args, 'force') && revision === undefined)
      throw new UsageError('BAD_OPTION', '--force goes with --revision N: it allows a revision whose last deployment failed');
    const r = await withContext(args, host, async (ctx) =>
      (await import('../../deploy/rollback.js')).rollback(ctx, {
        dryRun: flag(args, 'dry-run'),
        deregisterTaskDefinition: !flag(args, 'no-deregister-task-definition'),
        force: flag(args, 'force'),
        ...(revision !== undefined ? { revision } : {}),
        noWait: flag(args, 'no-wait'),
        ...(waitUntil ? { waitUntil } : {}),
      }),
    );
    host.result(
      `${r.service}: ${r.status === 'dry-run' ? 'would roll back' : r.status === 'started' ? 'rolling back' : 'rolled back'} from ${r.from}${r.to ? ` to ${r.to}` : ''}${r.reason ? ` (${r.reason})` : ''}${r.deregistered ? `; deregistered ${r.deregistered}` : ''}`,
      r,
    );
    return 0;
  },
};
