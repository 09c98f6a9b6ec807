// `schedule ls`: the group's schedules as AWS holds them, with the next run in each job's time zone and the last run's exit code.
import type { GetScheduleCommandOutput } from '@aws-sdk/client-scheduler';
import { nextOccurrence, parseScheduleExpression } from './expressions.js';
import { collectRuns, familyOf } from './job-history.js';
import type { JobRun } from './run-records.js';
import { readGroup, readSchedules } from './schedule-group.js';
import type { SchedulesDeps } from './schedules-deps.js';

export interface JobRow {
  readonly name: string;
  readonly schedule: string;
  readonly timezone: string;
  /** ENABLED / DISABLED as AWS holds it; `not applied` for a job of the file apply has not created yet. */
  readonly state: string;
  /** In the file (`true`), or only in the group (apply --prune would delete it). */
  readonly inFile: boolean;
  readonly nextRun?: string;
  readonly lastRun?: JobRun;
}

/** Pure: when a schedule fires next after `now` (a rate schedule counts from its start date or creation). */
export function nextRunOf(
  s: Pick<
    GetScheduleCommandOutput,
    'ScheduleExpression' | 'ScheduleExpressionTimezone' | 'StartDate' | 'EndDate' | 'CreationDate' | 'State'
  >,
  now: Date,
): Date | undefined {
  if (s.State === 'DISABLED' || !s.ScheduleExpression) return undefined;
  const parsed = parseScheduleExpression(s.ScheduleExpression, 'scheduler');
  if (parsed.kind === 'invalid') return undefined;
  return nextOccurrence(parsed.expression, now, {
    timeZone: s.ScheduleExpressionTimezone ?? 'UTC',
    startDate: s.StartDate,
    endDate: s.EndDate,
    rateAnchor: s.StartDate ?? s.CreationDate,
  });
}

export async function listJobs(deps: SchedulesDeps, o: { readonly sinceMs: number }): Promise<JobRow[]> {
  const group = await readGroup(deps);
  const schedules = group.kind === 'managed' ? await readSchedules(deps) : new Map<string, GetScheduleCommandOutput>();
  const families = [
    ...new Set(
      [...schedules.values()]
        .map((s) => s.Target?.EcsParameters?.TaskDefinitionArn)
        .filter((a): a is string => Boolean(a))
        .map(familyOf),
    ),
  ];
  const runs = await collectRuns(deps, { sinceMs: o.sinceMs, families });
  const last = (job: string) => runs.find((r) => r.job === job);
  const now = deps.clock.now();
  const inFile = new Set(deps.spec.jobs.map((j) => j.name));
  const rows: JobRow[] = [];
  for (const [name, s] of schedules) {
    const next = nextRunOf(s, now);
    const lastRun = last(name);
    rows.push({
      name,
      schedule: s.ScheduleExpression ?? '',
      timezone: s.ScheduleExpressionTimezone ?? 'UTC',
      state: s.State ?? 'ENABLED',
      inFile: inFile.has(name),
      ...(next ? { nextRun: next.toISOString() } : {}),
      ...(lastRun ? { lastRun } : {}),
    });
  }
  for (const j of deps.spec.jobs)
    if (!schedules.has(j.name)) rows.push({ name: j.name, schedule: j.schedule, timezone: j.timezone, state: 'not applied', inFile: true });
  return rows.sort((a, b) => (a.name < b.name ? -1 : 1));
}
