// `cortado schedule check`: the runs that failed lately, each sent to schedules.notifications (Slack, webhook); exit 1 if any.
import type { CliCommand } from '../command.js';
import { flag } from './deploy-options.js';
import { SCHEDULES_HELP, SCHEDULES_OPTION, sinceOption, utc, withSchedules } from './schedule-options.js';

const HOUR = 3_600_000;

export const scheduleCheck: CliCommand = {
  usage: 'cortado schedule check [--since 1h] [--no-notify]',
  options: { ...SCHEDULES_OPTION, since: { type: 'string' }, 'no-notify': { type: 'boolean' } },
  help: `Options:
  --since DURATION   the window of runs to check (default 1h: run check every hour, e.g. from CI)
  --no-notify        list the failures; send nothing
${SCHEDULES_HELP}

A run failed when its task stopped with a non-zero exit code, or without one. Each failure is sent
to the notifiers of schedules.notifications (the same Slack and webhook notifiers as canary
releases), with the exit code, the stopped reason, the last log line and a link to the logs.
Exit 1 when a run failed in the window, 0 otherwise.

Examples:
  cortado schedule check --since 1h
  cortado schedule check --since 24h --no-notify --output json`,
  async run(args, host) {
    const notify = !flag(args, 'no-notify');
    const failed = await withSchedules(args, host, async (deps) =>
      (await import('../../schedules/check-failures.js')).checkFailures(deps, { sinceMs: sinceOption(args, HOUR), notify }),
    );
    const text = failed.length
      ? failed
          .map(
            (r) =>
              `${r.job}: task ${r.taskId} exit ${r.exitCode ?? 'none'} at ${utc(r.stoppedAt)}${r.stoppedReason ? ` — ${r.stoppedReason}` : ''}`,
          )
          .join('\n')
      : 'no failed runs';
    host.result(text, { failed });
    return failed.length ? 1 : 0;
  },
};
