// E2E (ecspresso parity): the rows of the parity list no other e2e test asserts — Go templates (with, range, variables,
// print, index, lt/gt), ECSPRESSO_ENVFILE / ECSPRESSO_EXT_STR / ECSPRESSO_DIFF_COMMAND, --ext-str k=v;k2=v2, diff --unified,
// verify --no-get-secrets skipping a secret, run --wait-until stopped, deploy --latest-task-definition, exec --id and
// --port-forward, tasks --find, rollback --no-deregister-task-definition, deregister --revision latest — against the sandbox, with every call covered by `cortado iam-policy`.
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { CreateClusterCommand, DescribeServicesCommand, ListTasksCommand } from '@aws-sdk/client-ecs';
import { PutParameterCommand } from '@aws-sdk/client-ssm';
import { jsonnetSkip } from '../helpers/jsonnet.js';
import { diffBody, type E2E, freePortGuess, startE2E } from './e2e-harness.js';

let e: E2E;
let dir: string;
const port = freePortGuess();
const FAST = ['--poll-interval', '150ms', '--timeout', '3m'];
const cortado = (args: string[], env: Record<string, string> = {}) => e.cli(args, { cwd: dir, env });
const running = async () => (await e.ecs.send(new DescribeServicesCommand({ cluster: 'rows', services: ['web'] }))).services?.[0];
const short = (arn: string | undefined) => arn?.replace(/^.*\//, '');

// Go's text/template as ecspresso uses it: `with`, variables, `print`, `index` (a byte of a string), `lt`/`gt`, `range` over an
// integer, `if`/`else`.
const TASK_DEF = `{
  "family": "web",
  "networkMode": "awsvpc",
  "requiresCompatibilities": ["FARGATE"],
  "cpu": "{{ if lt 1 2 }}256{{ else }}1024{{ end }}",
  "memory": "{{ if gt (len (env \`IMAGE_TAG\` \`v1\`)) 5 }}1024{{ else }}512{{ end }}",
  "containerDefinitions": [
    {
      "name": "app",
      {{ $tag := env \`IMAGE_TAG\` \`v1\` -}}
      "image": "cortado/demo-app:{{ $tag }}",
      "essential": true,
      "portMappings": [{ "containerPort": ${port} }],
      "environment": [
        { "name": "STAGE", "value": "{{ with env \`STAGE\` \`\` }}stage-{{ . }}{{ else }}none{{ end }}" },
        { "name": "PRINTED", "value": "{{ print \`x\` 1 }}" },
        { "name": "FIRST_BYTE", "value": "{{ index $tag 0 }}" },
        { "name": "COUNTED", "value": "{{ range 3 }}{{ . }}{{ end }}" }
      ],
      "secrets": [{ "name": "TOKEN", "valueFrom": "/rows/token" }]
    }
  ]
}
`;

before(async () => {
  e = await startE2E();
  dir = mkdtempSync(join(tmpdir(), 'cortado-e2e-rows-'));
  writeFileSync(
    join(dir, 'ecspresso.yml'),
    `region: ${e.sandbox.region}\ncluster: rows\nservice: web\nservice_definition: ecs-service-def.json\ntask_definition: ecs-task-def.json\n`,
  );
  writeFileSync(
    join(dir, 'ecs-service-def.json'),
    JSON.stringify({
      desiredCount: 1,
      launchType: 'FARGATE',
      enableExecuteCommand: true,
      networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-0a'], securityGroups: ['sg-0a'] } },
    }),
  );
  writeFileSync(join(dir, 'ecs-task-def.json'), TASK_DEF);
  await e.ecs.send(new CreateClusterCommand({ clusterName: 'rows' }));
  await e.ssm.send(new PutParameterCommand({ Name: '/rows/token', Value: 't0ken', Type: 'SecureString' }));
});

after(async () => {
  await e?.close();
});

test('Go templates: with, range, variables, print, index, lt/gt render as text/template renders them', async () => {
  const r = await cortado(['render', 'taskdef', '--output', 'json'], { STAGE: 'prod' });
  assert.equal(r.code, 0, r.stderr);
  const td = r.json<{
    cpu: string;
    memory: string;
    containerDefinitions: { image: string; environment: { name: string; value: string }[] }[];
  }>();
  assert.deepEqual([td.cpu, td.memory, td.containerDefinitions[0]!.image], ['256', '512', 'cortado/demo-app:v1']);
  assert.deepEqual(Object.fromEntries(td.containerDefinitions[0]!.environment.map((x) => [x.name, x.value])), {
    STAGE: 'stage-prod',
    PRINTED: 'x1',
    FIRST_BYTE: '118',
    COUNTED: '012',
  });
  const none = await cortado(['render', 'taskdef', '--output', 'json']);
  assert.match(none.stdout, /"value": "none"/, 'with … else when the value is empty');
});

test('ECSPRESSO_ENVFILE (comma-separated) is read like --envfile', async () => {
  writeFileSync(join(dir, 'a.env'), 'IMAGE_TAG=from-a\n');
  writeFileSync(join(dir, 'b.env'), 'STAGE=from-b\n');
  const r = await cortado(['render', 'taskdef', '--output', 'json'], { ECSPRESSO_ENVFILE: 'a.env,b.env' });
  assert.equal(r.code, 0, r.stderr);
  const c = r.json<{ containerDefinitions: { image: string; environment: { name: string; value: string }[] }[] }>()
    .containerDefinitions[0]!;
  assert.equal(c.image, 'cortado/demo-app:from-a');
  assert.equal(c.environment.find((x) => x.name === 'STAGE')?.value, 'stage-from-b');
});

test('--ext-str k=v;k2=v2 and ECSPRESSO_EXT_STR reach Jsonnet as ext vars', { skip: jsonnetSkip }, async () => {
  const jdir = join(dir, 'jsonnet');
  mkdirSync(jdir);
  writeFileSync(join(jdir, 'ecspresso.yml'), 'region: us-east-1\ncluster: rows\nservice: web\ntask_definition: td.jsonnet\n');
  writeFileSync(
    join(jdir, 'td.jsonnet'),
    '{ family: "j", containerDefinitions: [{ name: "a", image: std.extVar("img") + ":" + std.extVar("tag") }] }',
  );
  const flag = await e.cli(['render', 'taskdef', '--ext-str', 'img=nginx;tag=1.27', '--output', 'json'], { cwd: jdir });
  assert.equal(flag.code, 0, flag.stderr);
  assert.match(flag.stdout, /"image": "nginx:1\.27"/);
  const env = await e.cli(['render', 'taskdef', '--output', 'json'], { cwd: jdir, env: { ECSPRESSO_EXT_STR: 'img=redis;tag=7' } });
  assert.equal(env.code, 0, env.stderr);
  assert.match(env.stdout, /"image": "redis:7"/);
});

test('deploy; diff --unified is empty; ECSPRESSO_DIFF_COMMAND runs the external diff', async () => {
  const d = await cortado(['deploy', ...FAST]);
  assert.equal(d.code, 0, `${d.stdout}\n${d.stderr}`);
  const u = await cortado(['diff', '--unified']);
  assert.equal(u.code, 0, u.stderr);
  assert.deepEqual(diffBody(u.stdout), [], u.stdout);
  const ext = await cortado(['diff'], { IMAGE_TAG: 'v2', ECSPRESSO_DIFF_COMMAND: 'echo compare' });
  assert.equal(ext.code, 0, ext.stderr);
  assert.match(ext.stdout, /^compare remote\/taskdef\.json local\/taskdef\.json$/m);
});

test('verify reads the secret; --no-get-secrets skips it (no GetParameter); --no-put-logs and --no-cache are accepted', async () => {
  const v = await cortado(['verify']);
  assert.equal(v.code, 0, `${v.stdout}\n${v.stderr}`);
  assert.match(v.stdout, /^OK {3}secret \/rows\/token: readable$/m);
  const skip = await cortado(['verify', '--no-get-secrets', '--no-put-logs', '--no-cache']);
  assert.equal(skip.code, 0, `${skip.stdout}\n${skip.stderr}`);
  assert.match(skip.stdout, /^SKIP secret \/rows\/token: not read \(--no-get-secrets\)$/m);
  assert.ok(!skip.calls.some((c) => c.operation === 'GetParameter'));
});

test('run --wait-until stopped follows the task to its end and exits with its code', async () => {
  // The container runs for 4 s (it reaches RUNNING), then crashes with exit code 1.
  const overrides = JSON.stringify({ containerOverrides: [{ name: 'app', environment: [{ name: 'CRASH_AFTER_S', value: '4' }] }] });
  const r = await cortado(['run', '--skip-task-definition', '--wait-until', 'stopped', '--overrides', overrides, ...FAST]);
  assert.equal(r.code, 1, `${r.stdout}\n${r.stderr}`);
  assert.match(r.stderr, /RUNNING\n(.*\n)*task \S+ STOPPED\n/);
  assert.match(r.stderr, /stopped: container app exited with code 1/);
});

test('deploy --latest-task-definition deploys the newest registered revision and registers nothing', async () => {
  const reg = await cortado(['register'], { IMAGE_TAG: 'v3' });
  assert.equal(reg.code, 0, reg.stderr);
  assert.equal(short((await running())?.taskDefinition), 'web:1');
  const r = await cortado(['deploy', '--latest-task-definition', ...FAST]);
  assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
  assert.ok(!r.calls.some((c) => c.operation === 'RegisterTaskDefinition'));
  assert.equal(short((await running())?.taskDefinition), 'web:2');
});

test('exec --id and --port-forward go to the named task: ExecuteCommand, and SSM StartSession for the forwarding', async () => {
  // A stand-in for the Session Manager plugin (the sandbox runs no SSM agent: both calls answer TargetNotConnected).
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'session-manager-plugin'), `#!/bin/sh\necho "$@" > ${join(dir, 'plugin-args')}\n`);
  chmodSync(join(bin, 'session-manager-plugin'), 0o755);
  const PATH = `${bin}:${e.env.PATH}`;
  const task = (await e.ecs.send(new ListTasksCommand({ cluster: 'rows', serviceName: 'web', desiredStatus: 'RUNNING' }))).taskArns![0]!;
  const id = task.replace(/^.*\//, '');
  const ex = await cortado(['exec', '--id', id, '--command', 'date'], { PATH });
  assert.notEqual(ex.code, 0);
  assert.ok(
    ex.calls.some((c) => c.operation === 'ExecuteCommand' && c.errorCode === 'TargetNotConnectedException'),
    JSON.stringify(ex.calls),
  );
  assert.ok(!ex.calls.some((c) => c.operation === 'ListTasks'), '--id names the task: no listing');
  const pf = await cortado(['exec', '--id', id, '--port-forward', '--port', String(port), '--local-port', '18080'], { PATH });
  assert.notEqual(pf.code, 0);
  assert.ok(
    pf.calls.some((c) => c.operation === 'StartSession' && c.errorCode === 'TargetNotConnected'),
    JSON.stringify(pf.calls),
  );
  assert.match(pf.stderr, /is not connected/);
  assert.throws(() => readFileSync(join(dir, 'plugin-args')), 'the plugin is not started without a session');
});

test('tasks --id X --find prints the task as JSON', async () => {
  const task = (await e.ecs.send(new ListTasksCommand({ cluster: 'rows', serviceName: 'web', desiredStatus: 'RUNNING' }))).taskArns![0]!;
  const r = await cortado(['tasks', '--id', task.replace(/^.*\//, ''), '--find']);
  assert.equal(r.code, 0, r.stderr);
  const found = JSON.parse(r.stdout) as { taskArn: string; lastStatus: string };
  assert.equal(found.taskArn, task);
  assert.equal(found.lastStatus, 'RUNNING');
});

test('rollback --no-deregister-task-definition keeps the revision it rolled back from', async () => {
  const r = await cortado(['rollback', '--no-deregister-task-definition', ...FAST]);
  assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
  assert.match(r.stdout, /web: rolled back from web:2 to web:1/);
  assert.ok(!r.calls.some((c) => c.operation === 'DeregisterTaskDefinition'));
  assert.equal(short((await running())?.taskDefinition), 'web:1');
});

test('deregister --revision latest deregisters the newest ACTIVE revision; in use it is refused', async () => {
  const r = await cortado(['deregister', '--revision', 'latest', '--force']);
  assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
  assert.match(r.stdout, /^deregistered: web:2$/m);
  const inUse = await cortado(['deregister', '--revision', 'latest', '--force']);
  assert.equal(inUse.code, 2, inUse.stderr);
  assert.match(inUse.stderr, /web:1 is in use by the service/);
});

test('every call of these runs is in cortado iam-policy', async () => {
  const { checked } = await e.assertIamCoverage();
  assert.ok(checked >= 8, `checked ${checked}`);
});
