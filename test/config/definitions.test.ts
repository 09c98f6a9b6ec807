// Definition files: wrappers, PascalCase, read-only fields, and type errors that name the file and the field.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { prepareDefinition } from '../../src/config/definitions.js';

const td = { family: 'web', containerDefinitions: [{ name: 'app', image: 'nginx' }] };

test('the describe-task-definition wrapper is unwrapped, read-only fields dropped with a warning each', () => {
  const { value, warnings } = prepareDefinition(
    { taskDefinition: { ...td, revision: 3, status: 'ACTIVE', taskDefinitionArn: 'arn' }, tags: [{ key: 'a', value: 'b' }] },
    'td.json',
    'task',
  );
  assert.deepEqual(value, { ...td, tags: [{ key: 'a', value: 'b' }] });
  assert.deepEqual(warnings.map((w) => /"(\w+)"/.exec(w)?.[1]).sort(), ['revision', 'status', 'taskDefinitionArn']);
});

test('PascalCase definitions (CloudFormation style) are accepted', () => {
  const { value } = prepareDefinition(
    {
      Family: 'web',
      Cpu: 256,
      Memory: '512',
      ContainerDefinitions: [{ Name: 'app', Image: 'nginx', PortMappings: [{ ContainerPort: 80 }] }],
    },
    'td.yml',
    'task',
  );
  assert.deepEqual(value, {
    family: 'web',
    cpu: '256',
    memory: '512',
    containerDefinitions: [{ name: 'app', image: 'nginx', portMappings: [{ containerPort: 80 }] }],
  });
});

test('unknown fields warn with a suggestion and are not sent', () => {
  const { value, warnings } = prepareDefinition({ ...td, familly: 'x' }, 'td.json', 'task');
  assert.equal((value as Record<string, unknown>).familly, undefined);
  assert.deepEqual(warnings, ['td.json: familly: not a RegisterTaskDefinition field, not sent to AWS (did you mean "family"?)']);
});

test('service definitions: describe-services output is accepted, read-only fields warn', () => {
  const { value, warnings } = prepareDefinition(
    { services: [{ desiredCount: 2, runningCount: 2, deployments: [] }] },
    'sd.json',
    'service',
  );
  assert.deepEqual(value, { desiredCount: 2 });
  assert.equal(warnings.length, 2);
});

const bad: readonly [string, unknown, 'task' | 'service', RegExp][] = [
  [
    'containerDefinitions not a list',
    { family: 'f', containerDefinitions: {} },
    'task',
    /containerDefinitions: expected a list, got an object/,
  ],
  [
    'empty containerDefinitions',
    { family: 'f', containerDefinitions: [] },
    'task',
    /containerDefinitions: expected a list of at least 1 item/,
  ],
  [
    'environment value as a number',
    { ...td, containerDefinitions: [{ name: 'a', image: 'i', environment: [{ name: 'PORT', value: 8080 }] }] },
    'task',
    /containerDefinitions\[0\]\.environment\[0\]\.value: expected a string, got number 8080/,
  ],
  ['missing family', { containerDefinitions: td.containerDefinitions }, 'task', /family: is required/],
  ['missing image', { family: 'f', containerDefinitions: [{ name: 'a' }] }, 'task', /containerDefinitions\[0\]\.image: is required/],
  [
    'port out of range',
    { family: 'f', containerDefinitions: [{ name: 'a', image: 'i', portMappings: [{ containerPort: 70000 }] }] },
    'task',
    /containerPort: expected an integer between 0 and 65535, got number 70000/,
  ],
  [
    'bad networkMode',
    { ...td, networkMode: 'vpc' },
    'task',
    /networkMode: expected one of bridge, host, awsvpc, none, got the string "vpc"/,
  ],
  ['bad family characters', { ...td, family: 'my app' }, 'task', /family: expected up to 255 letters, digits, hyphens and underscores/],
  ['bad cpu', { ...td, cpu: 'lots' }, 'task', /cpu: expected CPU units such as "256" or "1 vCPU"/],
  ['desiredCount as a string', { desiredCount: '2' }, 'service', /desiredCount: expected an integer, got the string "2"/],
  ['bad launchType', { launchType: 'LAMBDA' }, 'service', /launchType: expected one of EC2, FARGATE, EXTERNAL, MANAGED_INSTANCES/],
  [
    'circuit breaker without rollback',
    { deploymentConfiguration: { deploymentCircuitBreaker: { enable: true } } },
    'service',
    /deploymentConfiguration\.deploymentCircuitBreaker\.rollback: is required/,
  ],
  ['not an object', ['x'], 'task', /expected the task definition as an object, got a list/],
];

for (const [name, raw, kind, re] of bad) {
  test(`bad definition: ${name}`, () => {
    assert.throws(
      () => prepareDefinition(raw, 'defs/file.json', kind),
      (e: unknown) => {
        assert.match((e as Error).message, /^defs\/file\.json: /);
        assert.match((e as Error).message, re);
        assert.equal((e as { code?: string }).code, 'BAD_DEFINITION');
        return true;
      },
    );
  });
}

test('bad definitions carry the file and the first wrong field', () => {
  assert.throws(
    () => prepareDefinition({ ...td, networkMode: 'vpc' }, 'defs/file.json', 'task'),
    (e: unknown) => {
      assert.equal((e as { file?: string }).file, 'defs/file.json');
      assert.equal((e as { field?: string }).field, 'networkMode');
      return true;
    },
  );
});

test('empty-string enum values are left out, as ecspresso passes them to the Go SDK; other empty values are still checked', () => {
  const { value, warnings } = prepareDefinition(
    {
      family: 'web',
      networkMode: 'awsvpc',
      containerDefinitions: [{ name: 'app', image: 'nginx', portMappings: [{ containerPort: 80, protocol: 'tcp', appProtocol: '' }] }],
      pidMode: '',
    },
    'td.json',
    'task',
  );
  assert.deepEqual(value.containerDefinitions, [{ name: 'app', image: 'nginx', portMappings: [{ containerPort: 80, protocol: 'tcp' }] }]);
  assert.equal('pidMode' in value, false);
  assert.deepEqual(warnings, []);
  assert.throws(
    () => prepareDefinition({ family: 'web', containerDefinitions: [], networkMode: 'bogus' }, 'td.json', 'task'),
    /networkMode: expected one of bridge, host, awsvpc, none/,
  );
  const sd = prepareDefinition({ launchType: '', propagateTags: 'SERVICE' }, 'sd.json', 'service');
  assert.deepEqual(sd.value, { propagateTags: 'SERVICE' });
});
