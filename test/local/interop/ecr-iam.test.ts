// ECR repositories and images, IAM roles and their policies, driven by the AWS CLI and boto3 against the sandbox.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { Sandbox } from '../../../src/local/index.js';
import { createEcrService } from '../../../src/local/services/ecr/ecr-service.js';
import { createIamService } from '../../../src/local/services/iam/iam-service.js';
import { awsCli, boto3, withSandbox } from '../../helpers/sandbox.js';

interface Json {
  [k: string]: unknown;
}

const manifest = (layer: string) =>
  JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
    config: { mediaType: 'application/vnd.docker.container.image.v1+json', size: 100, digest: `sha256:${'c'.repeat(64)}` },
    layers: [{ mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip', size: 1000, digest: `sha256:${layer.repeat(64)}` }],
  });
const digest = (m: string) => `sha256:${createHash('sha256').update(m).digest('hex')}`;
const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});
const EXEC_POLICY = 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy';

describe('ECR (AWS CLI, boto3)', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await withSandbox({ factories: [createEcrService] });
  });
  after(async () => {
    await sandbox?.close();
  });

  it('creates repositories, refuses duplicates and bad names, and deletes only empty ones without --force (AWS CLI)', async () => {
    const created = await awsCli(sandbox, ['ecr', 'create-repository', '--repository-name', 'web/app']);
    assert.equal(created.code, 0, created.stderr);
    const repo = (created.json as { repository: Json }).repository;
    assert.equal(repo.repositoryArn, 'arn:aws:ecr:us-east-1:000000000000:repository/web/app');
    assert.equal(repo.repositoryUri, '000000000000.dkr.ecr.us-east-1.amazonaws.com/web/app');
    assert.equal(repo.imageTagMutability, 'MUTABLE');
    const again = await awsCli(sandbox, ['ecr', 'create-repository', '--repository-name', 'web/app']);
    assert.match(
      again.stderr,
      /\(RepositoryAlreadyExistsException\).*: The repository with name 'web\/app' already exists in the registry with id '000000000000'/,
    );
    const bad = await awsCli(sandbox, ['ecr', 'create-repository', '--repository-name', 'Web']);
    assert.match(bad.stderr, /\(InvalidParameterException\)/);
    const missing = await awsCli(sandbox, ['ecr', 'describe-repositories', '--repository-names', 'nope']);
    assert.match(
      missing.stderr,
      /\(RepositoryNotFoundException\).*: The repository with name 'nope' does not exist in the registry with id '000000000000'/,
    );
    assert.equal(
      (await awsCli(sandbox, ['ecr', 'put-image', '--repository-name', 'web/app', '--image-tag', 'v1', '--image-manifest', manifest('a')]))
        .code,
      0,
    );
    const notEmpty = await awsCli(sandbox, ['ecr', 'delete-repository', '--repository-name', 'web/app']);
    assert.match(notEmpty.stderr, /\(RepositoryNotEmptyException\).*cannot be deleted because it still contains images/);
    assert.equal((await awsCli(sandbox, ['ecr', 'delete-repository', '--repository-name', 'web/app', '--force'])).code, 0);
    const gone = await awsCli(sandbox, ['ecr', 'describe-repositories']);
    assert.deepEqual((gone.json as { repositories: unknown[] }).repositories, []);
  });

  it('puts images by tag, finds them by tag and digest, moves tags, and refuses on immutable repositories (boto3)', async () => {
    const m1 = manifest('a');
    const m2 = manifest('b');
    const r = await boto3(
      sandbox,
      `
c=boto3.client('ecr',endpoint_url=endpoint,region_name=region)
m1=${JSON.stringify(m1)}; m2=${JSON.stringify(m2)}
c.create_repository(repositoryName='api')
c.create_repository(repositoryName='locked',imageTagMutability='IMMUTABLE')
p1=c.put_image(repositoryName='api',imageTag='v1',imageManifest=m1)['image']['imageId']
c.put_image(repositoryName='api',imageTag='latest',imageManifest=m1)
try: c.put_image(repositoryName='api',imageTag='v1',imageManifest=m1); dup='none'
except c.exceptions.ImageAlreadyExistsException as e: dup=e.response['Error']['Code']
c.put_image(repositoryName='api',imageTag='latest',imageManifest=m2)
by_tag=c.describe_images(repositoryName='api',imageIds=[{'imageTag':'latest'}])['imageDetails'][0]
by_digest=c.describe_images(repositoryName='api',imageIds=[{'imageDigest':p1['imageDigest']}])['imageDetails'][0]
try: c.describe_images(repositoryName='api',imageIds=[{'imageTag':'v9'}]); nf=None
except c.exceptions.ImageNotFoundException as e: nf=e.response['Error']['Message']
try: c.list_images(repositoryName='nope'); rnf=None
except c.exceptions.RepositoryNotFoundException as e: rnf=e.response['Error']['Code']
got=c.batch_get_image(repositoryName='api',imageIds=[{'imageTag':'v1'},{'imageTag':'v9'}])
listed=c.list_images(repositoryName='api')['imageIds']
untagged=c.list_images(repositoryName='api',filter={'tagStatus':'UNTAGGED'})['imageIds']
c.put_image(repositoryName='locked',imageTag='v1',imageManifest=m1)
try: c.put_image(repositoryName='locked',imageTag='v1',imageManifest=m2); imm=None
except c.exceptions.ImageTagAlreadyExistsException as e: imm=e.response['Error']['Message']
deleted=c.batch_delete_image(repositoryName='api',imageIds=[{'imageTag':'v1'},{'imageTag':'v9'}])
after=c.describe_images(repositoryName='api')['imageDetails']
print(json.dumps({'p1':p1,'dup':dup,'byTag':[by_tag['imageDigest'],by_tag['imageTags'],by_tag['imageSizeInBytes'],by_tag['imageManifestMediaType']],
  'byDigest':[by_digest['imageDigest'],sorted(by_digest['imageTags'])],'nf':nf,'rnf':rnf,
  'got':[[i['imageId'],i['imageManifest']==m1] for i in got['images']],'failures':got['failures'],
  'listed':sorted([(i['imageDigest'],i.get('imageTag')) for i in listed], key=str),'untagged':untagged,'imm':imm,
  'deleted':deleted['imageIds'],'delFailures':deleted['failures'],'after':[(d['imageDigest'],d.get('imageTags')) for d in after]}))
`,
    );
    assert.equal(r.code, 0, r.stderr);
    const out = r.json as Json;
    const d1 = digest(m1);
    const d2 = digest(m2);
    assert.deepEqual(out.p1, { imageDigest: d1, imageTag: 'v1' });
    assert.equal(out.dup, 'ImageAlreadyExistsException');
    assert.deepEqual(out.byTag, [d2, ['latest'], 1100, 'application/vnd.docker.distribution.manifest.v2+json']);
    assert.deepEqual(out.byDigest, [d1, ['v1']], 'latest moved to the second manifest');
    assert.equal(
      out.nf,
      "The image with imageId {imageDigest:'null', imageTag:'v9'} does not exist within the repository with name 'api' in the registry with id '000000000000'",
    );
    assert.equal(out.rnf, 'RepositoryNotFoundException');
    assert.deepEqual(out.got, [[{ imageDigest: d1, imageTag: 'v1' }, true]]);
    assert.deepEqual(out.failures, [
      { imageId: { imageTag: 'v9' }, failureCode: 'ImageNotFound', failureReason: 'Requested image not found' },
    ]);
    assert.deepEqual(
      out.listed,
      [
        [d1, 'v1'],
        [d2, 'latest'],
      ].sort((a, b) => (String(a) < String(b) ? -1 : 1)),
    );
    assert.deepEqual(out.untagged, []);
    assert.equal(
      out.imm,
      "The image tag 'v1' already exists in the 'locked' repository and cannot be overwritten because the repository is immutable.",
    );
    assert.deepEqual(out.deleted, [{ imageDigest: d1, imageTag: 'v1' }]);
    assert.deepEqual(out.delFailures, [
      { imageId: { imageTag: 'v9' }, failureCode: 'ImageNotFound', failureReason: 'Requested image not found' },
    ]);
    assert.deepEqual(out.after, [[d2, ['latest']]]);
  });
});

describe('IAM roles (AWS CLI, boto3)', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await withSandbox({ factories: [createIamService], region: 'eu-central-1' });
  });
  after(async () => {
    await sandbox?.close();
  });

  it('creates a role with a trust policy, answers it URL-encoded on the wire and decoded by the CLI, and refuses duplicates', async () => {
    const created = await awsCli(sandbox, [
      'iam',
      'create-role',
      '--role-name',
      'exec',
      '--path',
      '/service/',
      '--assume-role-policy-document',
      TRUST,
      '--tags',
      'Key=team,Value=core',
    ]);
    assert.equal(created.code, 0, created.stderr);
    const role = (created.json as { Role: Json }).Role;
    assert.equal(role.Arn, 'arn:aws:iam::000000000000:role/service/exec');
    assert.match(String(role.RoleId), /^AROA[A-Z2-7]{17}$/);
    assert.deepEqual(role.AssumeRolePolicyDocument, JSON.parse(TRUST));
    const wire = await fetch(sandbox.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=GetRole&Version=2010-05-08&RoleName=exec',
    });
    const xml = await wire.text();
    assert.ok(xml.includes(`<AssumeRolePolicyDocument>${encodeURIComponent(TRUST)}</AssumeRolePolicyDocument>`), xml);
    const dup = await awsCli(sandbox, ['iam', 'create-role', '--role-name', 'EXEC', '--assume-role-policy-document', TRUST]);
    assert.match(dup.stderr, /\(EntityAlreadyExists\).*: Role with name EXEC already exists\./);
    const missing = await awsCli(sandbox, ['iam', 'get-role', '--role-name', 'nope']);
    assert.match(missing.stderr, /\(NoSuchEntity\).*: The role with name nope cannot be found\./);
    const malformed = await awsCli(sandbox, ['iam', 'create-role', '--role-name', 'bad', '--assume-role-policy-document', '{not json']);
    assert.match(malformed.stderr, /\(MalformedPolicyDocument\)/);
  });

  it('attaches, lists and detaches managed policies, keeps inline policies and tags, and deletes only a bare role (boto3)', async () => {
    const r = await boto3(
      sandbox,
      `
from botocore.exceptions import ClientError
c=boto3.client('iam',endpoint_url=endpoint,region_name=region)
def code(f):
  try: f(); return None
  except ClientError as e: return [e.response['Error']['Code'], e.response['ResponseMetadata']['HTTPStatusCode'], e.response['Error']['Message']]
c.create_role(RoleName='task',AssumeRolePolicyDocument=${JSON.stringify(TRUST)})
c.attach_role_policy(RoleName='task',PolicyArn=${JSON.stringify(EXEC_POLICY)})
attached=c.list_attached_role_policies(RoleName='task')['AttachedPolicies']
c.put_role_policy(RoleName='task',PolicyName='read',PolicyDocument=json.dumps({'Version':'2012-10-17','Statement':[{'Effect':'Allow','Action':'s3:GetObject','Resource':'*'}]}))
inline=c.get_role_policy(RoleName='task',PolicyName='read')['PolicyDocument']
c.tag_role(RoleName='task',Tags=[{'Key':'env','Value':'dev'}])
role=c.get_role(RoleName='task')['Role']
conflict=code(lambda: c.delete_role(RoleName='task'))
c.detach_role_policy(RoleName='task',PolicyArn=${JSON.stringify(EXEC_POLICY)})
not_attached=code(lambda: c.detach_role_policy(RoleName='task',PolicyArn=${JSON.stringify(EXEC_POLICY)}))
inline_conflict=code(lambda: c.delete_role(RoleName='task'))
no_policy=code(lambda: c.get_role_policy(RoleName='task',PolicyName='nope'))
c.delete_role_policy(RoleName='task',PolicyName='read')
c.delete_role(RoleName='task')
gone=code(lambda: c.get_role(RoleName='task'))
for i in range(3): c.create_role(RoleName=f'r{i}',Path='/paged/',AssumeRolePolicyDocument=${JSON.stringify(TRUST)})
page1=c.list_roles(PathPrefix='/paged/',MaxItems=2); page2=c.list_roles(PathPrefix='/paged/',MaxItems=2,Marker=page1['Marker'])
print(json.dumps({'attached':attached,'inline':inline,'trust':role['AssumeRolePolicyDocument'],'tags':role.get('Tags'),'conflict':conflict,
  'notAttached':not_attached,'inlineConflict':inline_conflict,'noPolicy':no_policy,'gone':gone,
  'pages':[[r['RoleName'] for r in page1['Roles']],page1['IsTruncated'],[r['RoleName'] for r in page2['Roles']],page2['IsTruncated']]}))
`,
    );
    assert.equal(r.code, 0, r.stderr);
    const out = r.json as Json;
    assert.deepEqual(out.attached, [{ PolicyName: 'AmazonECSTaskExecutionRolePolicy', PolicyArn: EXEC_POLICY }]);
    assert.deepEqual(out.inline, { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });
    assert.deepEqual(out.trust, JSON.parse(TRUST));
    assert.deepEqual(out.tags, [{ Key: 'env', Value: 'dev' }]);
    assert.deepEqual(out.conflict, ['DeleteConflict', 409, 'Cannot delete entity, must detach all policies first.']);
    assert.deepEqual(out.notAttached, ['NoSuchEntity', 404, `Policy ${EXEC_POLICY} was not found.`]);
    assert.deepEqual(out.inlineConflict, ['DeleteConflict', 409, 'Cannot delete entity, must delete policies first.']);
    assert.deepEqual(out.noPolicy, ['NoSuchEntity', 404, 'The role policy with name nope cannot be found.']);
    assert.deepEqual(out.gone, ['NoSuchEntity', 404, 'The role with name task cannot be found.']);
    assert.deepEqual(out.pages, [['r0', 'r1'], true, ['r2'], false]);
  });
});
