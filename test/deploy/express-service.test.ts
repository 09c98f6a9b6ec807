// Express services, pure parts: the config keys, the definition file's checks, diff normalisation (ECS defaults ignored
// where the file leaves them out), the update call, the deploy options that do not apply, and bare `register --output`.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ECSExpressGatewayService } from '@aws-sdk/client-ecs';
import { UsageError } from '../../src/core/errors.js';
import { prepareDefinition } from '../../src/config/definitions.js';
import { validateConfig } from '../../src/config/validate-config.js';
import { bareFlagsRead } from '../../src/cli/command-line.js';
import { updateExpressInput } from '../../src/deploy/express-deploy.js';
import { expressAsDefinition, expressOptionProblem, normalizeExpress } from '../../src/deploy/express-service.js';

const local = {
  infrastructureRoleArn: 'arn:aws:iam::1:role/infra',
  executionRoleArn: 'arn:aws:iam::1:role/exec',
  primaryContainer: {
    image: 'app:v1',
    environment: [
      { name: 'B', value: '2' },
      { name: 'A', value: '1' },
    ],
  },
  tags: [{ key: 'team', value: 'web' }],
};

test("express_service_definition and ecspresso's express_definition name the file; both, or with service_definition, are errors", () => {
  for (const key of ['express_service_definition', 'express_definition']) {
    const { config, warnings } = validateConfig({ service: 's', [key]: 'x.json' }, '/app/ecspresso.yml', 'yaml', '0.1.0');
    assert.equal(config.expressServiceDefinitionPath, '/app/x.json');
    assert.deepEqual(warnings, []);
  }
  const both = () => validateConfig({ express_definition: 'a.json', express_service_definition: 'a.json' }, '/c.yml', 'yaml', '0.1.0');
  assert.throws(both, (e: unknown) => e instanceof UsageError && /field "express_definition"/.test(e.message));
  const mixed = () => validateConfig({ service_definition: 's.json', express_definition: 'a.json' }, '/c.yml', 'yaml', '0.1.0');
  assert.throws(mixed, /"express_definition": cannot be used together with service_definition/);
});

test('the definition file: keys spelt as the API, unknown ones named with a did-you-mean, wrong types refused with the field', () => {
  const { value, warnings } = prepareDefinition(
    { InfrastructureRoleArn: 'arn:aws:iam::1:role/i', primaryContainer: { image: 'x', contanerPort: 80 } },
    'ecs-express-def.json',
    'express',
  );
  assert.deepEqual(value, { infrastructureRoleArn: 'arn:aws:iam::1:role/i', primaryContainer: { image: 'x' } });
  assert.match(
    warnings.join('\n'),
    /primaryContainer\.contanerPort: not a CreateExpressGatewayService field.*did you mean "containerPort"/,
  );
  assert.throws(
    () => prepareDefinition({ primaryContainer: { image: 'x', containerPort: '80' } }, 'ecs-express-def.json', 'express'),
    (e: unknown) =>
      e instanceof UsageError && e.message.includes('ecs-express-def.json') && e.message.includes('primaryContainer.containerPort'),
  );
  assert.throws(
    () => prepareDefinition({ healthCheckPath: 'health' }, 'x.json', 'express'),
    /healthCheckPath: expected a path starting with "\/"/,
  );
});

test('diff: what ECS filled in is ignored where the file leaves it out; lists sorted; the same service compares equal', () => {
  const remote: ECSExpressGatewayService = {
    infrastructureRoleArn: local.infrastructureRoleArn,
    tags: [{ key: 'team', value: 'web' }],
    activeConfigurations: [
      {
        createdAt: new Date(1),
        executionRoleArn: local.executionRoleArn,
        cpu: '1024',
        memory: '2048',
        healthCheckPath: '/ping',
        taskDefinitionArn: 'arn:td/x:1',
        networkConfiguration: { subnets: ['b', 'a'], securityGroups: ['sg'] },
        scalingTarget: { minTaskCount: 1, maxTaskCount: 10 },
        primaryContainer: {
          image: 'app:v1',
          containerPort: 80,
          awsLogsConfiguration: { logGroup: 'g', logStreamPrefix: 'ecs' },
          environment: [
            { name: 'A', value: '1' },
            { name: 'B', value: '2' },
          ],
          secrets: [],
        },
      },
    ],
  };
  const a = normalizeExpress(expressAsDefinition(remote), local, []);
  const b = normalizeExpress(local, local, []);
  assert.deepEqual(a, b);
  const withCpu = { ...local, cpu: '512', scalingTarget: { maxTaskCount: 4 } };
  const c = normalizeExpress(expressAsDefinition(remote), withCpu, []);
  assert.equal(c.cpu, '1024');
  assert.deepEqual(c.scalingTarget, { maxTaskCount: 10 }, 'only the scaling fields the file names are compared');
});

test('update: every field the definition has, empty environment and secrets sent to clear them', () => {
  const input = updateExpressInput({ ...local, primaryContainer: { image: 'app:v2' }, cpu: '512' }, 'arn:svc');
  assert.deepEqual(input, {
    serviceArn: 'arn:svc',
    executionRoleArn: local.executionRoleArn,
    cpu: '512',
    primaryContainer: { image: 'app:v2', environment: [], secrets: [] },
  });
});

test('deploy options that pick or scale task definitions do not apply to an Express service', () => {
  assert.equal(expressOptionProblem({}), undefined);
  assert.match(expressOptionProblem({ tasks: 2, revision: 3 }) ?? '', /^--revision, --tasks do not apply to an Express service/);
});

test("register --output alone becomes the command's own flag; --output json keeps its value", () => {
  const bare = { output: 'output-task-definition' };
  assert.deepEqual(bareFlagsRead(['--output'], bare), ['--output-task-definition']);
  assert.deepEqual(bareFlagsRead(['--output', '--dry-run'], bare), ['--output-task-definition', '--dry-run']);
  assert.deepEqual(bareFlagsRead(['--output', 'json'], bare), ['--output', 'json']);
  assert.deepEqual(bareFlagsRead(['--output'], undefined), ['--output']);
});
