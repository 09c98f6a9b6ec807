// iam-policy: actions per command, service-scoped resources, and what the config's templates and assume-role add.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ALL_COMMANDS, COMMAND_CALLS, iamAction } from '../../src/deploy/iam-actions.js';
import { buildPolicy, configFeatures } from '../../src/deploy/iam-policy.js';
import { validateConfig } from '../../src/config/validate-config.js';

const none = { usesSsm: false, usesSecretsManager: false, tfstateObjects: [] };
const actions = (p: ReturnType<typeof buildPolicy>) => p.Statement.flatMap((s) => s.Action);

test('API calls map to IAM actions', () => {
  assert.equal(iamAction('ecs', 'UpdateService'), 'ecs:UpdateService');
  assert.equal(iamAction('elbv2', 'DescribeTargetGroups'), 'elasticloadbalancing:DescribeTargetGroups');
  assert.equal(iamAction('application-autoscaling', 'RegisterScalableTarget'), 'application-autoscaling:RegisterScalableTarget');
  assert.equal(iamAction('s3', 'HeadObject'), 's3:GetObject');
  assert.throws(() => iamAction('route53', 'X'), /no IAM prefix/);
});

test('status needs only reads, scoped to the service where IAM allows it', () => {
  const p = buildPolicy(['status'], { ...none, region: 'us-east-1', cluster: 'prod', service: 'web' });
  assert.deepEqual(p.Statement, [
    { Sid: 'Service', Effect: 'Allow', Action: ['ecs:DescribeServices'], Resource: 'arn:aws:ecs:us-east-1:*:service/prod/web' },
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
  assert.ok(p.Statement.some((s) => s.Sid === 'PassTaskRoles' && s.Condition?.StringEquals?.['iam:PassedToService'] === 'ecs-tasks.amazonaws.com'));
  assert.deepEqual(p.Statement.find((s) => s.Sid === 'RunTask')?.Resource, 'arn:aws:ecs:*:*:task-definition/web:*');
});

test('template plugins and assume-role add what they call', () => {
  const p = buildPolicy(['diff'], { usesSsm: true, usesSecretsManager: true, tfstateObjects: ['tf-bucket/prod/terraform.tfstate'], assumeRoleArn: 'arn:aws:iam::123456789012:role/deploy' });
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
  const { config } = validateConfig({ region: 'us-east-1', cluster: 'demo', service: 'web', service_definition: 'ecs-service-def.json', task_definition: 'ecs-task-def.json' }, `${here}ecspresso.yml`, 'yaml', '0.1.0');
  const f = await configFeatures(config);
  assert.deepEqual(f, { region: 'us-east-1', cluster: 'demo', service: 'web', family: 'web', usesSsm: true, usesSecretsManager: false, tfstateObjects: [] });
});
