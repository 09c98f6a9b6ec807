// Acceptance 2, end to end: the ecspresso-layout example (ecspresso.yml, ecs-service-def.json, ecs-task-def.json with must_env,
// env, json_escape, tfstate/tfstatef on a local terraform.tfstate, and ssm) renders the task definition a user expects and deploys.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { CreateClusterCommand, DescribeServicesCommand, DescribeTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import { CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { PutParameterCommand } from '@aws-sdk/client-ssm';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { type E2E, freePortGuess, ROOT, startE2E } from './e2e-harness.js';

let e: E2E;
let dir: string;
const port = freePortGuess();
const env = { IMAGE_TAG: '3f2a9c1', GREETING: 'hello "world" & <friends>', APP_PORT: String(port) };

before(async () => {
  e = await startE2E();
  dir = mkdtempSync(join(tmpdir(), 'cortado-e2e-ecspresso-'));
  cpSync(join(ROOT, 'examples/ecspresso'), dir, { recursive: true });
  // What Terraform made in the account: the cluster, the log group, the parameter.
  await e.ecs.send(new CreateClusterCommand({ clusterName: 'demo' }));
  await e.logs.send(new CreateLogGroupCommand({ logGroupName: '/ecs/web' }));
  await e.ssm.send(new PutParameterCommand({ Name: '/web/feature-flags', Type: 'String', Value: '{"checkout":"v2","beta":true}' }));
});

after(async () => {
  await e?.close();
});

test('render taskdef: the task definition a user expects', async () => {
  const r = await e.cli(['render', 'taskdef', '--output', 'json'], { cwd: dir, env });
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.json(), {
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
        image: '000000000000.dkr.ecr.us-east-1.amazonaws.com/cortado/demo-app:3f2a9c1',
        essential: true,
        portMappings: [{ containerPort: port, protocol: 'tcp' }],
        environment: [
          { name: 'LOG_LEVEL', value: 'info' },
          { name: 'FEATURE_FLAGS', value: '{"checkout":"v2","beta":true}' },
          { name: 'GREETING', value: 'hello "world" & <friends>' },
          { name: 'DB_HOST', value: 'web-db.cluster-abc.us-east-1.rds.amazonaws.com' },
        ],
        logConfiguration: {
          logDriver: 'awslogs',
          options: { 'awslogs-group': '/ecs/web', 'awslogs-region': 'us-east-1', 'awslogs-stream-prefix': 'web' },
        },
      },
    ],
  });
  const sd = (await e.cli(['render', 'servicedef', '--output', 'json'], { cwd: dir, env })).json<{
    networkConfiguration: { awsvpcConfiguration: { subnets: string[]; securityGroups: string[] } };
  }>();
  assert.deepEqual(sd.networkConfiguration.awsvpcConfiguration, {
    subnets: ['subnet-0a1b2c3d4e5f60001', 'subnet-0a1b2c3d4e5f60003'],
    securityGroups: ['sg-0123456789abcdef0'],
    assignPublicIp: 'DISABLED',
  });
});

test('deploy creates the service from ecspresso.yml, then diff is empty and status shows it running', async () => {
  const r = await e.cli(['deploy', '--config', 'ecspresso.yml', '--poll-interval', '150ms'], { cwd: dir, env });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /created service web with web:1/);
  const svc = (await e.ecs.send(new DescribeServicesCommand({ cluster: 'demo', services: ['web'], include: ['TAGS'] }))).services![0]!;
  assert.equal(svc.runningCount, 2);
  assert.deepEqual(svc.tags, [{ key: 'team', value: 'platform' }]);
  const td = (await e.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'web:1' }))).taskDefinition!;
  assert.equal(td.containerDefinitions?.[0]?.environment?.find((x) => x.name === 'GREETING')?.value, 'hello "world" & <friends>');
  const d = await e.cli(['diff', '--config', 'ecspresso.yml'], { cwd: dir, env });
  assert.equal(d.stdout.trim(), 'no difference', d.stdout);
  const s = (await e.cli(['status', '--output', 'json'], { cwd: dir, env })).json<{ taskDefinition: string; runningCount: number }>();
  assert.deepEqual([s.taskDefinition, s.runningCount], ['web:1', 2]);
});

test('a new image tag from the environment deploys a new revision', async () => {
  const r = await e.cli(['deploy', '--poll-interval', '150ms', '--wait-until', 'deployed'], {
    cwd: dir,
    env: { ...env, IMAGE_TAG: '77aa01b' },
  });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /web: deployed web:2/);
});

test('the same state from an S3 backend (tfstate url: s3://...) renders the same task definition', async () => {
  const s3 = new S3Client({
    endpoint: e.sandbox.endpoint,
    region: e.sandbox.region,
    forcePathStyle: true,
    credentials: { accessKeyId: e.env.AWS_ACCESS_KEY_ID!, secretAccessKey: e.env.AWS_SECRET_ACCESS_KEY! },
  });
  try {
    await s3.send(new CreateBucketCommand({ Bucket: 'tf-state' }));
    await s3.send(
      new PutObjectCommand({ Bucket: 'tf-state', Key: 'web/terraform.tfstate', Body: readFileSync(join(dir, 'terraform.tfstate')) }),
    );
  } finally {
    s3.destroy();
  }
  writeFileSync(
    join(dir, 'remote.yml'),
    readFileSync(join(dir, 'ecspresso.yml'), 'utf8').replace('path: terraform.tfstate', 'url: s3://tf-state/web/terraform.tfstate'),
  );
  const local = await e.cli(['render', 'taskdef', '--output', 'json'], { cwd: dir, env });
  const remote = await e.cli(['render', 'taskdef', '--config', 'remote.yml', '--output', 'json'], { cwd: dir, env });
  assert.equal(remote.code, 0, remote.stderr);
  assert.deepEqual(remote.json(), local.json());
  assert.deepEqual(remote.calls.map((c) => `${c.service}:${c.operation}`).sort(), ['s3:GetObject', 'ssm:GetParameter']);
  writeFileSync(
    join(dir, 'gone.yml'),
    readFileSync(join(dir, 'remote.yml'), 'utf8').replace('web/terraform.tfstate', 'nope/terraform.tfstate'),
  );
  const gone = await e.cli(['render', 'taskdef', '--config', 'gone.yml'], { cwd: dir, env });
  assert.equal(gone.code, 2, gone.stderr);
  assert.match(gone.stderr, /ecs-task-def\.json:\d+:\d+: tfstate: tfstate s3:\/\/tf-state\/nope\/terraform\.tfstate not found/);
});

test('acceptance 4 for the ecspresso layout (ssm included)', async () => {
  const { actions } = await e.assertIamCoverage();
  assert.ok(actions.has('ssm:GetParameter'));
  assert.ok(actions.has('ecs:CreateService'));
  assert.ok(actions.has('s3:GetObject'));
});
