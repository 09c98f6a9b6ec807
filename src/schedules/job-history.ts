// `schedule history` and the runs behind `ls` and `check`: recorded task state changes merged with what ECS still describes.
import type { TaskDefinition } from '@aws-sdk/client-ecs';
import { awsErrorCode } from '../aws/aws-call.js';
import { logLocation, readLastLogLines } from '../ecs/task-log-location.js';
import { taskGroupOf, taskGroupPrefix } from './managed-names.js';
import { consoleLogUrl, type JobRun, mergeRuns, runOf, taskOfEvent } from './run-records.js';
import type { SchedulesDeps } from './schedules-deps.js';

export interface RunQuery {
  /** One job, or every job of the group. */
  readonly job?: string;
  /** How far back the records are read. */
  readonly sinceMs: number;
  /** Task definition families whose recent tasks ECS is asked about (the jobs' schedules'). */
  readonly families: readonly string[];
}

export interface RunWithLogs extends JobRun {
  readonly lastLine?: string;
  readonly logs?: { readonly group: string; readonly stream: string; readonly url: string };
}

const MAX_EVENTS = 5_000;

async function recordedRuns(deps: SchedulesDeps, q: RunQuery): Promise<JobRun[]> {
  const logs = await deps.aws.logs();
  const term = q.job === undefined ? taskGroupPrefix(deps.spec.group) : taskGroupOf(deps.spec.group, q.job);
  const out: JobRun[] = [];
  let token: string | undefined;
  let seen = 0;
  try {
    do {
      const page = await logs.filterLogEvents(
        {
          logGroupName: deps.spec.history.logGroup,
          startTime: deps.clock.now().getTime() - q.sinceMs,
          filterPattern: JSON.stringify(term),
          ...(token ? { nextToken: token } : {}),
        },
        deps.signal,
      );
      for (const e of page.events ?? []) {
        const t = taskOfEvent(e.message ?? '');
        const run = t && runOf(deps.spec.group, t, 'history');
        if (run && (q.job === undefined || run.job === q.job)) out.push(run);
      }
      seen += page.events?.length ?? 0;
      token = page.nextToken;
    } while (token && seen < MAX_EVENTS);
  } catch (e) {
    if (awsErrorCode(e) !== 'ResourceNotFoundException') throw e; // nothing applied yet
  }
  return out;
}

async function ecsRuns(deps: SchedulesDeps, q: RunQuery): Promise<JobRun[]> {
  const ecs = await deps.aws.ecs();
  const arns: string[] = [];
  for (const family of q.families)
    for (const desiredStatus of ['RUNNING', 'STOPPED'] as const) {
      let token: string | undefined;
      do {
        const page = await ecs.listTasks(
          { cluster: deps.cluster, family, desiredStatus, ...(token ? { nextToken: token } : {}) },
          deps.signal,
        );
        arns.push(...(page.taskArns ?? []));
        token = page.nextToken;
      } while (token);
    }
  const out: JobRun[] = [];
  for (let i = 0; i < arns.length; i += 100) {
    const tasks = (await ecs.describeTasks({ cluster: deps.cluster, tasks: arns.slice(i, i + 100) }, deps.signal)).tasks ?? [];
    for (const t of tasks) {
      const run = runOf(deps.spec.group, t, 'ecs');
      if (run && (q.job === undefined || run.job === q.job)) out.push(run);
    }
  }
  return out;
}

/** Every run of the job (or jobs) since then, newest first. */
export async function collectRuns(deps: SchedulesDeps, q: RunQuery): Promise<JobRun[]> {
  const [recorded, recent] = await Promise.all([recordedRuns(deps, q), ecsRuns(deps, q)]);
  return mergeRuns([...recorded, ...recent]);
}

/** Adds each run's last log line and where its logs are (awslogs with a stream prefix), reading each task definition once. */
export async function withLogs(deps: SchedulesDeps, runs: readonly JobRun[]): Promise<RunWithLogs[]> {
  const ecs = await deps.aws.ecs();
  const logs = await deps.aws.logs();
  const tds = new Map<string, Promise<TaskDefinition | undefined>>();
  const td = (arn: string) => {
    let p = tds.get(arn);
    if (!p) {
      p = ecs.describeTaskDefinition({ taskDefinition: arn }, deps.signal).then(
        (o) => o.taskDefinition,
        () => undefined,
      );
      tds.set(arn, p);
    }
    return p;
  };
  return Promise.all(
    runs.map(async (r): Promise<RunWithLogs> => {
      const def = r.taskDefinitionArn ? await td(r.taskDefinitionArn) : undefined;
      const container =
        def?.containerDefinitions?.find((c) => c.name === r.container) ?? def?.containerDefinitions?.find((c) => c.essential !== false);
      const loc = container ? logLocation(container, r.taskId) : undefined;
      if (!loc) return r;
      const region = loc.region ?? deps.aws.settings.region ?? 'us-east-1';
      const lines = await readLastLogLines(logs, loc, 1, deps.signal);
      return {
        ...r,
        ...(lines.length ? { lastLine: lines[lines.length - 1]! } : {}),
        logs: { group: loc.group, stream: loc.stream, url: consoleLogUrl(region, loc.group, loc.stream) },
      };
    }),
  );
}

/** The families of the task definitions the group's schedules run (read from the schedules themselves). */
export const familyOf = (taskDefinitionArn: string): string => taskDefinitionArn.replace(/^.*task-definition\//, '').replace(/:\d+$/, '');

export async function jobHistory(
  deps: SchedulesDeps,
  job: string,
  o: { readonly sinceMs: number; readonly limit: number; readonly families: readonly string[] },
): Promise<RunWithLogs[]> {
  const runs = await collectRuns(deps, { job, sinceMs: o.sinceMs, families: o.families });
  return withLogs(deps, runs.slice(0, o.limit));
}
