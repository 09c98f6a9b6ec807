// `cortado schedule run JOB`: the job's task now, as its schedule starts it; waits and exits with the container's exit code.
import type { CliCommand } from '../command.js';
import { flag } from './deploy-options.js';
import { jobArgument, SCHEDULES_HELP, SCHEDULES_OPTION, utc, withSchedules } from './schedule-options.js';

export const scheduleRun: CliCommand = {
  usage: 'cortado schedule run JOB [--no-wait]',
  options: { ...SCHEDULES_OPTION, 'no-wait': { type: 'boolean' } },
  help: `Options:
  --no-wait        return once the task started (exit 0)
${SCHEDULES_HELP}

Starts the task with the schedule's own target (task definition, overrides, network, task group and
tags) as EventBridge Scheduler holds it, or from the file for a job not applied yet. The run is in
the job's history like a scheduled one (started by cortado-schedule-run). Waits for the task to
stop, then exits with its container's exit code (1 when it stopped without one).

Examples:
  cortado schedule run nightly-report
  cortado schedule run nightly-report --no-wait --output json | jq -r '.taskArns[0]'`,
  async run(args, host) {
    const job = jobArgument(args, 'run');
    const wait = !flag(args, 'no-wait');
    const r = await withSchedules(args, host, async (deps) => (await import('../../schedules/run-job.js')).runJob(deps, job, { wait }));
    const run = r.run;
    const text = run
      ? [
          `${job}: task ${run.taskId} ${run.exitCode !== undefined ? `exited with code ${run.exitCode}` : 'stopped without an exit code'} at ${utc(run.stoppedAt)}`,
          ...(run.stoppedReason ? [`  reason: ${run.stoppedReason}`] : []),
          ...(run.lastLine ? [`  last line: ${run.lastLine}`] : []),
          ...(run.logs ? [`  logs: ${run.logs.url}`] : []),
        ].join('\n')
      : r.taskArns.join('\n');
    host.result(text, r);
    return !wait ? 0 : (run?.exitCode ?? 1);
  },
};
