// Pure parts of the Express-aware commands: the trust check for the infrastructure role, and init's definition file.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ECS_SERVICE, ECS_TASKS, trustsEcsTasks, trustsService } from '../../src/deploy/verify-checks.js';
import { expressInitDefinition } from '../../src/deploy/init-express.js';

const trust = (service: unknown, action: unknown = 'sts:AssumeRole', effect = 'Allow') => ({
  Version: '2012-10-17',
  Statement: [{ Effect: effect, Principal: { Service: service }, Action: action }],
});

test('trustsService: the principal named (string or list), AssumeRole allowed; others not', () => {
  assert.equal(trustsService(trust(ECS_SERVICE), ECS_SERVICE), true);
  assert.equal(trustsService(trust([ECS_TASKS, ECS_SERVICE]), ECS_SERVICE), true);
  assert.equal(trustsService(trust(ECS_TASKS), ECS_SERVICE), false);
  assert.equal(trustsService(trust(ECS_SERVICE, 'sts:TagSession'), ECS_SERVICE), false);
  assert.equal(trustsService(trust(ECS_SERVICE, 'sts:AssumeRole', 'Deny'), ECS_SERVICE), false);
  assert.equal(trustsEcsTasks(trust(ECS_TASKS)), true);
  assert.equal(trustsEcsTasks(trust(ECS_SERVICE)), false);
});

test('expressInitDefinition: the task definition ECS registered is left out when there is a primary container; empties pruned', () => {
  const def = {
    infrastructureRoleArn: 'arn:aws:iam::1:role/infra',
    taskDefinitionArn: 'arn:aws:ecs:us-east-1:1:task-definition/web:3',
    primaryContainer: { image: 'app:v1', environment: [] },
    tags: [],
    taskRoleArn: undefined,
  };
  assert.deepEqual(expressInitDefinition(def), {
    infrastructureRoleArn: 'arn:aws:iam::1:role/infra',
    primaryContainer: { image: 'app:v1' },
  });
  assert.deepEqual(expressInitDefinition({ infrastructureRoleArn: 'r', taskDefinitionArn: 'td' }), {
    infrastructureRoleArn: 'r',
    taskDefinitionArn: 'td',
  });
});
