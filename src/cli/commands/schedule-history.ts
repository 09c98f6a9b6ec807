// `cortado schedule history JOB`: the job's runs (start, end, exit code, stopped reason, last log line, link to the logs).
import type { CliCommand } from '../command.js';
import { numberOption } from '../command.js';
import { renderTable } from '../terminal/table.js';
import { terminalOf } from '../terminal/terminal-of.js';
import { jobArgument, SCHEDULES_HELP, SCHEDULES_OPTION, sinceOption, utc, withSchedules } from './schedule-options.js';

const MONTH = 30 * 86_400_000;

export const scheduleHistory: CliCommand = {
  usage: 'cortado schedule history JOB [--since 30d] [--limit 20]',
  options: { ...SCHEDULES_OPTION, since: { type: 'string' }, limit: { type: 'string' } },
  help: `Options:
  --since DURATION   how far back (default 30d; the history log group keeps schedules.history.retention_days)
  --limit N          the newest N runs (default 20)
${SCHEDULES_HELP}

Runs come from the history log group (every STOPPED task state change of the job's tasks, kept
beyond ECS's hour) merged with what ECS still describes (running and recently stopped tasks).
LAST LINE is the container's last awslogs line; --output json adds the log group, stream and a
CloudWatch console link.

Examples:
  cortado schedule history nightly-report
  cortado schedule history nightly-report --since 90d --output json | jq '.runs[] | select(.exitCode != 0)'`,
  async run(args, host) {
    const job = jobArgument(args, 'history');
    const limit = numberOption(args, 'limit', { min: 1, max: 1000, integer: true }) ?? 20;
    const runs = await withSchedules(args, host, async (deps) => {
      const { jobHistory, familyOf } = await import('../../schedules/job-history.js');
      const { readGroup, readSchedules } = await import('../../schedules/schedule-group.js');
      const group = await readGroup(deps);
      const schedule = group.kind === 'managed' ? (await readSchedules(deps)).get(job) : undefined;
      const arn = schedule?.Target?.EcsParameters?.TaskDefinitionArn;
      return jobHistory(deps, job, { sinceMs: sinceOption(args, MONTH), limit, families: arn ? [familyOf(arn)] : [] });
    });
    const width = terminalOf(host).width;
    const text = runs.length
      ? renderTable(
          ['TASK', 'STARTED', 'STOPPED', 'EXIT', { header: 'REASON', wrap: true }, { header: 'LAST LINE', wrap: true }],
          runs.map((r) => [
            r.taskId.slice(0, 12),
            utc(r.startedAt ?? r.createdAt),
            r.status === 'STOPPED' ? utc(r.stoppedAt) : r.status,
            r.exitCode !== undefined ? String(r.exitCode) : r.status === 'STOPPED' ? 'none' : '-',
            r.stoppedReason ?? '',
            r.lastLine ?? '',
          ]),
          width ? { width } : {},
        )
      : `no runs of ${job}`;
    host.result(text, { job, runs });
    return 0;
  },
};
