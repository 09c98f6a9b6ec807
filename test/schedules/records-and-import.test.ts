// Pure pieces: runs from recorded events and DescribeTasks (merge, failure), next runs across DST, failure text, imports.
import assert from 'node:assert/strict';
import { describe, it, test } from 'node:test';
import { failureText } from '../../src/schedules/check-failures.js';
import { historyPolicyResource, withHistoryResource } from '../../src/schedules/history-setup.js';
import { resourceCovers } from '../../src/aws/policy-document.js';
import { fromEcschedule, fromRules } from '../../src/schedules/import-jobs.js';
import { nextRunOf } from '../../src/schedules/list-jobs.js';
import { consoleLogUrl, failed, mergeRuns, runOf, taskOfEvent } from '../../src/schedules/run-records.js';
import { specOf } from './fake-aws.js';

const TASK = 'arn:aws:ecs:us-east-1:123456789012:task/main/0123456789abcdef';
const event = (lastStatus: string, exitCode?: number) =>
  JSON.stringify({
    'detail-type': 'ECS Task State Change',
    source: 'aws.ecs',
    detail: {
      taskArn: TASK,
      group: 'cortado:g:nightly',
      lastStatus,
      startedAt: '2026-12-06T02:30:01.000Z',
      stoppedAt: '2026-12-06T02:31:00.000Z',
      stoppedReason: 'Essential container in task exited',
      containers: [
        { name: 'sidecar', exitCode: 0 },
        { name: 'app', ...(exitCode !== undefined ? { exitCode } : {}) },
      ],
    },
  });

test('a recorded event is a run of its job; the failing container stands for it; other groups and other events are ignored', () => {
  const run = runOf('g', taskOfEvent(event('STOPPED', 3))!, 'history')!;
  assert.deepEqual([run.job, run.container, run.exitCode, run.taskId], ['nightly', 'app', 3, '0123456789abcdef']);
  assert.ok(failed(run));
  assert.equal(runOf('other', taskOfEvent(event('STOPPED', 3))!, 'history'), undefined);
  assert.equal(taskOfEvent('{"detail-type":"ECS Service Action"}'), undefined);
  assert.equal(taskOfEvent('not json'), undefined);
  const noExit = runOf('g', { ...taskOfEvent(event('STOPPED'))!, containers: [{ name: 'app' }] }, 'ecs')!;
  assert.ok(failed(noExit), 'stopped without an exit code is a failure');
  assert.ok(!failed(runOf('g', taskOfEvent(event('STOPPED', 0))!, 'history')!));
});

test('merge: one run per task, STOPPED beats RUNNING, newest first', () => {
  const stopped = runOf('g', taskOfEvent(event('STOPPED', 0))!, 'history')!;
  const running = { ...stopped, status: 'RUNNING', source: 'ecs' as const };
  const older = { ...stopped, taskArn: `${TASK}0`, taskId: 'older', startedAt: '2026-12-05T02:30:00.000Z' };
  assert.deepEqual(
    mergeRuns([running, older, stopped]).map((r) => `${r.taskId} ${r.status}`),
    ['0123456789abcdef STOPPED', 'older STOPPED'],
  );
});

test('next run: in the job zone, skipping the 02:30 that does not exist on the day clocks spring forward', () => {
  const s = { ScheduleExpression: 'cron(30 2 * * ? *)', ScheduleExpressionTimezone: 'Europe/Paris', State: 'ENABLED' as const };
  // 2027-03-28: Paris jumps from 02:00 to 03:00; the next 02:30 is on the 29th (00:30 UTC, CEST).
  assert.equal(nextRunOf(s, new Date('2027-03-27T12:00:00Z'))?.toISOString(), '2027-03-29T00:30:00.000Z');
  assert.equal(nextRunOf({ ...s, State: 'DISABLED' }, new Date('2027-03-27T12:00:00Z')), undefined);
  const rate = { ScheduleExpression: 'rate(1 hour)', CreationDate: new Date('2026-12-06T00:10:00Z'), State: 'ENABLED' as const };
  assert.equal(nextRunOf(rate, new Date('2026-12-06T05:00:00Z'))?.toISOString(), '2026-12-06T05:10:00.000Z');
});

test('failure text names the job, the exit code, the reason, the last line and the logs', () => {
  const run = runOf('g', taskOfEvent(event('STOPPED', 3))!, 'history')!;
  const text = failureText('g', {
    ...run,
    lastLine: 'report: no data',
    logs: { group: '/ecs/app', stream: 's/app/x', url: consoleLogUrl('us-east-1', '/ecs/app', 's/app/x') },
  });
  assert.match(
    text,
    /^cortado schedule g\/nightly: task 0123456789abcdef exited with code 3 at 2026-12-06T02:31:00.000Z — Essential container/,
  );
  assert.match(text, /last line: report: no data/);
  assert.match(text, /log-group\/\$252Fecs\$252Fapp\/log-events\/s\$252Fapp\$252Fx/);
});

test('ecschedule README configuration imports as jobs that parse, with what cannot be carried said', () => {
  const doc = {
    region: 'us-east-1',
    cluster: 'api',
    role: 'ecsEventsRole',
    rules: [
      {
        name: 'hoge-task-name',
        description: 'hoge description',
        scheduleExpression: 'cron(0 0 * * ? *)',
        taskDefinition: 'task1',
        group: 'xxx',
        platform_version: '1.4.0',
        launch_type: 'FARGATE',
        network_configuration: { aws_vpc_configuration: { subnets: ['subnet-a'], security_groups: ['sg-1'], assign_public_ip: 'ENABLED' } },
        containerOverrides: [
          { name: 'container1', command: ['subcmd', 'argument'], environment: { HOGE_ENV: 'HOGEGE' }, memoryReservation: 512 },
        ],
        dead_letter_config: { sqs: 'queue1' },
        propagateTags: 'TASK_DEFINITION',
      },
      { name: 'off', scheduleExpression: 'rate(5 minutes)', taskDefinition: 'task2', disabled: true },
      { name: 'bad name!', scheduleExpression: 'rate(1 hour)', taskDefinition: 'x' },
    ],
  };
  const r = fromEcschedule(doc, 'api');
  assert.deepEqual(Object.keys(r.jobs), ['hoge-task-name', 'off']);
  assert.deepEqual(r.jobs['hoge-task-name'], {
    schedule: 'cron(0 0 * * ? *)',
    timezone: 'UTC',
    description: 'hoge description',
    task_definition: 'task1',
    containers: { container1: { command: ['subcmd', 'argument'], environment: { HOGE_ENV: 'HOGEGE' } } },
    launch_type: 'FARGATE',
    platform_version: '1.4.0',
    network_configuration: { awsvpcConfiguration: { subnets: ['subnet-a'], securityGroups: ['sg-1'], assignPublicIp: 'ENABLED' } },
  });
  assert.equal(r.jobs.off!.enabled, false);
  for (const said of [/role/, /group xxx/, /propagateTags/, /queue1 is a queue name/, /memoryReservation/, /"bad name!"/])
    assert.ok(
      r.skipped.some((s) => said.test(s)),
      `${said} in ${r.skipped.join('\n')}`,
    );
  // What import prints is a valid schedules: section.
  const spec = specOf({ jobs: r.jobs });
  assert.equal(spec.jobs.length, 2);
});

test('EventBridge rules with ECS targets import as jobs (Input overrides, retry, DLQ, state); other targets are left out', () => {
  const r = fromRules([
    {
      rule: { Name: 'nightly', ScheduleExpression: 'cron(0 18 * * ? *)', State: 'DISABLED' },
      targets: [
        {
          Id: 't',
          Arn: 'arn:aws:ecs:us-east-1:1:cluster/main',
          Input: JSON.stringify({ containerOverrides: [{ name: 'app', command: ['run'], environment: [{ name: 'A', value: '1' }] }] }),
          RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 600 },
          DeadLetterConfig: { Arn: 'arn:aws:sqs:us-east-1:123456789012:dlq' },
          EcsParameters: { TaskDefinitionArn: 'arn:aws:ecs:us-east-1:1:task-definition/app:3', TaskCount: 2 },
        },
      ],
    },
    { rule: { Name: 'lambda-only', ScheduleExpression: 'rate(1 hour)' }, targets: [{ Id: 'l', Arn: 'arn:aws:lambda:x' }] },
    { rule: { Name: 'pattern', EventPattern: '{}' }, targets: [] },
  ]);
  assert.deepEqual(r.jobs, {
    nightly: {
      schedule: 'cron(0 18 * * ? *)',
      timezone: 'UTC',
      task_definition: 'arn:aws:ecs:us-east-1:1:task-definition/app:3',
      containers: { app: { command: ['run'], environment: { A: '1' } } },
      count: 2,
      dead_letter_queue: 'arn:aws:sqs:us-east-1:123456789012:dlq',
      retry: { attempts: 2, max_age: '600s' },
      enabled: false,
    },
  });
  assert.equal(specOf({ jobs: r.jobs }).jobs[0]!.retry.maxAgeSeconds, 600);
});

describe('the history log group resource policy', () => {
  it('is created with one statement for EventBridge, extended for another group, and unchanged when already there', () => {
    const first = withHistoryResource(undefined, 'arn:aws:logs:us-east-1:1:log-group:/aws/events/cortado/a:*');
    assert.equal(first.changed, true);
    const second = withHistoryResource(first.document, 'arn:aws:logs:us-east-1:1:log-group:/aws/events/cortado/b:*');
    assert.equal(second.changed, true);
    const st = (JSON.parse(second.document) as { Statement: { Resource: string[]; Principal: { Service: string[] } }[] }).Statement;
    assert.equal(st.length, 1);
    assert.deepEqual(st[0]!.Resource, [
      'arn:aws:logs:us-east-1:1:log-group:/aws/events/cortado/a:*',
      'arn:aws:logs:us-east-1:1:log-group:/aws/events/cortado/b:*',
    ]);
    assert.ok(st[0]!.Principal.Service.includes('events.amazonaws.com'));
    assert.deepEqual(withHistoryResource(second.document, 'arn:aws:logs:us-east-1:1:log-group:/aws/events/cortado/a:*'), {
      document: second.document,
      changed: false,
    });
  });

  it('covers the default history log groups with one pattern, which replaces their ARNs and covers every later group', () => {
    const arn = (g: string) => `arn:aws:logs:us-east-1:1:log-group:/aws/events/cortado/${g}`;
    const pattern = historyPolicyResource(arn('a'), '/aws/events/cortado/a');
    assert.equal(pattern, 'arn:aws:logs:us-east-1:1:log-group:/aws/events/cortado/*:*');
    assert.equal(historyPolicyResource('arn:aws:logs:us-east-1:1:log-group:mine', 'mine'), 'arn:aws:logs:us-east-1:1:log-group:mine:*');
    const old = withHistoryResource(withHistoryResource(undefined, 'arn:x:custom:*').document, `${arn('a')}:*`).document;
    const next = withHistoryResource(old, `${arn('b')}:*`, pattern);
    assert.equal(next.changed, true);
    const st = (JSON.parse(next.document) as { Statement: { Resource: string[] }[] }).Statement;
    assert.deepEqual(st[0]!.Resource, ['arn:aws:logs:us-east-1:1:log-group:/aws/events/cortado/*:*', 'arn:x:custom:*']);
    assert.equal(withHistoryResource(next.document, `${arn('c')}:*`, pattern).changed, false);
    assert.equal(withHistoryResource(next.document, 'arn:aws:logs:us-east-1:1:log-group:other:*').changed, true);
  });

  it('reads IAM wildcards in resources', () => {
    assert.equal(resourceCovers('arn:a:*:x', 'arn:a:b:c:x'), true);
    assert.equal(resourceCovers('arn:a:?:x', 'arn:a:b:x'), true);
    assert.equal(resourceCovers('arn:a:?:x', 'arn:a:bc:x'), false);
    assert.equal(resourceCovers('arn:a.b', 'arn:aXb'), false);
    assert.equal(resourceCovers('arn:a:b', 'arn:a:b'), true);
  });

  it("keeps other statements of the account's policy", () => {
    const other = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'Theirs', Effect: 'Allow', Resource: '*' }] });
    const next = JSON.parse(withHistoryResource(other, 'arn:x:*').document) as { Statement: { Sid: string }[] };
    assert.deepEqual(
      next.Statement.map((s) => s.Sid),
      ['Theirs', 'CortadoScheduleHistory'],
    );
  });
});
