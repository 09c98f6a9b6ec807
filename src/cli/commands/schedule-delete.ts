// `cortado schedule delete JOB`: deletes one schedule of cortado's group (with --force; never another group's).
import { UsageError } from '../../core/errors.js';
import type { CliCommand } from '../command.js';
import { flag } from './deploy-options.js';
import { jobArgument, SCHEDULES_HELP, SCHEDULES_OPTION, withSchedules } from './schedule-options.js';

export const scheduleDelete: CliCommand = {
  usage: 'cortado schedule delete JOB --force | --dry-run',
  options: { ...SCHEDULES_OPTION, force: { type: 'boolean' }, 'dry-run': { type: 'boolean' } },
  help: `Options:
  --force          confirm the deletion (required)
  --dry-run        say what would be deleted
${SCHEDULES_HELP}

Deletes the job's schedule from cortado's group; its history stays in the log group. A job still in
the file comes back at the next apply: remove it from the file too (or apply --prune after that).

Examples:
  cortado schedule delete nightly-report --dry-run
  cortado schedule delete nightly-report --force`,
  async run(args, host) {
    const job = jobArgument(args, 'delete');
    const dryRun = flag(args, 'dry-run');
    if (!dryRun && !flag(args, 'force'))
      throw new UsageError('CONFIRMATION_REQUIRED', `cortado schedule delete ${job} deletes a schedule: add --force (or --dry-run)`);
    const r = await withSchedules(args, host, async (deps) =>
      (await import('../../schedules/apply-schedules.js')).deleteJobSchedule(deps, job, dryRun),
    );
    host.result(`${job}: ${dryRun ? 'would be deleted' : 'deleted'}`, { job, ...r, dryRun });
    return 0;
  },
};
