// `schedule check`: the runs that failed in a recent window, sent to the same notifiers as canary releases (Slack, webhook).
import { msg } from '../core/io-host.js';
import { sendNotifications } from '../core/notifier.js';
import { collectRuns, familyOf, type RunWithLogs, withLogs } from './job-history.js';
import { failed, type JobRun } from './run-records.js';
import { readGroup, readSchedules } from './schedule-group.js';
import type { SchedulesDeps } from './schedules-deps.js';

/** Pure: one sentence per failed run. */
export function failureText(group: string, r: RunWithLogs): string {
  const how = r.exitCode !== undefined ? `exited with code ${r.exitCode}` : `stopped without an exit code`;
  return [
    `cortado schedule ${group}/${r.job}: task ${r.taskId} ${how}${r.stoppedAt ? ` at ${r.stoppedAt}` : ''}`,
    r.stoppedReason ? ` — ${r.stoppedReason}` : '',
    r.lastLine ? `\nlast line: ${r.lastLine}` : '',
    r.logs ? `\nlogs: ${r.logs.url}` : '',
  ].join('');
}

export async function checkFailures(
  deps: SchedulesDeps,
  o: { readonly sinceMs: number; readonly notify: boolean },
): Promise<RunWithLogs[]> {
  const group = await readGroup(deps);
  const schedules = group.kind === 'managed' ? await readSchedules(deps) : new Map();
  const families = [
    ...new Set(
      [...schedules.values()]
        .map((s: { Target?: { EcsParameters?: { TaskDefinitionArn?: string } } }) => s.Target?.EcsParameters?.TaskDefinitionArn)
        .filter((a): a is string => Boolean(a))
        .map(familyOf),
    ),
  ];
  const since = deps.clock.now().getTime() - o.sinceMs;
  const runs = (await collectRuns(deps, { sinceMs: o.sinceMs, families })).filter(
    (r: JobRun) => failed(r) && (r.stoppedAt === undefined || Date.parse(r.stoppedAt) >= since),
  );
  const detailed = await withLogs(deps, runs);
  for (const r of detailed) {
    const text = failureText(deps.spec.group, r);
    deps.io.notify(msg('warn', 'SCHEDULE_RUN_FAILED', text, r));
    if (!o.notify) continue;
    const failures = await sendNotifications(
      deps.spec.notify,
      text,
      { event: 'schedule-run-failed', group: deps.spec.group, ...r },
      deps.signal,
    );
    for (const f of failures) deps.io.notify(msg('warn', 'SCHEDULE_NOTIFY_FAILED', f));
  }
  return detailed;
}
