// EventBridge Scheduler in the sandbox, judged by the AWS CLI and boto3: validation, CRUD, groups and tags.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Sandbox } from '../../../src/local/index.js';
import { createSchedulerService } from '../../../src/local/services/scheduler/scheduler-service.js';
import { awsCli, boto3, withSandbox } from '../../helpers/sandbox.js';

const ROLE = 'arn:aws:iam::000000000000:role/scheduler-role';
const CLUSTER_ARN = 'arn:aws:ecs:us-east-1:000000000000:cluster/jobs';
const target = (extra = '') => `Arn=${CLUSTER_ARN},RoleArn=${ROLE}${extra}`;

interface Json {
  [k: string]: unknown;
}

describe('EventBridge Scheduler: AWS CLI', () => {
  let sandbox: Sandbox;
  before(async () => {
    // The scheduler alone: schedules here have no cluster to reach, and only fire far in the future.
    sandbox = await withSandbox({ factories: [createSchedulerService] });
  });
  after(async () => {
    await sandbox?.close();
  });

  const create = (name: string, expression: string, extra: readonly string[] = []) =>
    awsCli(sandbox, [
      'scheduler',
      'create-schedule',
      '--name',
      name,
      '--schedule-expression',
      expression,
      '--flexible-time-window',
      'Mode=OFF',
      '--target',
      target(),
      ...extra,
    ]);

  const rejected: ReadonlyArray<readonly [string, readonly string[], RegExp]> = [
    [
      'an invalid cron expression',
      ['--schedule-expression', 'cron(0 12 * * * *)'],
      /Invalid Schedule Expression cron\(0 12 \* \* \* \*\)\./,
    ],
    ['a five-field cron expression', ['--schedule-expression', 'cron(0 12 * * ?)'], /Invalid Schedule Expression cron\(0 12 \* \* \?\)\./],
    ['an unknown time zone', ['--schedule-expression-timezone', 'Mars/Olympus'], /Invalid timezone Mars\/Olympus\./],
    [
      'a flexible window over 1440 minutes',
      ['--flexible-time-window', 'Mode=FLEXIBLE,MaximumWindowInMinutes=1441'],
      /1 validation error detected: Value '1441' at 'FlexibleTimeWindow\.MaximumWindowInMinutes' failed to satisfy constraint: Member must have value less than or equal to 1440/,
    ],
    ['a flexible window without its size', ['--flexible-time-window', 'Mode=FLEXIBLE'], /MaximumWindowInMinutes is required/],
    [
      'a retry policy out of range',
      // (the AWS CLI checks minimums itself; maximums are the service's to check)
      ['--target', target(',RetryPolicy={MaximumRetryAttempts=186,MaximumEventAgeInSeconds=86401}')],
      /2 validation errors detected: .*'Target\.RetryPolicy\.MaximumEventAgeInSeconds'.*less than or equal to 86400.*'Target\.RetryPolicy\.MaximumRetryAttempts'.*less than or equal to 185/,
    ],
    [
      'a role that is not an IAM role ARN',
      ['--target', `Arn=${CLUSTER_ARN},RoleArn=scheduler-role`],
      /at 'Target\.RoleArn' failed to satisfy constraint: Member must satisfy regular expression pattern/,
    ],
    [
      'an unknown state',
      ['--state', 'PAUSED'],
      /at 'State' failed to satisfy constraint: Member must satisfy enum value set: \[ENABLED, DISABLED\]/,
    ],
    ['a group that does not exist', ['--group-name', 'nope'], /\(ResourceNotFoundException\).*Schedule group nope does not exist\./],
  ];
  for (const [what, args, message] of rejected)
    it(`rejects ${what}`, async () => {
      const base = ['--schedule-expression', 'rate(5 minutes)', '--flexible-time-window', 'Mode=OFF', '--target', target()];
      // The case's flags replace the base ones (the AWS CLI refuses a flag given twice).
      const merged = [...base];
      for (let i = 0; i < args.length; i += 2) {
        const at = merged.indexOf(args[i]!);
        if (at >= 0) merged[at + 1] = args[i + 1]!;
        else merged.push(args[i]!, args[i + 1]!);
      }
      const r = await awsCli(sandbox, ['scheduler', 'create-schedule', '--name', 'bad', ...merged]);
      assert.notEqual(r.code, 0);
      assert.match(r.stderr, message);
      if (!/ResourceNotFound/.test(message.source)) assert.match(r.stderr, /\(ValidationException\)/);
    });

  it('created nothing for the rejected requests', async () => {
    const get = await awsCli(sandbox, ['scheduler', 'get-schedule', '--name', 'bad']);
    assert.match(get.stderr, /\(ResourceNotFoundException\).*Schedule bad does not exist\./);
  });

  it('creates, reads back with defaults, updates (full replace) and deletes a schedule', async () => {
    const input = JSON.stringify({ containerOverrides: [{ name: 'app', command: ['report', '--daily'] }] });
    const created = await create('nightly', 'cron(30 2 * * ? *)', [
      '--schedule-expression-timezone',
      'Europe/Berlin',
      '--description',
      'nightly report',
      '--target',
      JSON.stringify({
        Arn: CLUSTER_ARN,
        RoleArn: ROLE,
        Input: input,
        EcsParameters: {
          TaskDefinitionArn: 'arn:aws:ecs:us-east-1:000000000000:task-definition/report:3',
          TaskCount: 2,
          LaunchType: 'FARGATE',
        },
      }),
    ]);
    assert.equal(created.code, 0, created.stderr);
    assert.deepEqual(created.json, { ScheduleArn: 'arn:aws:scheduler:us-east-1:000000000000:schedule/default/nightly' });
    const got = (await awsCli(sandbox, ['scheduler', 'get-schedule', '--name', 'nightly'])).json as Json;
    assert.equal(got.ScheduleExpressionTimezone, 'Europe/Berlin');
    assert.equal(got.GroupName, 'default');
    assert.equal(got.State, 'ENABLED');
    assert.equal(got.ActionAfterCompletion, 'NONE');
    assert.equal(got.Description, 'nightly report');
    assert.deepEqual(got.FlexibleTimeWindow, { Mode: 'OFF' });
    const t = got.Target as Json;
    assert.deepEqual(t.RetryPolicy, { MaximumEventAgeInSeconds: 86400, MaximumRetryAttempts: 185 });
    assert.equal(t.Input, input);
    assert.deepEqual(t.EcsParameters, {
      TaskDefinitionArn: 'arn:aws:ecs:us-east-1:000000000000:task-definition/report:3',
      TaskCount: 2,
      LaunchType: 'FARGATE',
    });
    assert.equal(typeof got.CreationDate, 'number');

    const updated = await awsCli(sandbox, [
      'scheduler',
      'update-schedule',
      '--name',
      'nightly',
      '--schedule-expression',
      'rate(1 day)',
      '--flexible-time-window',
      'Mode=FLEXIBLE,MaximumWindowInMinutes=15',
      '--target',
      target(),
      '--state',
      'DISABLED',
    ]);
    assert.equal(updated.code, 0, updated.stderr);
    const again = (await awsCli(sandbox, ['scheduler', 'get-schedule', '--name', 'nightly'])).json as Json;
    assert.equal(again.ScheduleExpression, 'rate(1 day)');
    assert.equal(again.ScheduleExpressionTimezone, 'UTC', 'what the update left out is back to its default');
    assert.equal(again.Description, undefined);
    assert.equal(again.State, 'DISABLED');
    assert.deepEqual(again.FlexibleTimeWindow, { Mode: 'FLEXIBLE', MaximumWindowInMinutes: 15 });

    const dup = await create('nightly', 'rate(1 hour)');
    assert.match(dup.stderr, /\(ConflictException\).*Schedule nightly already exists\./);
    assert.equal((await awsCli(sandbox, ['scheduler', 'delete-schedule', '--name', 'nightly'])).code, 0);
    const gone = await awsCli(sandbox, ['scheduler', 'delete-schedule', '--name', 'nightly']);
    assert.match(gone.stderr, /\(ResourceNotFoundException\).*Schedule nightly does not exist\./);
  });

  it('lists schedules by group, prefix and state, page by page', async () => {
    assert.equal((await awsCli(sandbox, ['scheduler', 'create-schedule-group', '--name', 'batch'])).code, 0);
    for (const n of ['job-a', 'job-b', 'job-c']) assert.equal((await create(n, 'rate(1 hour)', ['--group-name', 'batch'])).code, 0);
    assert.equal((await create('other', 'rate(1 hour)', ['--state', 'DISABLED'])).code, 0);
    const page = await awsCli(sandbox, ['scheduler', 'list-schedules', '--group-name', 'batch', '--max-results', '2', '--no-paginate']);
    const first = page.json as { Schedules: Json[]; NextToken?: string };
    assert.deepEqual(
      first.Schedules.map((s) => s.Name),
      ['job-a', 'job-b'],
    );
    assert.ok(first.NextToken);
    const all = (await awsCli(sandbox, ['scheduler', 'list-schedules', '--group-name', 'batch', '--page-size', '1'])).json as {
      Schedules: Json[];
    };
    assert.deepEqual(
      all.Schedules.map((s) => s.Name),
      ['job-a', 'job-b', 'job-c'],
    );
    assert.deepEqual(Object.keys(all.Schedules[0]!).sort(), [
      'Arn',
      'CreationDate',
      'GroupName',
      'LastModificationDate',
      'Name',
      'State',
      'Target',
    ]);
    const disabled = (await awsCli(sandbox, ['scheduler', 'list-schedules', '--state', 'DISABLED'])).json as { Schedules: Json[] };
    assert.deepEqual(
      disabled.Schedules.map((s) => s.Name),
      ['other'],
    );
    const prefixed = (await awsCli(sandbox, ['scheduler', 'list-schedules', '--name-prefix', 'job-b'])).json as { Schedules: Json[] };
    assert.deepEqual(
      prefixed.Schedules.map((s) => `${String(s.GroupName)}/${String(s.Name)}`),
      ['batch/job-b'],
    );
    const wrongGroup = await awsCli(sandbox, ['scheduler', 'get-schedule', '--name', 'job-a']);
    assert.match(wrongGroup.stderr, /Schedule job-a does not exist\./, 'a schedule is found only in its own group');
  });

  it('schedule groups: the default exists, tags on groups, deleting a group deletes its schedules', async () => {
    const created = await awsCli(sandbox, ['scheduler', 'create-schedule-group', '--name', 'tagged', '--tags', 'Key=owner,Value=cortado']);
    assert.equal(created.code, 0, created.stderr);
    const arn = (created.json as Json).ScheduleGroupArn as string;
    assert.equal(arn, 'arn:aws:scheduler:us-east-1:000000000000:schedule-group/tagged');
    assert.equal((await awsCli(sandbox, ['scheduler', 'tag-resource', '--resource-arn', arn, '--tags', 'Key=env,Value=dev'])).code, 0);
    assert.equal((await awsCli(sandbox, ['scheduler', 'untag-resource', '--resource-arn', arn, '--tag-keys', 'owner'])).code, 0);
    const tags = (await awsCli(sandbox, ['scheduler', 'list-tags-for-resource', '--resource-arn', arn])).json as Json;
    assert.deepEqual(tags, { Tags: [{ Key: 'env', Value: 'dev' }] });
    const dup = await awsCli(sandbox, ['scheduler', 'create-schedule-group', '--name', 'tagged']);
    assert.match(dup.stderr, /\(ConflictException\)/);
    const groups = (await awsCli(sandbox, ['scheduler', 'list-schedule-groups'])).json as { ScheduleGroups: Json[] };
    const def = groups.ScheduleGroups.find((g) => g.Name === 'default');
    assert.deepEqual(def, { Arn: 'arn:aws:scheduler:us-east-1:000000000000:schedule-group/default', Name: 'default', State: 'ACTIVE' });
    assert.equal((await create('in-tagged', 'rate(1 hour)', ['--group-name', 'tagged'])).code, 0);
    assert.equal((await awsCli(sandbox, ['scheduler', 'delete-schedule-group', '--name', 'tagged'])).code, 0);
    const gone = await awsCli(sandbox, ['scheduler', 'get-schedule', '--name', 'in-tagged', '--group-name', 'tagged']);
    assert.match(gone.stderr, /ResourceNotFoundException/);
    const noDefault = await awsCli(sandbox, ['scheduler', 'delete-schedule-group', '--name', 'default']);
    assert.match(noDefault.stderr, /\(ValidationException\)/);
    const noTags = await awsCli(sandbox, ['scheduler', 'list-tags-for-resource', '--resource-arn', `${arn}-none`]);
    assert.match(noTags.stderr, /\(ResourceNotFoundException\).*Schedule group tagged-none does not exist\./);
  });
});

describe('EventBridge Scheduler: boto3', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await withSandbox({ factories: [createSchedulerService] });
  });
  after(async () => {
    await sandbox?.close();
  });

  it('round-trips a schedule, paginates ListSchedules, and raises modelled exceptions', async () => {
    const r = await boto3(
      sandbox,
      `from datetime import datetime, timezone, timedelta
s=boto3.client('scheduler',endpoint_url=endpoint,region_name=region)
out={}
start=datetime.now(timezone.utc)+timedelta(hours=1)
for i in range(5):
    s.create_schedule(Name=f'b{i}',ScheduleExpression='cron(0 9 ? * MON-FRI *)',ScheduleExpressionTimezone='Asia/Tokyo',
        StartDate=start,FlexibleTimeWindow={'Mode':'FLEXIBLE','MaximumWindowInMinutes':5},
        Target={'Arn':'${CLUSTER_ARN}','RoleArn':'${ROLE}','EcsParameters':{'TaskDefinitionArn':'td:1','Tags':[{'team':'data'}]},
                'DeadLetterConfig':{'Arn':'arn:aws:sqs:us-east-1:000000000000:dlq'},'RetryPolicy':{'MaximumRetryAttempts':3,'MaximumEventAgeInSeconds':600}},
        ActionAfterCompletion='NONE')
g=s.get_schedule(Name='b0')
out['start']=abs((g['StartDate']-start).total_seconds())<1
out['retry']=g['Target']['RetryPolicy']
out['tags']=g['Target']['EcsParameters']['Tags']
names=[x['Name'] for p in s.get_paginator('list_schedules').paginate(PaginationConfig={'PageSize':2}) for x in p['Schedules']]
out['names']=names
for call in [lambda: s.get_schedule(Name='nope'), lambda: s.create_schedule(Name='b0',ScheduleExpression='rate(1 hour)',FlexibleTimeWindow={'Mode':'OFF'},Target={'Arn':'${CLUSTER_ARN}','RoleArn':'${ROLE}'}),
             lambda: s.create_schedule(Name='x',ScheduleExpression='at(2026-02-30T00:00:00)',FlexibleTimeWindow={'Mode':'OFF'},Target={'Arn':'${CLUSTER_ARN}','RoleArn':'${ROLE}'}),
             lambda: s.create_schedule(Name='y',ScheduleExpression='rate(1 hour)',StartDate=datetime.now(timezone.utc)-timedelta(hours=1),FlexibleTimeWindow={'Mode':'OFF'},Target={'Arn':'${CLUSTER_ARN}','RoleArn':'${ROLE}'})]:
    try:
        call(); out.setdefault('errors',[]).append('none')
    except (s.exceptions.ResourceNotFoundException, s.exceptions.ConflictException, s.exceptions.ValidationException) as e:
        out.setdefault('errors',[]).append([e.response['Error']['Code'], e.response['Error']['Message'], e.response['ResponseMetadata']['HTTPStatusCode']])
print(json.dumps(out))`,
    );
    assert.equal(r.code, 0, r.stderr);
    const out = r.json as Json;
    assert.equal(out.start, true);
    assert.deepEqual(out.retry, { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 600 });
    assert.deepEqual(out.tags, [{ team: 'data' }]);
    assert.deepEqual(out.names, ['b0', 'b1', 'b2', 'b3', 'b4']);
    assert.deepEqual(out.errors, [
      ['ResourceNotFoundException', 'Schedule nope does not exist.', 404],
      ['ConflictException', 'Schedule b0 already exists.', 409],
      ['ValidationException', 'Invalid Schedule Expression at(2026-02-30T00:00:00).', 400],
      ['ValidationException', 'The StartDate you specify cannot be earlier than 5 minutes ago.', 400],
    ]);
  });
});
