// Schedules fire on the sandbox clock: ECS RunTask with the target's parameters and overrides, one-time schedules
// deleting themselves, dead letters, and the retry policy (with a fake target).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Sandbox } from '../../../src/local/index.js';
import { AwsError } from '../../../src/local/aws-error.js';
import { createClock } from '../../../src/local/clock.js';
import { createLogsService } from '../../../src/local/services/logs/logs-service.js';
import { createEventsService } from '../../../src/local/services/events/events-service.js';
import { createSchedulerService } from '../../../src/local/services/scheduler/scheduler-service.js';
import { createScheduleRunner, retryDelayMs, type InvocationRecord } from '../../../src/local/services/scheduler/schedule-runner.js';
import type { ScheduleRecord } from '../../../src/local/services/scheduler/scheduler-state.js';
import { awsCli, boto3, eventually } from '../../helpers/sandbox.js';
import { api, cli, closeEcs, registerDemo, startEcs } from '../ecs/ecs-fixtures.js';

const SPEED = 60; // a simulated minute is a real second
const ROLE = 'arn:aws:iam::000000000000:role/scheduler-role';
const CLUSTER = 'jobs';
const CLUSTER_ARN = `arn:aws:ecs:us-east-1:000000000000:cluster/${CLUSTER}`;

const invocations = async (sandbox: Sandbox, scheduleArn: string): Promise<InvocationRecord[]> => {
  const res = await fetch(`${sandbox.endpoint}/_cortado/scheduler/invocations?scheduleArn=${encodeURIComponent(scheduleArn)}`);
  return ((await res.json()) as { invocations: InvocationRecord[] }).invocations;
};

describe('schedules fire into ECS on the sandbox clock', () => {
  let sandbox: Sandbox;
  let taskDefinition: string;
  before(async () => {
    sandbox = await startEcs([createLogsService, createEventsService, createSchedulerService], { speed: SPEED });
    await cli(sandbox, ['ecs', 'create-cluster', '--cluster-name', CLUSTER]);
    taskDefinition = await registerDemo(sandbox, { family: 'report' });
  });
  after(async () => {
    await closeEcs(sandbox);
  });

  it('rate(1 minute) runs N times in N simulated minutes, with EcsParameters, tags and the Input overrides', async () => {
    const overrides = { containerOverrides: [{ name: 'app', environment: [{ name: 'EXIT_CODE', value: '3' }] }] };
    const created = await awsCli(sandbox, [
      'scheduler',
      'create-schedule',
      '--name',
      'minutely',
      '--schedule-expression',
      'rate(1 minute)',
      '--flexible-time-window',
      'Mode=OFF',
      '--target',
      JSON.stringify({
        Arn: CLUSTER_ARN,
        RoleArn: ROLE,
        Input: JSON.stringify(overrides),
        EcsParameters: {
          TaskDefinitionArn: taskDefinition,
          LaunchType: 'FARGATE',
          Group: 'batch:minutely',
          Tags: [{ 'cortado:job': 'minutely' }],
          NetworkConfiguration: { awsvpcConfiguration: { Subnets: ['subnet-0123456789abcdef0'], AssignPublicIp: 'DISABLED' } },
        },
      }),
    ]);
    assert.equal(created.code, 0, created.stderr);
    const arn = (created.json as { ScheduleArn: string }).ScheduleArn;
    const N = 3;
    const runs = await eventually(
      async () => {
        const all = await invocations(sandbox, arn);
        return all.length >= N ? all : undefined;
      },
      60_000,
      100,
      `${N} invocations`,
    );
    assert.equal((await awsCli(sandbox, ['scheduler', 'delete-schedule', '--name', 'minutely'])).code, 0);
    const first = Date.parse(runs[0]!.scheduledTime);
    // Simulated time: exactly one minute apart, the first at creation (a rate schedule without StartDate starts at once).
    assert.deepEqual(
      runs.slice(0, N).map((r) => Date.parse(r.scheduledTime) - first),
      [0, 60_000, 120_000],
    );
    const inWindow = (await invocations(sandbox, arn)).filter((r) => Date.parse(r.scheduledTime) < first + N * 60_000);
    assert.equal(inWindow.length, N, 'N runs in N simulated minutes');
    for (const r of runs.slice(0, N)) assert.equal(r.outcome, 'SUCCEEDED', JSON.stringify(r));
    const taskArns = runs.slice(0, N).flatMap((r) => ((r.result?.tasks as { taskArn: string }[] | undefined) ?? []).map((t) => t.taskArn));
    assert.equal(taskArns.length, N);
    const described = (await api(sandbox, 'DescribeTasks', { cluster: CLUSTER, tasks: taskArns, include: ['TAGS'] })).tasks as Array<{
      group: string;
      overrides: unknown;
      tags: unknown;
      taskDefinitionArn: string;
    }>;
    for (const t of described) {
      assert.equal(t.group, 'batch:minutely');
      assert.equal(t.taskDefinitionArn, taskDefinition);
      assert.deepEqual(t.tags, [{ key: 'cortado:job', value: 'minutely' }]);
      assert.deepEqual((t.overrides as { containerOverrides: unknown }).containerOverrides, overrides.containerOverrides);
    }
  });

  it('a one-time at() schedule with ActionAfterCompletion DELETE runs once and deletes itself', async () => {
    // Two simulated minutes from now, written in the schedule's own zone (Tokyo: UTC+9, no DST).
    const inTokyo = new Date(Date.now() + 9 * 3_600_000 + 120_000).toISOString().slice(0, 19);
    const r = await boto3(
      sandbox,
      `s=boto3.client('scheduler',endpoint_url=endpoint,region_name=region)
out=s.create_schedule(Name='once',ScheduleExpression='at(${inTokyo})',ScheduleExpressionTimezone='Asia/Tokyo',
  ActionAfterCompletion='DELETE',FlexibleTimeWindow={'Mode':'OFF'},
  Target={'Arn':'${CLUSTER_ARN}','RoleArn':'${ROLE}','EcsParameters':{'TaskDefinitionArn':'${taskDefinition}','LaunchType':'FARGATE',
    'NetworkConfiguration':{'awsvpcConfiguration':{'Subnets':['subnet-0123456789abcdef0']}}}})
out['ActionAfterCompletion']=s.get_schedule(Name='once')['ActionAfterCompletion']
print(json.dumps(out))`,
    );
    assert.equal(r.code, 0, r.stderr);
    const arn = (r.json as { ScheduleArn: string }).ScheduleArn;
    assert.equal((r.json as { ActionAfterCompletion: string }).ActionAfterCompletion, 'DELETE', 'it exists until it has run');
    const runs = await eventually(
      async () => ((await invocations(sandbox, arn)).length > 0 ? invocations(sandbox, arn) : undefined),
      60_000,
    );
    assert.equal(runs.length, 1);
    assert.equal(runs[0]!.outcome, 'SUCCEEDED');
    assert.equal(runs[0]!.scheduledTime, `${new Date(Date.parse(`${inTokyo}Z`) - 9 * 3_600_000).toISOString()}`);
    const gone = await awsCli(sandbox, ['scheduler', 'get-schedule', '--name', 'once']);
    assert.match(gone.stderr, /\(ResourceNotFoundException\).*Schedule once does not exist\./);
  });

  it('a target that cannot run goes to the dead-letter queue (non-retryable: at once), recorded for reading', async () => {
    const created = await awsCli(sandbox, [
      'scheduler',
      'create-schedule',
      '--name',
      'broken',
      '--schedule-expression',
      'rate(5 minutes)',
      '--flexible-time-window',
      'Mode=OFF',
      '--target',
      JSON.stringify({
        Arn: 'arn:aws:ecs:us-east-1:000000000000:cluster/missing',
        RoleArn: ROLE,
        DeadLetterConfig: { Arn: 'arn:aws:sqs:us-east-1:000000000000:jobs-dlq' },
        EcsParameters: { TaskDefinitionArn: taskDefinition },
      }),
    ]);
    assert.equal(created.code, 0, created.stderr);
    const arn = (created.json as { ScheduleArn: string }).ScheduleArn;
    const [dead] = await eventually(async () => {
      const res = await fetch(
        `${sandbox.endpoint}/_cortado/scheduler/invocations?outcome=SENT_TO_DLQ&scheduleArn=${encodeURIComponent(arn)}`,
      );
      const all = ((await res.json()) as { invocations: InvocationRecord[] }).invocations;
      return all.length ? all : undefined;
    }, 60_000);
    assert.equal((await awsCli(sandbox, ['scheduler', 'delete-schedule', '--name', 'broken'])).code, 0);
    assert.equal(dead!.errorCode, 'ClusterNotFoundException');
    assert.equal(dead!.exhaustedRetryCondition, 'NonRetryableError');
    assert.equal(dead!.deadLetterArn, 'arn:aws:sqs:us-east-1:000000000000:jobs-dlq');
    assert.equal(dead!.attempts, 1);
  });
});

describe('retry policy', () => {
  const schedule = (retry: { MaximumRetryAttempts: number; MaximumEventAgeInSeconds: number }): ScheduleRecord => ({
    name: 'r',
    groupName: 'default',
    arn: 'arn:aws:scheduler:us-east-1:000000000000:schedule/default/r',
    creationDate: Date.now(),
    lastModificationDate: Date.now(),
    config: {
      scheduleExpression: `at(${new Date(Date.now() + 1000).toISOString().slice(0, 19)})`,
      scheduleExpressionTimezone: 'UTC',
      flexibleTimeWindow: { Mode: 'OFF' },
      target: {
        Arn: 'arn:aws:ecs:us-east-1:000000000000:cluster/c',
        RoleArn: 'arn:aws:iam::000000000000:role/r',
        EcsParameters: { TaskDefinitionArn: 'td:1' },
        DeadLetterConfig: { Arn: 'arn:aws:sqs:us-east-1:000000000000:dlq' },
        RetryPolicy: retry,
      },
      state: 'ENABLED',
      actionAfterCompletion: 'NONE',
    },
  });

  const run = async (retry: { MaximumRetryAttempts: number; MaximumEventAgeInSeconds: number }, failFirst = Infinity) => {
    const clock = createClock(2000);
    const records: InvocationRecord[] = [];
    let calls = 0;
    const runner = createScheduleRunner({
      clock,
      caller: () => ({
        call: () => {
          calls += 1;
          if (calls <= failFirst) return Promise.reject(new AwsError('ServerException', 'Server error', 500));
          return Promise.resolve({ tasks: [{ taskArn: 't' }], failures: [] });
        },
      }),
      record: (r) => records.push(r),
      completed: () => undefined,
    });
    runner.arm(schedule(retry));
    const done = await eventually(() => (records.length ? records : undefined), 30_000, 10);
    runner.close();
    clock.cancelAll();
    return { record: done[0]!, calls };
  };

  it('backs off 1 s, 2 s, 4 s … up to a minute', () => {
    assert.deepEqual([1, 2, 3, 4, 7, 8, 20].map(retryDelayMs), [1000, 2000, 4000, 8000, 60_000, 60_000, 60_000]);
  });
  it('retries a server error MaximumRetryAttempts times, then dead-letters', async () => {
    const { record, calls } = await run({ MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 86_400 });
    assert.equal(calls, 3);
    assert.equal(record.outcome, 'SENT_TO_DLQ');
    assert.equal(record.exhaustedRetryCondition, 'MaximumRetryAttempts');
    assert.equal(record.attempts, 3);
  });
  it('stops retrying when the next attempt would be older than MaximumEventAgeInSeconds', async () => {
    // Attempts at 0, 1, 3, 7, 15, 31 s; the next would be at 63 s > 60 s.
    const { record, calls } = await run({ MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 60 });
    assert.equal(calls, 6);
    assert.equal(record.exhaustedRetryCondition, 'MaximumEventAgeInSeconds');
  });
  it('succeeds on a retry', async () => {
    const { record, calls } = await run({ MaximumRetryAttempts: 5, MaximumEventAgeInSeconds: 86_400 }, 2);
    assert.equal(calls, 3);
    assert.equal(record.outcome, 'SUCCEEDED');
    assert.equal(record.attempts, 3);
  });
});
