// `cortado verify` and `cortado tag --exists` end to end against the sandbox's ECR and IAM: images by tag, the execution
// role and its trust policy, and the tag of a directory found (or not) in a repository.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { CreateClusterCommand } from '@aws-sdk/client-ecs';
import { boto3 } from '../helpers/sandbox.js';
import { type E2E, startE2E } from './e2e-harness.js';

let e: E2E;
let dir: string;
let repoDir: string;
let appTag: string;

const REGISTRY = '000000000000.dkr.ecr.us-east-1.amazonaws.com';
const manifest = (layer: string) =>
  JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
    config: { mediaType: 'application/vnd.docker.container.image.v1+json', size: 100, digest: `sha256:${'c'.repeat(64)}` },
    layers: [{ mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip', size: 1000, digest: `sha256:${layer.repeat(64)}` }],
  });
const trust = (service: string) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }] });

/** Sets ECR and IAM up with boto3 (an independent client): one repository, images by tag, two roles. */
async function aws(code: string): Promise<void> {
  const r = await boto3(
    e.sandbox,
    `ecr=boto3.client('ecr',endpoint_url=endpoint,region_name=region)\niam=boto3.client('iam',endpoint_url=endpoint,region_name=region)\n${code}\nprint('{}')`,
  );
  assert.equal(r.code, 0, r.stderr);
}

const git = (...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=e2e', '-c', 'user.email=e2e@example.com', ...args], { cwd: repoDir, encoding: 'utf8' }).trim();

interface VerifyJson {
  ok: boolean;
  checks: Array<{ name: string; status: 'ok' | 'failed' | 'skipped'; detail: string }>;
}
const check = (j: VerifyJson, prefix: string) => j.checks.find((c) => c.name.startsWith(prefix));

before(async () => {
  e = await startE2E();
  await e.ecs.send(new CreateClusterCommand({ clusterName: 'shop' }));
  // A git work tree whose app/ directory gives the image tag.
  repoDir = mkdtempSync(join(tmpdir(), 'cortado-e2e-tag-'));
  mkdirSync(join(repoDir, 'app'));
  mkdirSync(join(repoDir, 'worker'));
  writeFileSync(join(repoDir, 'app', 'Dockerfile'), 'FROM scratch\n');
  writeFileSync(join(repoDir, 'worker', 'Dockerfile'), 'FROM scratch\n');
  git('init', '-q');
  git('add', 'app');
  git('commit', '-qm', 'app');
  git('add', 'worker');
  git('commit', '-qm', 'worker');
  appTag = git('log', '-n', '1', '--pretty=format:%H', '--', 'app');
  await aws(`
ecr.create_repository(repositoryName='shop/api')
ecr.put_image(repositoryName='shop/api',imageTag='v1',imageManifest=${JSON.stringify(manifest('a'))})
ecr.put_image(repositoryName='shop/api',imageTag=${JSON.stringify(appTag)},imageManifest=${JSON.stringify(manifest('b'))})
iam.create_role(RoleName='shop-exec',AssumeRolePolicyDocument=${JSON.stringify(trust('ecs-tasks.amazonaws.com'))})
iam.attach_role_policy(RoleName='shop-exec',PolicyArn='arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy')
iam.create_role(RoleName='lambda-only',AssumeRolePolicyDocument=${JSON.stringify(trust('lambda.amazonaws.com'))})
`);
  dir = mkdtempSync(join(tmpdir(), 'cortado-e2e-verify-'));
  writeFileSync(join(dir, 'cortado.yml'), 'region: us-east-1\ncluster: shop\ntask_definition: task.yml\nservice_definition: service.yml\n');
  writeFileSync(join(dir, 'service.yml'), 'launchType: FARGATE\nnetworkConfiguration:\n  awsvpcConfiguration:\n    subnets: [subnet-1]\n');
  writeFileSync(
    join(dir, 'task.yml'),
    `family: shop-api
networkMode: awsvpc
requiresCompatibilities: [FARGATE]
cpu: 256
memory: 512
executionRoleArn: arn:aws:iam::000000000000:role/{{ env "EXEC_ROLE" "shop-exec" }}
containerDefinitions:
  - name: api
    image: ${REGISTRY}/shop/api:{{ env "IMAGE_TAG" "v1" }}
`,
  );
});

after(async () => {
  await e?.close();
});

test('verify: an image present in ECR and a role trusting ecs-tasks pass', async () => {
  const r = await e.cli(['verify', '--output', 'json'], { cwd: dir });
  const j = r.json<VerifyJson>();
  assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
  assert.equal(j.ok, true);
  assert.deepEqual(check(j, 'cluster shop')?.status, 'ok');
  assert.deepEqual(check(j, `image ${REGISTRY}/shop/api:v1`), { name: `image ${REGISTRY}/shop/api:v1`, status: 'ok', detail: 'exists' });
  assert.ok(r.calls.some((c) => c.service === 'ecr' && c.operation === 'DescribeImages' && c.status === 200));
  assert.notEqual(check(j, 'executionRoleArn')?.status, 'failed');
});

test('verify: a tag missing from the repository fails, naming the image, with exit code 1', async () => {
  const r = await e.cli(['verify', '--output', 'json'], { cwd: dir, env: { IMAGE_TAG: 'v2' } });
  assert.equal(r.code, 1, `${r.stdout}\n${r.stderr}`);
  const j = r.json<VerifyJson>();
  assert.equal(j.ok, false);
  assert.deepEqual(check(j, 'image'), { name: `image ${REGISTRY}/shop/api:v2`, status: 'failed', detail: 'not found' });
  assert.ok(r.calls.some((c) => c.operation === 'DescribeImages' && c.errorCode === 'ImageNotFoundException'));
  const text = await e.cli(['verify'], { cwd: dir, env: { IMAGE_TAG: 'v2' } });
  assert.equal(text.code, 1);
  assert.match(text.stdout, new RegExp(`FAIL image ${REGISTRY.replace(/\./g, '\\.')}/shop/api:v2: not found`));
});

test('verify: an image in a repository that does not exist fails', async () => {
  const other = mkdtempSync(join(tmpdir(), 'cortado-e2e-verify-norepo-'));
  writeFileSync(
    join(other, 'cortado.yml'),
    'region: us-east-1\ncluster: shop\ntask_definition: task.yml\nservice_definition: service.yml\n',
  );
  writeFileSync(join(other, 'service.yml'), 'launchType: FARGATE\n');
  writeFileSync(
    join(other, 'task.yml'),
    `family: ghost\ncontainerDefinitions:\n  - name: api\n    image: ${REGISTRY}/ghost/api:v1\n    memory: 128\n`,
  );
  const r = await e.cli(['verify', '--output', 'json'], { cwd: other });
  assert.equal(r.code, 1, `${r.stdout}\n${r.stderr}`);
  const img = check(r.json<VerifyJson>(), 'image');
  assert.equal(img?.status, 'failed');
  assert.match(img?.detail ?? '', /RepositoryNotFoundException|does not exist|not found/);
});

// verify reads the roles the task definition names (iam:GetRole): missing, or not trusted by ECS tasks, fails.
test('verify: a missing execution role fails', async () => {
  const r = await e.cli(['verify', '--output', 'json'], { cwd: dir, env: { EXEC_ROLE: 'no-such-role' } });
  assert.equal(r.code, 1, `${r.stdout}\n${r.stderr}`);
  assert.equal(check(r.json<VerifyJson>(), 'executionRoleArn')?.status, 'failed');
});

test('verify: an execution role whose trust policy does not allow ecs-tasks.amazonaws.com fails', async () => {
  const r = await e.cli(['verify', '--output', 'json'], { cwd: dir, env: { EXEC_ROLE: 'lambda-only' } });
  assert.equal(r.code, 1, `${r.stdout}\n${r.stderr}`);
  const role = check(r.json<VerifyJson>(), 'executionRoleArn');
  assert.equal(role?.status, 'failed');
  assert.match(role?.detail ?? '', /ecs-tasks\.amazonaws\.com/);
});

test('tag --exists: exit 0 when the repository has the directory tag, 1 when it does not', async () => {
  const yes = await e.cli(['tag', 'app/', '--exists', '--repository', 'shop/api', '--output', 'json'], { cwd: repoDir });
  assert.equal(yes.code, 0, `${yes.stdout}\n${yes.stderr}`);
  assert.deepEqual(yes.json(), { tag: appTag, exists: true });
  assert.ok(yes.calls.some((c) => c.service === 'ecr' && c.operation === 'DescribeImages' && c.status === 200));
  const no = await e.cli(['tag', 'worker/', '--exists', '--repository', 'shop/api'], { cwd: repoDir });
  assert.equal(no.code, 1, `${no.stdout}\n${no.stderr}`);
  const workerTag = git('log', '-n', '1', '--pretty=format:%H', '--', 'worker');
  assert.notEqual(workerTag, appTag);
  assert.equal(no.stdout.trim(), `${workerTag} does not exist in shop/api`);
  const plain = await e.cli(['tag', 'app/'], { cwd: repoDir });
  assert.equal(plain.stdout.trim(), appTag);
  assert.equal(plain.calls.length, 0, 'without --exists, tag makes no AWS call');
});

test('tag --exists: a repository that does not exist is a clear error, not "does not exist"', async () => {
  const r = await e.cli(['tag', 'app/', '--exists', '--repository', 'nope/api'], { cwd: repoDir });
  assert.notEqual(r.code, 0);
  assert.notEqual(r.code, 1, 'a missing repository must not look like a missing tag (exit 1 means "build it")');
  assert.match(r.stderr, /ECR repository nope\/api not found/);
});

test('the AWS calls verify and tag made are all in their iam-policy', async () => {
  const { checked, actions } = await e.assertIamCoverage();
  assert.ok(checked >= 5, `checked ${checked} runs`);
  assert.ok(actions.has('ecr:DescribeImages'));
});
