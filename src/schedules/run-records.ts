// Pure: a job's runs from what records them — ECS task state change events kept in the log group, and DescribeTasks for recent tasks.
import { taskIdOf } from '../ecs/task-log-location.js';
import { jobOfTaskGroup } from './managed-names.js';

/** The fields of an ECS task both DescribeTasks and the "ECS Task State Change" event detail carry (dates as ISO text or Date). */
export interface TaskLike {
  readonly taskArn?: string | undefined;
  readonly group?: string | undefined;
  readonly lastStatus?: string | undefined;
  readonly startedBy?: string | undefined;
  readonly taskDefinitionArn?: string | undefined;
  readonly createdAt?: string | Date | undefined;
  readonly startedAt?: string | Date | undefined;
  readonly stoppedAt?: string | Date | undefined;
  readonly stoppedReason?: string | undefined;
  readonly stopCode?: string | undefined;
  readonly containers?:
    | readonly { readonly name?: string | undefined; readonly exitCode?: number | undefined; readonly reason?: string | undefined }[]
    | undefined;
}

export interface JobRun {
  readonly job: string;
  readonly taskArn: string;
  readonly taskId: string;
  readonly status: string;
  /** `cortado-schedule-run` for `schedule run`; what EventBridge Scheduler sets otherwise. */
  readonly startedBy?: string;
  readonly taskDefinitionArn?: string;
  readonly createdAt?: string;
  readonly startedAt?: string;
  readonly stoppedAt?: string;
  /** The container whose exit code stands for the run: the first that failed, else the first with one. */
  readonly container?: string;
  readonly exitCode?: number;
  readonly stoppedReason?: string;
  readonly stopCode?: string;
  /** Where the run came from: the recorded event (lasting) or ECS itself (about an hour after it stops). */
  readonly source: 'history' | 'ecs';
}

const iso = (d: string | Date | undefined): string | undefined =>
  d === undefined ? undefined : d instanceof Date ? d.toISOString() : new Date(d).toISOString();

/** A run of one of `group`'s jobs, or undefined for another task. */
export function runOf(group: string, t: TaskLike, source: JobRun['source']): JobRun | undefined {
  const job = jobOfTaskGroup(group, t.group);
  if (!job || !t.taskArn) return undefined;
  const withCode = (t.containers ?? []).filter((c) => typeof c.exitCode === 'number');
  const main = withCode.find((c) => c.exitCode !== 0) ?? withCode[0];
  const v = {
    job,
    taskArn: t.taskArn,
    taskId: taskIdOf(t.taskArn),
    status: t.lastStatus ?? 'UNKNOWN',
    startedBy: t.startedBy,
    taskDefinitionArn: t.taskDefinitionArn,
    createdAt: iso(t.createdAt),
    startedAt: iso(t.startedAt),
    stoppedAt: iso(t.stoppedAt),
    container: main?.name,
    exitCode: main?.exitCode,
    stoppedReason: t.stoppedReason,
    stopCode: t.stopCode,
    source,
  };
  return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined)) as unknown as JobRun;
}

/** The task in a recorded event's message (EventBridge writes the whole event as JSON), or undefined for anything else. */
export function taskOfEvent(message: string): TaskLike | undefined {
  try {
    const e = JSON.parse(message) as { 'detail-type'?: string; detail?: TaskLike };
    return e['detail-type'] === 'ECS Task State Change' && e.detail ? e.detail : undefined;
  } catch {
    return undefined;
  }
}

const when = (r: JobRun) => r.startedAt ?? r.createdAt ?? r.stoppedAt ?? '';

/** One run per task (a STOPPED record beats a RUNNING view; ECS beats the record otherwise), newest first. */
export function mergeRuns(runs: readonly JobRun[]): JobRun[] {
  const byTask = new Map<string, JobRun>();
  for (const r of runs) {
    const seen = byTask.get(r.taskArn);
    if (!seen || (seen.status !== 'STOPPED' && r.status === 'STOPPED') || (seen.status === r.status && r.source === 'ecs'))
      byTask.set(r.taskArn, r);
  }
  return [...byTask.values()].sort((a, b) => (when(a) < when(b) ? 1 : when(a) > when(b) ? -1 : a.taskId < b.taskId ? 1 : -1));
}

/** A run that did not succeed: stopped with a non-zero exit code, or without any exit code. */
export const failed = (r: JobRun): boolean => r.status === 'STOPPED' && r.exitCode !== 0;

/** The CloudWatch console page of a log stream. */
export function consoleLogUrl(region: string, group: string, stream: string): string {
  const enc = (s: string) => encodeURIComponent(s).replace(/%/g, '$25');
  return `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#logsV2:log-groups/log-group/${enc(group)}/log-events/${enc(stream)}`;
}
