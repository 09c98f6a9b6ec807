// iam-policy: actions per command, service-scoped resources, and what the config's templates and assume-role add.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ALL_COMMANDS, checkCommands, COMMAND_CALLS, iamAction, LOCAL_ONLY } from '../../src/deploy/iam-actions.js';
import { buildPolicy, configFeatures } from '../../src/deploy/iam-policy.js';
import { validateConfig } from '../../src/config/validate-config.js';
import { actorKey, assertCallsInTable, commandOf } from '../helpers/iam-coverage.js';

const none = { usesSsm: false, usesSecretsManager: false, tfstateObjects: [] };
const actions = (p: ReturnType<typeof buildPolicy>) => p.Statement.flatMap((s) => s.Action);

test('API calls map to IAM actions', () => {
  assert.equal(iamAction('ecs', 'UpdateService'), 'ecs:UpdateService');
  assert.equal(iamAction('elbv2', 'DescribeTargetGroups'), 'elasticloadbalancing:DescribeTargetGroups');
  assert.equal(iamAction('application-autoscaling', 'RegisterScalableTarget'), 'application-autoscaling:RegisterScalableTarget');
  assert.equal(iamAction('s3', 'HeadObject'), 's3:GetObject');
  assert.equal(iamAction('cloudwatch', 'GetMetricData'), 'cloudwatch:GetMetricData');
  assert.equal(iamAction('route53', 'ChangeResourceRecordSets'), 'route53:ChangeResourceRecordSets');
  assert.throws(() => iamAction('kinesis', 'X'), /no IAM prefix/);
});

test('status needs only reads, scoped to the service where IAM allows it', () => {
  const p = buildPolicy(['status'], { ...none, region: 'us-east-1', cluster: 'prod', service: 'web' });
  assert.deepEqual(p.Statement, [
    {
      Sid: 'Service',
      Effect: 'Allow',
      // DescribeExpressGatewayService: status of an Express service.
      Action: ['ecs:DescribeExpressGatewayService', 'ecs:DescribeServices'],
      Resource: 'arn:aws:ecs:us-east-1:*:service/prod/web',
    },
    { Sid: 'Read', Effect: 'Allow', Action: ['ecs:DescribeTasks', 'ecs:ListTasks'], Resource: '*' },
  ]);
});

test('deploy and run pass roles; run is scoped to the family; every listed call is in the policy', () => {
  const p = buildPolicy(['deploy', 'run'], { ...none, family: 'web', cluster: 'c', service: 's' });
  const all = actions(p);
  for (const call of [...COMMAND_CALLS.deploy!, ...COMMAND_CALLS.run!]) {
    const [svc, op] = call.split(':');
    assert.ok(all.includes(iamAction(svc!, op!)), call);
  }
  assert.ok(
    p.Statement.some((s) => s.Sid === 'PassTaskRoles' && s.Condition?.StringEquals?.['iam:PassedToService'] === 'ecs-tasks.amazonaws.com'),
  );
  assert.deepEqual(p.Statement.find((s) => s.Sid === 'RunTask')?.Resource, 'arn:aws:ecs:*:*:task-definition/web:*');
});

test('template plugins and assume-role add what they call', () => {
  const p = buildPolicy(['diff'], {
    usesSsm: true,
    usesSecretsManager: true,
    tfstateObjects: ['tf-bucket/prod/terraform.tfstate'],
    assumeRoleArn: 'arn:aws:iam::123456789012:role/deploy',
  });
  assert.ok(actions(p).includes('ssm:GetParameter'));
  assert.ok(actions(p).includes('secretsmanager:DescribeSecret'));
  assert.deepEqual(p.Statement.find((s) => s.Sid === 'TerraformState')?.Resource, ['arn:aws:s3:::tf-bucket/prod/terraform.tfstate']);
  assert.equal(p.Statement.find((s) => s.Sid === 'AssumeDeployRole')?.Resource, 'arn:aws:iam::123456789012:role/deploy');
  assert.ok(!actions(buildPolicy(['tag'], { ...none, usesSsm: true })).includes('ssm:GetParameter'));
});

test('no command means every command; an unknown one is named', () => {
  assert.ok(actions(buildPolicy([], none)).includes('ecs:ExecuteCommand'));
  assert.equal(ALL_COMMANDS.length, Object.keys(COMMAND_CALLS).length);
  assert.throws(() => buildPolicy(['deplyo'], none), /unknown command "deplyo"/);
});

test('features read from the example config without rendering', async () => {
  const here = new URL('../../examples/ecspresso/', import.meta.url).pathname;
  const { config } = validateConfig(
    {
      region: 'us-east-1',
      cluster: 'demo',
      service: 'web',
      service_definition: 'ecs-service-def.json',
      task_definition: 'ecs-task-def.json',
    },
    `${here}ecspresso.yml`,
    'yaml',
    '0.1.0',
  );
  const f = await configFeatures(config);
  assert.deepEqual(f, {
    region: 'us-east-1',
    cluster: 'demo',
    service: 'web',
    family: 'web',
    usesSsm: true,
    usesSecretsManager: false,
    tfstateObjects: [],
  });
});

test('canary, env, demo and local commands are named as they are run; a group name means all of its commands', () => {
  assert.deepEqual(checkCommands(['canary', 'start', 'deploy', 'env', 'ls']), ['canary start', 'deploy', 'env ls']);
  assert.deepEqual(checkCommands(['canary start']), ['canary start']);
  assert.deepEqual(checkCommands(['canary']), [
    'canary abort',
    'canary pause',
    'canary promote',
    'canary resume',
    'canary setup',
    'canary start',
    'canary status',
    'canary teardown',
  ]);
  assert.deepEqual(checkCommands(['env']), ['env create', 'env delete', 'env gc', 'env ls', 'env publish', 'env setup']);
  for (const c of [
    'canary start',
    'canary status',
    'canary promote',
    'canary abort',
    'canary pause',
    'canary resume',
    'env create',
    'env ls',
    'env delete',
    'env gc',
    'env publish',
    'demo',
    'local start',
    'local ls',
  ]) {
    assert.ok(c in COMMAND_CALLS, c);
  }
  for (const c of LOCAL_ONLY) assert.deepEqual(COMMAND_CALLS[c], [], `${c} calls nothing in the user's account`);
  assert.throws(() => checkCommands(['canary', 'stat']), /unknown command "stat"/);
});

test('canary and env act on other services than the configured one: their service actions are not scoped to it', () => {
  const scoped = { ...none, region: 'us-east-1', cluster: 'prod', service: 'web' };
  const canary = buildPolicy(['canary', 'start'], scoped);
  assert.equal(
    canary.Statement.find((s) => s.Sid === 'Service'),
    undefined,
  );
  assert.ok(canary.Statement.some((s) => s.Resource === '*' && s.Action.includes('ecs:UpdateService')));
  assert.ok(
    actions(canary).includes('elasticloadbalancing:ModifyRule') &&
      actions(canary).includes('ecs:ContinueServiceDeployment') &&
      actions(canary).includes('cloudwatch:GetMetricData'),
  );
  assert.ok(
    canary.Statement.some((s) => s.Sid === 'PassTaskRoles'),
    'canary start registers a task definition with its roles',
  );
  // deploy alone stays scoped; with env create, CreateService and UpdateService must reach the preview services too.
  assert.ok(
    buildPolicy(['deploy'], scoped)
      .Statement.find((s) => s.Sid === 'Service')
      ?.Action.includes('ecs:UpdateService'),
  );
  const both = buildPolicy(['deploy', 'env', 'create'], scoped);
  assert.ok(!both.Statement.find((s) => s.Sid === 'Service')?.Action.includes('ecs:CreateService'));
  assert.ok(both.Statement.some((s) => s.Resource === '*' && s.Action.includes('ecs:CreateService')));
  assert.ok(actions(both).includes('elasticloadbalancing:AddTags'), 'tagging a target group on create needs AddTags');
});

test('env publish may write the endpoints document to any object; reads and writes are separate statements', () => {
  const p = buildPolicy(['env', 'publish'], none);
  assert.deepEqual(
    p.Statement.find((s) => s.Sid === 'PublishEndpoints'),
    { Sid: 'PublishEndpoints', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::*/*' },
  );
  assert.ok(p.Statement.find((s) => s.Sid === 'Read')!.Action.every((a) => /:(Describe|List|Get)/.test(a)));
  assert.deepEqual(buildPolicy(['demo', 'local'], none).Statement, []);
});

test('the scenario helper: a recorded call missing from the table fails; commands are read from CLI arguments', () => {
  assert.doesNotThrow(() => assertCallsInTable('canary pause', [{ seq: 1, service: 'ecs', operation: 'TagResource' }]));
  assert.throws(
    () =>
      assertCallsInTable('canary pause', [
        { seq: 1, service: 'elbv2', operation: 'ModifyRule' },
        { seq: 2, service: 'ecs', operation: 'TagResource' },
      ]),
    /`canary pause` called elbv2:ModifyRule, which COMMAND_CALLS\["canary pause"\]/,
  );
  assert.equal(commandOf(['canary', 'start', '--tag', 'v2']), 'canary start');
  assert.equal(commandOf(['deploy', '--tasks', '2']), 'deploy');
  assert.equal(commandOf(['env', 'create', 'pr-1']), 'env create');
  assert.equal(actorKey('status-1').length, 20);
  assert.match(actorKey('status-1'), /^AKIASTATUS1/);
});

test('an Express service config: deploy may pass its infrastructure role to ECS, and the Express calls are scoped to the service', () => {
  const p = buildPolicy(['deploy'], { ...none, cluster: 'c', service: 's', express: true });
  const pass = p.Statement.find((s) => s.Sid === 'PassInfrastructureRole');
  assert.equal(pass?.Condition?.StringEquals?.['iam:PassedToService'], 'ecs.amazonaws.com');
  const svc = p.Statement.find((s) => s.Sid === 'Service');
  assert.ok(svc?.Action.includes('ecs:CreateExpressGatewayService'));
  assert.equal(svc?.Resource, 'arn:aws:ecs:*:*:service/c/s');
  assert.equal(
    buildPolicy(['deploy'], { ...none, cluster: 'c', service: 's' }).Statement.some((s) => s.Sid === 'PassInfrastructureRole'),
    false,
  );
});
