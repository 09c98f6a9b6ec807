// `schedule run JOB`: starts the job's task now, exactly as its schedule would (same target, overrides, group and tags), and follows it.
import type { RunTaskCommandInput, Task } from '@aws-sdk/client-ecs';
import { awsErrorCode } from '../aws/aws-call.js';
import { CortadoError } from '../core/errors.js';
import { msg } from '../core/io-host.js';
import { waitLoop } from '../core/wait-loop.js';
import { taskIdOf } from '../ecs/task-log-location.js';
import { selectJobs } from './apply-schedules.js';
import { withLogs, type RunWithLogs } from './job-history.js';
import { resolveJobs } from './resolve-jobs.js';
import { runOf } from './run-records.js';
import { readGroup } from './schedule-group.js';
import { desiredSchedule, targetAsRunTask } from './schedule-input.js';
import type { SchedulesDeps } from './schedules-deps.js';

export const RUN_STARTED_BY = 'cortado-schedule-run';

export interface RunJobResult {
  readonly taskArns: readonly string[];
  /** Where the task's parameters came from: the schedule in AWS, or the file (a job apply has not created yet). */
  readonly from: 'schedule' | 'file';
  readonly run?: RunWithLogs;
}

async function runInput(deps: SchedulesDeps, job: string): Promise<{ input: RunTaskCommandInput; from: RunJobResult['from'] }> {
  const group = await readGroup(deps);
  if (group.kind === 'managed') {
    try {
      const s = await (await deps.aws.scheduler()).getSchedule({ Name: job, GroupName: deps.spec.group }, deps.signal);
      if (s.Target) return { input: targetAsRunTask(s.Target, RUN_STARTED_BY), from: 'schedule' };
    } catch (e) {
      if (awsErrorCode(e) !== 'ResourceNotFoundException') throw e;
    }
  }
  const spec = selectJobs(deps, job);
  const resolved = await resolveJobs(deps, spec);
  const input = desiredSchedule(resolved.jobs[0]!, deps.spec.group, 'unused');
  return { input: targetAsRunTask(input.Target!, RUN_STARTED_BY), from: 'file' };
}

async function waitStopped(deps: SchedulesDeps, taskArn: string): Promise<Task> {
  const ecs = await deps.aws.ecs();
  const loop = waitLoop(deps.clock, `task ${taskIdOf(taskArn)} to stop`, deps.timeoutMs, deps.pollIntervalMs, deps.signal);
  let status = '';
  for (;;) {
    const t = (await ecs.describeTasks({ cluster: deps.cluster, tasks: [taskArn] }, deps.signal)).tasks?.[0];
    if (t?.lastStatus && t.lastStatus !== status) {
      status = t.lastStatus;
      deps.io.notify(msg('info', 'TASK_STATUS', `task ${taskIdOf(taskArn)}: ${status}`, { taskArn, status }));
    }
    if (t?.lastStatus === 'STOPPED') return t;
    await loop.tick();
  }
}

export async function runJob(deps: SchedulesDeps, job: string, o: { readonly wait: boolean }): Promise<RunJobResult> {
  const { input, from } = await runInput(deps, job);
  const ecs = await deps.aws.ecs();
  const out = await ecs.runTask(input, deps.signal);
  if (out.failures?.length)
    throw new CortadoError(
      'RUN_TASK_FAILED',
      `RunTask placed no task for job ${job}: ${out.failures.map((f) => `${f.reason ?? '?'}${f.detail ? ` (${f.detail})` : ''}`).join('; ')}`,
      {
        source: 'aws',
      },
    );
  const taskArns = (out.tasks ?? []).map((t) => t.taskArn!).filter(Boolean);
  deps.io.notify(
    msg('info', 'SCHEDULE_RUN_STARTED', `job ${job}: started task ${taskArns.map(taskIdOf).join(', ')} (from the ${from})`, {
      job,
      taskArns,
      from,
    }),
  );
  if (!o.wait || taskArns.length === 0) return { taskArns, from };
  const stopped = await waitStopped(deps, taskArns[0]!);
  const run = runOf(deps.spec.group, stopped, 'ecs');
  if (!run) return { taskArns, from };
  const [withLog] = await withLogs(deps, [run]);
  return { taskArns, from, run: withLog! };
}
