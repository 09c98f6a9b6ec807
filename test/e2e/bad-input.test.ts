// Acceptance 3: bad configs, definitions, templates and options each exit 2 with a message naming the file, the field or the
// option and what was expected — and no run makes a mutating AWS call (most make no call at all).
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { eventually } from '../helpers/sandbox.js';
import { CreateClusterCommand, CreateServiceCommand, DescribeServicesCommand, RegisterTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import { PutParameterCommand } from '@aws-sdk/client-ssm';
import { jsonnetSkip } from '../helpers/jsonnet.js';
import { type E2E, startE2E } from './e2e-harness.js';

let e: E2E;
let base: string;

const CONFIG = `region: us-east-1
cluster: bad
service: web
service_definition: ecs-service-def.json
task_definition: ecs-task-def.json
plugins:
  - name: tfstate
    config:
      path: terraform.tfstate
`;

const task = (container: Record<string, unknown> = {}, top: Record<string, unknown> = {}) =>
  JSON.stringify(
    {
      family: 'web',
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
      executionRoleArn: '{{ tfstate `aws_iam_role.exec.arn` }}',
      containerDefinitions: [
        {
          name: 'app',
          image: 'cortado/demo-app:{{ must_env `IMAGE_TAG` }}',
          environment: [{ name: 'MODE', value: '{{ env `MODE` `web` }}' }],
          ...container,
        },
      ],
      ...top,
    },
    null,
    2,
  );

const SERVICE = JSON.stringify({
  launchType: 'FARGATE',
  desiredCount: 1,
  networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-1'] } },
});
const STATE = JSON.stringify({
  version: 4,
  resources: [
    { mode: 'managed', type: 'aws_iam_role', name: 'exec', instances: [{ attributes: { arn: 'arn:aws:iam::000000000000:role/exec' } }] },
  ],
});

interface Case {
  readonly name: string;
  readonly files?: Readonly<Record<string, string | null>>;
  readonly args: readonly string[];
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly message: RegExp;
  /** AWS read calls are expected (the mistake is only visible in AWS: unknown cluster, missing parameter, ...). */
  readonly reads?: boolean;
}

const cfg = (extra: string) => ({ 'cortado.yml': CONFIG + extra });

const CASES: readonly Case[] = [
  { name: 'no config file', files: { 'cortado.yml': null }, args: ['diff'], message: /no config file in \S+ \(looked for cortado\.yml, / },
  { name: '--config names a missing file', args: ['diff', '--config', 'nope.yml'], message: /config file nope\.yml does not exist/ },
  {
    name: 'broken YAML config',
    files: { 'cortado.yml': 'cluster: [bad\n' },
    args: ['diff'],
    message: /cortado\.yml:\d+:\d+: invalid YAML/,
  },
  {
    name: 'timeout of the wrong type',
    files: cfg('timeout: 600\n'),
    args: ['deploy'],
    message: /cortado\.yml: field "timeout": expected a duration such as "10m" or "300s", got number 600/,
  },
  {
    name: 'task_definition missing',
    files: { 'cortado.yml': 'cluster: bad\nservice: web\n' },
    args: ['deploy'],
    message: /cortado\.yml: field "task_definition": is required by this command/,
  },
  {
    name: 'unknown plugin',
    files: cfg('  - name: vault\n'),
    args: ['deploy'],
    message: /field "plugins\[1\]\.name": unknown plugin "vault"; available plugins: tfstate, ssm, secretsmanager/,
  },
  {
    name: 'cloudformation plugin',
    files: cfg('  - name: cloudformation\n'),
    args: ['deploy'],
    message: /plugin "cloudformation" \(cfn_output, cfn_export\) is not supported by cortado/,
  },
  {
    name: 'tfstate plugin without a location',
    files: { 'cortado.yml': CONFIG.replace('    config:\n      path: terraform.tfstate\n', '') },
    args: ['deploy'],
    message: /plugins\[tfstate\]\.config: the tfstate plugin needs path .* or url/,
  },
  {
    name: 'required_version not satisfied',
    files: cfg('required_version: ">= 9.0"\n'),
    args: ['deploy'],
    message: /field "required_version": version \S+ does not satisfy >= 9\.0/,
  },
  {
    name: 'two tfstate plugins without func_prefix',
    files: cfg('  - name: tfstate\n    config: {path: terraform.tfstate}\n'),
    args: ['deploy'],
    message: /template function tfstate already exists; set func_prefix on the tfstate plugin/,
  },
  {
    name: 'bad assume_role_arn',
    files: cfg('assume_role_arn: deployer\n'),
    args: ['deploy'],
    message: /assume_role_arn must be an IAM role ARN/,
  },
  {
    name: 'must_env variable not set',
    args: ['deploy'],
    env: { IMAGE_TAG: undefined },
    message: /ecs-task-def\.json:\d+:\d+: must_env: environment variable IMAGE_TAG is not defined/,
  },
  {
    name: 'unknown template function',
    files: { 'ecs-task-def.json': task({ image: '{{ image_tag }}' }) },
    args: ['deploy'],
    message: /ecs-task-def\.json:\d+:\d+: function "image_tag" not defined/,
  },
  {
    name: 'unclosed template action',
    files: { 'ecs-task-def.json': '{"family": "web", "containerDefinitions": [{"name": "a", "image": "{{ must_env `IMAGE_TAG` "}] }\n' },
    args: ['deploy'],
    message: /ecs-task-def\.json:1:\d+: unclosed action: "\{\{" without "\}\}"/,
  },
  {
    name: 'broken JSON task definition',
    files: { 'ecs-task-def.json': '{"family": "web",\n "containerDefinitions": [}\n' },
    args: ['deploy'],
    message: /ecs-task-def\.json:2:\d+: invalid JSON/,
  },
  {
    name: 'broken YAML service definition',
    files: {
      'ecs-service-def.json': null,
      'cortado.yml': CONFIG.replace('ecs-service-def.json', 'svc.yml'),
      'svc.yml': 'launchType: FARGATE\n  desiredCount: 1\n',
    },
    args: ['deploy'],
    message: /svc\.yml:\d+:\d+: invalid YAML/,
  },
  {
    name: 'broken Jsonnet task definition',
    files: { 'cortado.yml': CONFIG.replace('ecs-task-def.json', 'td.jsonnet'), 'td.jsonnet': '{ family: "web", containerDefinitions: [ }' },
    args: ['deploy'],
    message: /td\.jsonnet: Jsonnet evaluation failed: STATIC ERROR/,
  },
  {
    name: 'Jsonnet must_env of an unset variable',
    files: {
      'cortado.yml': CONFIG.replace('ecs-task-def.json', 'td.jsonnet'),
      'td.jsonnet': '{ family: std.native("must_env")("FAMILY_NAME"), containerDefinitions: [] }',
    },
    args: ['deploy'],
    message: /td\.jsonnet: Jsonnet evaluation failed: .*must_env: environment variable FAMILY_NAME is not defined/,
  },
  {
    name: 'containerDefinitions not a list',
    files: { 'ecs-task-def.json': JSON.stringify({ family: 'web', containerDefinitions: { name: 'app' } }) },
    args: ['deploy'],
    message: /ecs-task-def\.json: invalid task definition: containerDefinitions: expected a list, got an object/,
  },
  {
    name: 'environment value is a number',
    files: { 'ecs-task-def.json': task({ environment: [{ name: 'PORT', value: 8080 }] }) },
    args: ['deploy'],
    message: /containerDefinitions\[0\]\.environment\[0\]\.value: expected a string, got number 8080/,
  },
  {
    name: 'family missing',
    files: { 'ecs-task-def.json': task({}, { family: undefined }) },
    args: ['deploy'],
    message: /ecs-task-def\.json: invalid task definition: family: is required/,
  },
  {
    name: 'image missing',
    files: { 'ecs-task-def.json': task({ image: undefined }) },
    args: ['deploy'],
    message: /containerDefinitions\[0\]\.image: is required/,
  },
  {
    name: 'container port out of range',
    files: { 'ecs-task-def.json': task({ portMappings: [{ containerPort: 80800 }] }) },
    args: ['deploy'],
    message: /portMappings\[0\]\.containerPort: expected an integer between 0 and 65535, got number 80800/,
  },
  {
    name: 'unknown networkMode',
    files: { 'ecs-task-def.json': task({}, { networkMode: 'vpc' }) },
    args: ['deploy'],
    message: /networkMode: expected one of bridge, host, awsvpc, none, got the string "vpc"/,
  },
  {
    name: 'desiredCount as a string',
    files: { 'ecs-service-def.json': JSON.stringify({ desiredCount: 'two' }) },
    args: ['deploy'],
    message: /ecs-service-def\.json: invalid service definition: desiredCount: expected an integer, got the string "two"/,
  },
  {
    name: 'unknown launchType',
    files: { 'ecs-service-def.json': JSON.stringify({ launchType: 'LAMBDA' }) },
    args: ['deploy'],
    message: /launchType: expected one of EC2, FARGATE, EXTERNAL, MANAGED_INSTANCES/,
  },
  {
    name: 'tfstate resource missing',
    files: { 'ecs-task-def.json': task({}, { executionRoleArn: '{{ tfstate `aws_iam_role.nope.arn` }}' }) },
    args: ['deploy'],
    message: /ecs-task-def\.json:\d+:\d+: tfstate: aws_iam_role\.nope\.arn: resource aws_iam_role\.nope not found in the state/,
  },
  {
    name: 'tfstate file missing',
    files: { 'terraform.tfstate': null },
    args: ['deploy'],
    message: /tfstate: tfstate file \S+terraform\.tfstate does not exist/,
  },
  {
    name: 'SSM parameter missing',
    files: { 'ecs-task-def.json': task({ environment: [{ name: 'FLAG', value: '{{ ssm `/bad/missing` }}' }] }) },
    args: ['deploy'],
    message: /ecs-task-def\.json:\d+:\d+: ssm: SSM parameter \/bad\/missing not found/,
    reads: true,
  },
  {
    name: 'ssm index on a plain String',
    files: { 'ecs-task-def.json': task({ environment: [{ name: 'FLAG', value: '{{ ssm `/bad/flag` 1 }}' }] }) },
    args: ['deploy'],
    message: /the index argument works only for StringList parameters; \/bad\/flag is a String/,
    reads: true,
  },
  {
    name: 'unknown cluster',
    files: { 'cortado.yml': CONFIG.replace('cluster: bad', 'cluster: nope') },
    args: ['deploy'],
    message: /cluster nope not found in us-east-1/,
    reads: true,
  },
  {
    name: 'unknown service',
    files: { 'cortado.yml': CONFIG.replace('service: web', 'service: nope') },
    args: ['status'],
    message: /service nope not found in cluster bad/,
    reads: true,
  },
  {
    name: 'missing service and no service_definition',
    files: { 'cortado.yml': CONFIG.replace('service: web', 'service: nope').replace('service_definition: ecs-service-def.json\n', '') },
    args: ['deploy'],
    message: /service nope not found in cluster bad, and the config has no service_definition to create it/,
    reads: true,
  },
  {
    name: 'revision that does not exist',
    args: ['deploy', '--revision', '999'],
    message: /task definition web:999 not found/,
    reads: true,
  },
  {
    name: 'rollback with no older revision',
    args: ['rollback'],
    message: /service web runs web:1; cannot roll back: web has no older ACTIVE revision to roll back to/,
    reads: true,
  },
  { name: 'negative --tasks', args: ['deploy', '--tasks=-1'], message: /--tasks expects an integer >= 0, got "-1"/ },
  {
    name: 'bad --wait-until',
    args: ['deploy', '--wait-until', 'ready'],
    message:
      /--wait-until expects deployed, stable, paused, ecs:<LIFECYCLE_STAGE> or \(CodeDeploy services\) codedeploy:<EVENT>, got "ready"/,
  },
  {
    // ecspresso's combination (deploy an already registered revision): a revision that does not exist is bad input.
    name: '--skip-task-definition with a --revision that is not registered',
    args: ['deploy', '--skip-task-definition', '--revision', '2'],
    message: /task definition web:2 not found/,
    reads: true,
  },
  { name: 'unknown option', args: ['deploy', '--colour'], message: /cortado deploy: Unknown option '--colour'/ },
  {
    name: 'render of an unknown part',
    args: ['render', 'everything'],
    message:
      /render expects one of config, servicedef, taskdef, expressdef \(or service-definition, task-definition, express-definition\), got "everything"/,
  },
  {
    name: '--ext-str without a value',
    args: ['render', 'taskdef', '--ext-str', 'stage'],
    message: /--ext-str expects KEY=VALUE, got "stage"/,
  },
  { name: '--envfile missing', args: ['deploy', '--envfile', 'prod.env'], message: /--envfile prod\.env does not exist or cannot be read/ },
  {
    name: 'envfile with a bad line',
    files: { 'bad.env': 'IMAGE_TAG=v1\nthis is not a pair\n' },
    args: ['deploy', '--envfile', 'bad.env'],
    message: /--envfile bad\.env:2 expects KEY=VALUE with a variable name as KEY, got "this is not a pair"/,
  },
  {
    name: 'bad --poll-interval',
    args: ['deploy', '--poll-interval', 'often'],
    message: /--poll-interval expects a duration such as 30s, 10m, 1h30m or 500ms, got "often"/,
  },
  { name: 'scale without --tasks', args: ['scale'], message: /cortado scale needs --tasks N/ },
  {
    name: 'deregister without --keeps or --revision',
    args: ['deregister'],
    message: /deregister needs exactly one of --keeps N or --revision N/,
  },
  {
    name: 'delete without --force',
    args: ['delete'],
    message: /deleting service web stops its 1 tasks: pass --force to confirm/,
    reads: true,
  },
  {
    name: 'run with an unknown watch container',
    args: ['run', '--watch-container', 'worker'],
    message: /--watch-container worker: no such container in \S+ecs-task-def\.json \(containers: app\)/,
  },
  {
    name: 'run with broken --overrides',
    args: ['run', '--overrides', '{containerOverrides'],
    message: /--overrides expects a TaskOverride JSON object, got invalid JSON/,
  },
  {
    name: 'init over existing files',
    args: ['init', '--service', 'web', '--cluster', 'bad'],
    message: /init would overwrite \S+cortado\.yml/,
  },
  {
    name: 'exec without the Session Manager plugin',
    args: ['exec'],
    env: { PATH: '/usr/bin:/bin' },
    message: /exec needs the AWS Session Manager plugin \(session-manager-plugin\), and it is not on PATH/,
  },
  {
    name: 'exec --port without --port-forward',
    args: ['exec', '--port', '8080'],
    message: /--port only go with --port-forward/,
  },
  {
    name: 'exec --port-forward without --port',
    args: ['exec', '--port-forward', '--local-port', '18080'],
    message: /--port-forward needs --port PORT/,
  },
  {
    name: 'exec --port-forward to a port out of range',
    args: ['exec', '--port-forward', '--port', '70000'],
    message: /--port expects an integer between 1 and 65535, got "70000"/,
  },
  { name: 'iam-policy for an unknown command', args: ['iam-policy', 'deplyo'], message: /iam-policy: unknown command "deplyo"/ },
];

before(async () => {
  e = await startE2E();
  base = mkdtempSync(join(tmpdir(), 'cortado-e2e-bad-'));
  writeFileSync(join(base, 'cortado.yml'), CONFIG);
  writeFileSync(join(base, 'ecs-task-def.json'), task());
  writeFileSync(join(base, 'ecs-service-def.json'), SERVICE);
  writeFileSync(join(base, 'terraform.tfstate'), STATE);
  await e.ecs.send(new CreateClusterCommand({ clusterName: 'bad' }));
  await e.ssm.send(new PutParameterCommand({ Name: '/bad/flag', Type: 'String', Value: 'on' }));
  const td = await e.ecs.send(
    new RegisterTaskDefinitionCommand({
      family: 'web',
      containerDefinitions: [
        { name: 'app', image: 'cortado/demo-app:v1', portMappings: [{ containerPort: 21000 + Math.floor(Math.random() * 8000) }] },
      ],
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
    }),
  );
  await e.ecs.send(
    new CreateServiceCommand({
      cluster: 'bad',
      serviceName: 'web',
      taskDefinition: td.taskDefinition!.taskDefinitionArn!,
      desiredCount: 1,
      launchType: 'FARGATE',
      networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-1'] } },
    }),
  );
  // Its first deployment done: `rollback` then looks for an older revision (a deployment still in progress is stopped
  // instead, a different case).
  await eventually(
    async () => {
      const d = (await e.ecs.send(new DescribeServicesCommand({ cluster: 'bad', services: ['web'] }))).services?.[0]?.deployments;
      return d?.length === 1 && d[0]?.rolloutState === 'COMPLETED' ? true : undefined;
    },
    240_000,
    250,
    'the first deployment of web completed',
  );
});

after(async () => {
  await e?.close();
});

test(`at least 30 bad inputs (${CASES.length})`, () => {
  assert.ok(CASES.length >= 30);
});

for (const c of CASES) {
  test(`bad input: ${c.name}`, { skip: /jsonnet/i.test(c.name) && jsonnetSkip }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cortado-e2e-case-'));
    cpSync(base, dir, { recursive: true });
    for (const [name, text] of Object.entries(c.files ?? {})) {
      if (text === null) rmSync(join(dir, name));
      else writeFileSync(join(dir, name), text);
    }
    const r = await e.cli(c.args, { cwd: dir, env: { IMAGE_TAG: 'v1', ...c.env } });
    assert.equal(r.code, 2, `exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
    assert.match(r.stderr, c.message);
    assert.match(r.stderr, /^error: /m);
    assert.deepEqual(
      r.calls.filter((x) => x.mutating),
      [],
      'no mutating call',
    );
    if (!c.reads) assert.deepEqual(r.calls, [], 'the mistake is caught before any AWS call');
  });
}

test('the same errors in --output json: one error object with its code and source', async () => {
  const r = await e.cli(['deploy', '--output', 'json', '--tasks=-1'], { cwd: base, env: { IMAGE_TAG: 'v1' } });
  assert.equal(r.code, 2);
  assert.deepEqual(r.json<{ error: { code: string; source: string } }>().error.code, 'BAD_OPTION');
  assert.equal(r.json<{ error: { source: string } }>().error.source, 'user');
});

test('acceptance 4 for the runs that reached AWS', async () => {
  const { checked } = await e.assertIamCoverage();
  assert.ok(checked >= 5, `only ${checked} runs made calls`);
});
