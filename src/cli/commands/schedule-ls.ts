// `cortado schedule ls`: the jobs' schedules, next run in each job's time zone, last run and its exit code.
import type { CliCommand } from '../command.js';
import { renderTable } from '../terminal/table.js';
import { terminalOf } from '../terminal/terminal-of.js';
import { inZone, SCHEDULES_HELP, SCHEDULES_OPTION, sinceOption, utc, withSchedules } from './schedule-options.js';

const WEEK = 7 * 86_400_000;

export const scheduleLs: CliCommand = {
  usage: 'cortado schedule ls [--since 7d]',
  options: { ...SCHEDULES_OPTION, since: { type: 'string' } },
  help: `Options:
  --since DURATION   how far back to look for each job's last run (default 7d)
${SCHEDULES_HELP}

Lists the schedules of cortado's group as EventBridge Scheduler holds them, and the jobs of the
file apply has not created yet (STATE "not applied"). NEXT RUN is in the job's time zone; LAST RUN
and EXIT come from the history log group and from ECS for recent tasks.

Examples:
  cortado schedule ls
  cortado schedule ls --output json | jq '.jobs[] | select(.lastRun.exitCode != 0)'`,
  async run(args, host) {
    const rows = await withSchedules(args, host, async (deps) =>
      (await import('../../schedules/list-jobs.js')).listJobs(deps, { sinceMs: sinceOption(args, WEEK) }),
    );
    const width = terminalOf(host).width;
    const text = rows.length
      ? renderTable(
          ['JOB', 'SCHEDULE', 'STATE', 'NEXT RUN', 'LAST RUN', 'EXIT'],
          rows.map((r) => [
            r.inFile ? r.name : `${r.name} (not in file)`,
            r.schedule,
            r.state,
            inZone(r.nextRun, r.timezone),
            r.lastRun
              ? `${utc(r.lastRun.startedAt ?? r.lastRun.createdAt)} ${r.lastRun.status === 'STOPPED' ? '' : r.lastRun.status}`.trim()
              : '-',
            r.lastRun?.exitCode !== undefined ? String(r.lastRun.exitCode) : r.lastRun?.status === 'STOPPED' ? 'none' : '-',
          ]),
          width ? { width } : {},
        )
      : 'no jobs';
    host.result(text, { jobs: rows });
    return 0;
  },
};
