// apply/diff/prune/delete against an in-memory AWS: what is created, that a second apply changes nothing, that prune touches only
// cortado's group, and that bad input stops before any write.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CortadoError, UsageError } from '../../src/core/errors.js';
import { exitCodeOfError } from '../../src/core/exit-codes.js';
import { applySchedules, deleteJobSchedule, planApply } from '../../src/schedules/apply-schedules.js';
import { CLUSTER_ARN, depsOf, fakeAws, specOf } from './fake-aws.js';

const WRITES = /:(Create|Update|Delete|Put|Tag)/;
const writes = (calls: readonly string[]) => calls.filter((c) => WRITES.test(c));

const section = {
  jobs: {
    nightly: { schedule: 'cron(30 2 * * ? *)', timezone: 'Europe/Paris', command: ['bin/report'], environment: { B: '2', A: '1' } },
    minutely: { schedule: 'rate(1 minute)', flexible_window: '5m', tags: { team: 'data' } },
  },
};

test('apply creates the group (tagged), the role, the history log group and rule, and every schedule; a second apply changes nothing', async () => {
  const fake = fakeAws();
  const deps = depsOf(fake, specOf(section));
  const first = await applySchedules(deps);
  assert.equal(first.changed, true);
  assert.deepEqual(
    first.changes.map((c) => `${c.kind} ${c.resource} ${c.name}`),
    [
      'create schedule-group cortado-web',
      'create role cortado-scheduler-cortado-web',
      'create role-policy cortado-scheduler-cortado-web',
      'create log-group /aws/events/cortado/cortado-web',
      'update retention /aws/events/cortado/cortado-web',
      'update log-policy cortado-events-to-logs',
      'update rule cortado-history-cortado-web',
      'update rule-target cortado-history-cortado-web',
      'create schedule nightly',
      'create schedule minutely',
    ],
  );
  assert.deepEqual(fake.groups.get('cortado-web')!.tags, [
    { Key: 'cortado:managed-by', Value: 'cortado' },
    { Key: 'cortado:owner', Value: 'main/web' },
  ]);
  const rule = fake.rules.get('cortado-history-cortado-web')!;
  assert.deepEqual(JSON.parse(rule.pattern).detail, {
    clusterArn: [CLUSTER_ARN],
    group: [{ prefix: 'cortado:cortado-web:' }],
    lastStatus: ['STOPPED'],
  });
  assert.equal(rule.targets[0]!.Arn, 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/events/cortado/cortado-web');
  const policy = JSON.parse(fake.roles.get('cortado-scheduler-cortado-web')!.policies.get('cortado-scheduler')!);
  assert.deepEqual(policy.Statement[0].Resource, ['arn:aws:ecs:us-east-1:123456789012:task-definition/app:*']);
  assert.deepEqual(policy.Statement[2].Resource, ['arn:aws:iam::123456789012:role/app-exec', 'arn:aws:iam::123456789012:role/app-task']);

  const nightly = fake.schedules.get('cortado-web/nightly')! as {
    Target: { EcsParameters: Record<string, unknown>; Input: string; Arn: string; RoleArn: string };
  } & Record<string, unknown>;
  assert.equal(nightly.ScheduleExpressionTimezone, 'Europe/Paris');
  assert.deepEqual(nightly.FlexibleTimeWindow, { Mode: 'OFF' });
  assert.equal(nightly.Target.Arn, CLUSTER_ARN);
  assert.equal(nightly.Target.RoleArn, 'arn:aws:iam::123456789012:role/cortado-scheduler-cortado-web');
  assert.equal(nightly.Target.EcsParameters.TaskDefinitionArn, 'arn:aws:ecs:us-east-1:123456789012:task-definition/app:7');
  assert.equal(nightly.Target.EcsParameters.LaunchType, 'FARGATE');
  assert.equal(nightly.Target.EcsParameters.Group, 'cortado:cortado-web:nightly');
  assert.deepEqual(nightly.Target.EcsParameters.NetworkConfiguration, {
    awsvpcConfiguration: { Subnets: ['subnet-1'], SecurityGroups: ['sg-1'], AssignPublicIp: 'DISABLED' },
  });
  // The job's command goes to the first essential container; environment sorted by name.
  assert.deepEqual(JSON.parse(nightly.Target.Input), {
    containerOverrides: [
      {
        name: 'app',
        command: ['bin/report'],
        environment: [
          { name: 'A', value: '1' },
          { name: 'B', value: '2' },
        ],
      },
    ],
  });
  const minutely = fake.schedules.get('cortado-web/minutely')! as {
    FlexibleTimeWindow: unknown;
    Target: { EcsParameters: { Tags: unknown } };
  };
  assert.deepEqual(minutely.FlexibleTimeWindow, { Mode: 'FLEXIBLE', MaximumWindowInMinutes: 5 });
  assert.deepEqual(minutely.Target.EcsParameters.Tags, [
    { 'cortado:schedule': 'minutely' },
    { 'cortado:schedule-group': 'cortado-web' },
    { team: 'data' },
  ]);

  fake.calls.length = 0;
  const second = await applySchedules(deps);
  assert.equal(second.changed, false);
  assert.deepEqual(second.changes, []);
  assert.deepEqual(writes(fake.calls), []);
});

test('diff shows a changed schedule as a unified diff, and apply updates only it', async () => {
  const fake = fakeAws();
  await applySchedules(depsOf(fake, specOf(section)));
  const changed = specOf({ jobs: { ...section.jobs, nightly: { ...section.jobs.nightly, schedule: 'cron(0 4 * * ? *)' } } });
  const plan = await planApply(depsOf(fake, changed));
  const nightly = plan.schedules.find((s) => s.name === 'nightly')!;
  assert.equal(nightly.kind, 'update');
  assert.ok('diff' in nightly);
  assert.match(nightly.diff.unified, /-\s+"ScheduleExpression": "cron\(30 2 \* \* \? \*\)"/);
  assert.match(nightly.diff.unified, /\+\s+"ScheduleExpression": "cron\(0 4 \* \* \? \*\)"/);
  assert.deepEqual(
    nightly.diff.changes.map((c) => c.path),
    ['ScheduleExpression'],
  );
  assert.equal(plan.schedules.find((s) => s.name === 'minutely')!.kind, 'unchanged');
  fake.calls.length = 0;
  await applySchedules(depsOf(fake, changed));
  assert.deepEqual(writes(fake.calls), ['scheduler:UpdateSchedule']);
});

test('prune deletes only the schedules of cortado group that left the file; without --prune they are only reported; other groups are never touched', async () => {
  const fake = fakeAws();
  await applySchedules(depsOf(fake, specOf(section)));
  fake.schedules.set('default/not-ours', { Name: 'not-ours', GroupName: 'default' });
  fake.schedules.set('other-team/theirs', { Name: 'theirs', GroupName: 'other-team' });
  const fewer = specOf({ jobs: { nightly: section.jobs.nightly } });
  const kept = await applySchedules(depsOf(fake, fewer));
  assert.deepEqual(kept.strays, ['minutely']);
  assert.ok(fake.schedules.has('cortado-web/minutely'));
  const pruned = await applySchedules(depsOf(fake, fewer), { prune: true });
  assert.deepEqual(
    pruned.changes.map((c) => `${c.kind} ${c.name}`),
    ['delete minutely'],
  );
  assert.deepEqual([...fake.schedules.keys()].sort(), ['cortado-web/nightly', 'default/not-ours', 'other-team/theirs']);
});

test('a group with the name that cortado did not create (or another config owns) is refused before any write (exit 2)', async () => {
  for (const tags of [
    [],
    [
      { Key: 'cortado:managed-by', Value: 'cortado' },
      { Key: 'cortado:owner', Value: 'main/other' },
    ],
  ]) {
    const fake = fakeAws();
    fake.groups.set('cortado-web', { arn: 'arn:aws:scheduler:us-east-1:123456789012:schedule-group/cortado-web', tags });
    fake.schedules.set('cortado-web/theirs', { Name: 'theirs', GroupName: 'cortado-web' });
    await assert.rejects(applySchedules(depsOf(fake, specOf(section)), { prune: true }), (e: unknown) => {
      assert.ok(e instanceof CortadoError && e.code === 'SCHEDULE_GROUP_NOT_MANAGED', String(e));
      assert.equal(exitCodeOfError(e), 2);
      return true;
    });
    assert.deepEqual(writes(fake.calls), []);
    assert.ok(fake.schedules.has('cortado-web/theirs'));
  }
});

test('a missing task definition, or an unknown container, is bad input naming the job and field, before any write', async () => {
  const cases: [unknown, string, RegExp][] = [
    [
      { jobs: { a: { schedule: 'rate(1 hour)', task_definition: 'nope' } } },
      'schedules.jobs.a.task_definition',
      /nope is not an ACTIVE task definition/,
    ],
    [
      { jobs: { a: { schedule: 'rate(1 hour)', container: 'ap', command: ['x'] } } },
      'schedules.jobs.a.container',
      /no container "ap" in app:7 \(did you mean "app"\?\)/,
    ],
  ];
  for (const [raw, field, message] of cases) {
    const fake = fakeAws();
    await assert.rejects(applySchedules(depsOf(fake, specOf(raw))), (e: unknown) => {
      assert.ok(e instanceof UsageError, String(e));
      assert.equal(e.field, field);
      assert.match(e.message, message);
      return true;
    });
    assert.deepEqual(writes(fake.calls), []);
  }
});

test('--dry-run lists the changes and writes nothing; delete removes one schedule of cortado group only', async () => {
  const fake = fakeAws();
  const dry = await applySchedules(depsOf(fake, specOf(section)), { dryRun: true });
  assert.equal(dry.changes.length, 10);
  assert.deepEqual(writes(fake.calls), []);
  await applySchedules(depsOf(fake, specOf(section)));
  await deleteJobSchedule(depsOf(fake, specOf(section)), 'nightly', false);
  assert.ok(!fake.schedules.has('cortado-web/nightly'));
  await assert.rejects(
    deleteJobSchedule(depsOf(fake, specOf(section)), 'nightly', false),
    /no schedule nightly in cortado's schedule group cortado-web/,
  );
});
