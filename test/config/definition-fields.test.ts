// Definition fields the AWS API does not have (portMapping for portMappings): a warning with a did-you-mean and not sent; an error under --strict.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { prepareDefinition } from '../../src/config/definitions.js';
import { UsageError } from '../../src/core/errors.js';
import { exitCodeOfError } from '../../src/core/exit-codes.js';
import { fieldTree, fieldTreeModule } from '../../scripts/definition-fields.js';

const container = { name: 'app', image: 'nginx' };
const task = (c: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  family: 'web',
  containerDefinitions: [{ ...container, ...c }],
  ...extra,
});

/** [what, kind, definition, the path reported, the did-you-mean] */
const unknown: readonly [string, 'task' | 'service', unknown, string, string | undefined][] = [
  [
    'portMapping in a container',
    'task',
    task({ portMapping: [{ containerPort: 80 }] }),
    'containerDefinitions[0].portMapping',
    'portMappings',
  ],
  [
    'a port mapping field',
    'task',
    task({ portMappings: [{ containerPort: 80, hostport: 80, protocl: 'tcp' }] }),
    'containerDefinitions[0].portMappings[0].protocl',
    'protocol',
  ],
  [
    'inside linuxParameters (unchecked values, checked names)',
    'task',
    task({ linuxParameters: { initProcessEnable: true } }),
    'containerDefinitions[0].linuxParameters.initProcessEnable',
    'initProcessEnabled',
  ],
  ['a task-level typo', 'task', task({}, { exectionRoleArn: 'arn:aws:iam::1:role/x' }), 'exectionRoleArn', 'executionRoleArn'],
  [
    'a volume field',
    'task',
    task({}, { volumes: [{ name: 'v', efsVolumeConfiguration: { fileSystemId: 'fs-1', transitEncription: 'ENABLED' } }] }),
    'volumes[0].efsVolumeConfiguration.transitEncription',
    'transitEncryption',
  ],
  [
    'loadBalancer in a service',
    'service',
    { loadBalancer: [{ containerName: 'app', containerPort: 80 }] },
    'loadBalancer',
    'loadBalancers',
  ],
  [
    'inside serviceConnectConfiguration',
    'service',
    { serviceConnectConfiguration: { enabled: true, namespce: 'ns' } },
    'serviceConnectConfiguration.namespce',
    'namespace',
  ],
  ['nothing close', 'service', { desiredCount: 1, frobnicate: true }, 'frobnicate', undefined],
];

for (const [what, kind, raw, field, suggestion] of unknown) {
  test(`unknown definition field (${what}): a warning with the path and the suggestion, and not sent`, () => {
    const heard: string[] = [];
    const { value, warnings } = prepareDefinition(raw, 'defs/x.json', kind, { warn: (m) => heard.push(m) });
    assert.deepEqual(
      warnings.filter((w) => !w.includes('read-only')),
      heard,
    );
    assert.equal(heard.length, 1, JSON.stringify(heard));
    const api = kind === 'task' ? 'RegisterTaskDefinition' : 'CreateService';
    assert.ok(heard[0]!.startsWith(`defs/x.json: ${field}: not a ${api} field, not sent to AWS`), heard[0]);
    if (suggestion) assert.ok(heard[0]!.endsWith(`(did you mean "${suggestion}"?)`), heard[0]);
    const leaf = field
      .split('.')
      .pop()!
      .replace(/\[\d+\]$/, '');
    assert.ok(!JSON.stringify(value).includes(`"${leaf}"`), `${leaf} is not sent: ${JSON.stringify(value)}`);
  });
  test(`unknown definition field (${what}): under --strict, UNKNOWN_KEY with file and field, exit 2`, () => {
    assert.throws(
      () => prepareDefinition(raw, 'defs/x.json', kind, { strict: true }),
      (e: unknown) => {
        assert.ok(e instanceof UsageError);
        assert.equal(e.code, 'UNKNOWN_KEY');
        assert.equal(e.file, 'defs/x.json');
        assert.equal(e.field, field);
        assert.equal(exitCodeOfError(e), 2);
        return true;
      },
    );
  });
}

test("keys match the API case-insensitively (as ecspresso's Go JSON decoding does); free-form maps keep their keys", () => {
  const { value, warnings } = prepareDefinition(
    {
      FAMILY: 'web',
      containerdefinitions: [
        {
          NAME: 'app',
          Image: 'nginx',
          portmappings: [{ CONTAINERPORT: 80 }],
          DockerLabels: { Team: 'x', portMapping: 'y' },
          logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': 'g', Mode: 'non-blocking' } },
        },
      ],
    },
    'td.json',
    'task',
    { strict: true },
  );
  assert.deepEqual(warnings, []);
  assert.deepEqual(value, {
    family: 'web',
    containerDefinitions: [
      {
        name: 'app',
        image: 'nginx',
        portMappings: [{ containerPort: 80 }],
        dockerLabels: { Team: 'x', portMapping: 'y' },
        logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': 'g', Mode: 'non-blocking' } },
      },
    ],
  });
});

test('a key spelt twice (exact and another case) keeps the exact one and reports the other', () => {
  const { value, warnings } = prepareDefinition({ desiredCount: 2, DESIREDCOUNT: 3 }, 'sd.json', 'service');
  assert.deepEqual(value, { desiredCount: 2 });
  assert.deepEqual(warnings, ['sd.json: DESIREDCOUNT: not a CreateService field, not sent to AWS (did you mean "desiredCount"?)']);
});

test("src/config/shape/ecs-fields.ts is what the installed SDK's schemas say (regenerate: node --import tsx scripts/gen-definition-fields.ts)", () => {
  const require = createRequire(import.meta.url);
  const { version } = JSON.parse(readFileSync(require.resolve('@aws-sdk/client-ecs/package.json'), 'utf8')) as { version: string };
  const committed = readFileSync(new URL('../../src/config/shape/ecs-fields.ts', import.meta.url), 'utf8');
  assert.equal(committed, fieldTreeModule(fieldTree(), version));
  assert.equal(fieldTree().ContainerDefinition?.portMappings, '[PortMapping]');
});
