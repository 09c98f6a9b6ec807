// `cortado schedule apply`: creates or updates the jobs' schedules in cortado's group (with its role and history rule); --prune removes the rest.
import type { CliCommand } from '../command.js';
import { flag } from './deploy-options.js';
import { optionalJob, SCHEDULES_HELP, SCHEDULES_OPTION, withSchedules } from './schedule-options.js';

export const scheduleApply: CliCommand = {
  usage: 'cortado schedule apply [JOB] [--prune] [--dry-run]',
  options: { ...SCHEDULES_OPTION, prune: { type: 'boolean' }, 'dry-run': { type: 'boolean' } },
  help: `Options:
  --prune          delete the schedules of cortado's group that are no longer in the file
                   (only that group, which cortado created and tagged: never other schedules)
  --dry-run        say what would change; change nothing
${SCHEDULES_HELP}

apply keeps, in order: the schedule group (tagged cortado:managed-by and cortado:owner), the IAM
role EventBridge Scheduler assumes (unless schedules.role_arn names one), the EventBridge rule that
records every run's task state change in the history log group, then each job's schedule. Every
step is idempotent: an interrupted apply converges when run again. A second apply changes nothing.
Exit 0 whether or not something changed; 2 on bad input (nothing changed).

Examples:
  cortado schedule apply --dry-run
  cortado schedule apply --prune
  cortado schedule apply nightly-report`,
  async run(args, host) {
    const job = optionalJob(args, 'apply');
    const r = await withSchedules(args, host, async (deps) =>
      (await import('../../schedules/apply-schedules.js')).applySchedules(deps, {
        prune: flag(args, 'prune'),
        dryRun: flag(args, 'dry-run'),
        ...(job ? { job } : {}),
      }),
    );
    const dry = flag(args, 'dry-run');
    const lines = r.changes.map((c) => `${dry ? 'would ' : ''}${c.kind} ${c.resource} ${c.name}`);
    for (const s of r.strays) lines.push(`not in the file: schedule ${s} (apply --prune deletes it)`);
    host.result(lines.join('\n') || 'no change', { changed: r.changed, dryRun: dry, changes: r.changes, strays: r.strays });
    return 0;
  },
};
