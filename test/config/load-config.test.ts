// Loading real config directories: the ecspresso-layout example renders the task definition a user expects; Jsonnet and YAML work alike.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadServiceDefinition, loadTaskDefinition } from '../../src/config/definitions.js';
import { loadConfig } from '../../src/config/load-config.js';
import type { PluginServices } from '../../src/config/plugins/template-plugin.js';
import { definitionInputs } from '../../src/config/renderer.js';
import { jsonnetSkip } from '../helpers/jsonnet.js';

const here = new URL('.', import.meta.url).pathname;
const example = join(here, '../../examples/ecspresso');

function fakeServices(calls: string[] = []): PluginServices {
  return {
    async getParameter(name) {
      calls.push(`ssm:${name}`);
      if (name === '/web/feature-flags') return { name, type: 'String', value: '{"beta":true,"note":"say \\"hi\\""}' };
      if (name === '/api/flags') return { name, type: 'StringList', value: 'a,b,c' };
      throw new Error(`ParameterNotFound: ${name}`);
    },
    async describeSecretArn(id) {
      calls.push(`secret:${id}`);
      return `arn:aws:secretsmanager:us-east-1:000000000000:secret:${id}-AbCdEf`;
    },
    async getObjectText() {
      throw new Error('no S3 here');
    },
  };
}

test('ecspresso layout: ecspresso.yml, must_env/env/json_escape/tfstate/tfstatef/ssm render the expected task definition', async () => {
  const calls: string[] = [];
  const loaded = await loadConfig({
    cwd: example,
    env: { IMAGE_TAG: 'abc123', GREETING: 'hello "team" & <all>', APP_PORT: '18080' },
    version: '0.1.0',
  });
  assert.equal(loaded.config.ecspresso, true);
  assert.equal(loaded.config.region, 'us-east-1');
  assert.equal(loaded.config.cluster, 'demo');
  const inputs = definitionInputs(loaded, fakeServices(calls));
  const td = await loadTaskDefinition(loaded.config.taskDefinitionPath!, inputs);
  assert.deepEqual(td.warnings, []);
  assert.deepEqual(td.value, {
    family: 'web',
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    cpu: '256',
    memory: '512',
    executionRoleArn: 'arn:aws:iam::000000000000:role/web-task-execution',
    taskRoleArn: 'arn:aws:iam::000000000000:role/web-task',
    containerDefinitions: [
      {
        name: 'app',
        image: '000000000000.dkr.ecr.us-east-1.amazonaws.com/cortado/demo-app:abc123',
        essential: true,
        portMappings: [{ containerPort: 18080, protocol: 'tcp' }],
        environment: [
          { name: 'LOG_LEVEL', value: 'info' },
          { name: 'FEATURE_FLAGS', value: '{"beta":true,"note":"say \\"hi\\""}' },
          { name: 'GREETING', value: 'hello "team" & <all>' },
          { name: 'DB_HOST', value: 'web-db.cluster-abc.us-east-1.rds.amazonaws.com' },
        ],
        logConfiguration: {
          logDriver: 'awslogs',
          options: { 'awslogs-group': '/ecs/web', 'awslogs-region': 'us-east-1', 'awslogs-stream-prefix': 'web' },
        },
      },
    ],
  });
  const sd = await loadServiceDefinition(loaded.config.serviceDefinitionPath!, inputs);
  assert.deepEqual(sd.value.networkConfiguration?.awsvpcConfiguration?.subnets, ['subnet-0a1b2c3d4e5f60001', 'subnet-0a1b2c3d4e5f60003']);
  assert.deepEqual(sd.value.tags, [{ key: 'team', value: 'platform' }]);
  assert.deepEqual(calls, ['ssm:/web/feature-flags']);
});

test('a missing must_env variable names the file, line and column', async () => {
  const loaded = await loadConfig({ cwd: example, env: { GREETING: 'x' }, version: '0.1.0' });
  await assert.rejects(
    loadTaskDefinition(loaded.config.taskDefinitionPath!, definitionInputs(loaded, fakeServices())),
    /ecs-task-def\.json:12:74: must_env: environment variable IMAGE_TAG is not defined/,
  );
});

test(
  'Jsonnet config and definitions: ext vars, natives (env, must_env, prefixed tfstate, ssm_list), then templates; YAML PascalCase service',
  { skip: jsonnetSkip },
  async () => {
    const dir = join(here, 'fixtures/jsonnet');
    const loaded = await loadConfig({
      cwd: dir,
      env: { IMAGE_TAG: 'v9', STAGE: 'prod' },
      extStr: { cluster: 'blue', replicas: '3' },
      version: '0.1.0',
    });
    assert.equal(loaded.config.cluster, 'blue');
    assert.equal(loaded.config.timeoutMs, 300_000);
    const inputs = definitionInputs(loaded, fakeServices());
    const td = await loadTaskDefinition(loaded.config.taskDefinitionPath!, inputs);
    assert.equal(td.value.executionRoleArn, 'arn:aws:iam::000000000000:role/exec');
    assert.deepEqual(td.value.containerDefinitions?.[0]?.environment, [
      { name: 'REPLICAS', value: '6' },
      { name: 'REGION', value: 'eu-west-1' },
      { name: 'FLAG', value: 'b' },
      { name: 'TEMPLATED', value: 'prod' },
    ]);
    const sd = await loadServiceDefinition(loaded.config.serviceDefinitionPath!, inputs);
    assert.deepEqual(sd.value, {
      launchType: 'FARGATE',
      desiredCount: 1,
      networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-9'] } },
    });
  },
);

test('--envfile values feed templates; a broken Jsonnet file says where', { skip: jsonnetSkip }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cortado-config-'));
  writeFileSync(join(dir, 'cortado.yml'), 'cluster: "{{ must_env `CLUSTER` }}"\ntask_definition: td.jsonnet\n');
  writeFileSync(join(dir, '.env'), 'CLUSTER=from-envfile\n');
  writeFileSync(join(dir, 'td.jsonnet'), '{ family: "x", containerDefinitions: [ }');
  const loaded = await loadConfig({ cwd: dir, env: {}, envfiles: [join(dir, '.env')], version: '0.1.0' });
  assert.equal(loaded.config.cluster, 'from-envfile');
  await assert.rejects(
    loadTaskDefinition(loaded.config.taskDefinitionPath!, definitionInputs(loaded, fakeServices())),
    /td\.jsonnet: Jsonnet evaluation failed: STATIC ERROR: .*td\.jsonnet:1:\d+/,
  );
});

test('plugins: two tfstate plugins need a func_prefix; ssm index rules', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cortado-config-'));
  writeFileSync(join(dir, 'a.tfstate'), '{"version":4,"resources":[]}');
  writeFileSync(
    join(dir, 'cortado.yml'),
    'task_definition: td.json\nplugins:\n  - name: tfstate\n    config: {path: a.tfstate}\n  - name: tfstate\n    config: {path: a.tfstate}\n',
  );
  const loaded = await loadConfig({ cwd: dir, env: {}, version: '0.1.0' });
  assert.throws(
    () => definitionInputs(loaded, fakeServices()),
    /template function tfstate already exists; set func_prefix on the tfstate plugin/,
  );
  writeFileSync(join(dir, 'cortado.yml'), 'task_definition: td.json\n');
  writeFileSync(join(dir, 'td.json'), '{"family":"x","containerDefinitions":[{"name":"a","image":"{{ ssm `/api/flags` }}"}]}');
  const plain = await loadConfig({ cwd: dir, env: {}, version: '0.1.0' });
  await assert.rejects(
    loadTaskDefinition(plain.config.taskDefinitionPath!, definitionInputs(plain, fakeServices())),
    /td\.json:1:\d+: ssm: parameter \/api\/flags is a StringList: pass the index/,
  );
});
