import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Sandbox } from '../../../src/local/index.js';
import { startSandbox } from '../../../src/local/index.js';
import type { SandboxEnv } from '../../../src/local/env.js';
import { createSecretsManagerService } from '../../../src/local/services/secretsmanager/secretsmanager-service.js';
import { createSsmService } from '../../../src/local/services/ssm/ssm-service.js';
import { awsCli, boto3 } from '../../helpers/sandbox.js';

interface Json {
  [k: string]: unknown;
}

describe('Secrets Manager over awsJson1_1', () => {
  let sandbox: Sandbox;
  let env: SandboxEnv | undefined;
  before(async () => {
    sandbox = await startSandbox({
      port: 0,
      host: '127.0.0.1',
      factories: [
        createSsmService,
        (e) => {
          env = e;
          return createSecretsManagerService(e);
        },
      ],
    });
  });
  after(async () => {
    await sandbox.close();
  });

  let arn = '';

  it('creates a secret with a six-character ARN suffix and reads it by name, ARN and partial ARN (AWS CLI)', async () => {
    const c = await awsCli(sandbox, [
      'secretsmanager',
      'create-secret',
      '--name',
      'app/db',
      '--secret-string',
      '{"username":"app","password":"p1"}',
      '--tags',
      'Key=team,Value=core',
    ]);
    assert.equal(c.code, 0, c.stderr);
    arn = String((c.json as Json).ARN);
    assert.match(arn, /^arn:aws:secretsmanager:us-east-1:000000000000:secret:app\/db-[A-Za-z0-9]{6}$/);
    for (const id of ['app/db', arn, arn.slice(0, -7)]) {
      const g = await awsCli(sandbox, ['secretsmanager', 'get-secret-value', '--secret-id', id]);
      assert.equal(g.code, 0, g.stderr);
      assert.equal((g.json as Json).SecretString, '{"username":"app","password":"p1"}');
      assert.deepEqual((g.json as Json).VersionStages, ['AWSCURRENT']);
    }
    const dup = await awsCli(sandbox, ['secretsmanager', 'create-secret', '--name', 'app/db', '--secret-string', 'x']);
    assert.match(dup.stderr, /ResourceExistsException/);
    const missing = await awsCli(sandbox, ['secretsmanager', 'get-secret-value', '--secret-id', 'nope']);
    assert.match(missing.stderr, /ResourceNotFoundException.*Secrets Manager can't find the specified secret\./);
  });

  it('moves AWSCURRENT/AWSPREVIOUS on PutSecretValue and keeps ClientRequestToken idempotent (boto3)', async () => {
    const r = await boto3(
      sandbox,
      `
c=boto3.client('secretsmanager',endpoint_url=endpoint,region_name=region)
first=c.describe_secret(SecretId='app/db')
p=c.put_secret_value(SecretId='app/db',SecretString='{"username":"app","password":"p2"}',ClientRequestToken='11111111-2222-3333-4444-555555555555')
same=c.put_secret_value(SecretId='app/db',SecretString='{"username":"app","password":"p2"}',ClientRequestToken='11111111-2222-3333-4444-555555555555')
try:
  c.put_secret_value(SecretId='app/db',SecretString='other',ClientRequestToken='11111111-2222-3333-4444-555555555555'); clash='accepted'
except c.exceptions.ResourceExistsException: clash='ResourceExistsException'
cur=c.get_secret_value(SecretId='app/db')
prev=c.get_secret_value(SecretId='app/db',VersionStage='AWSPREVIOUS')
byid=c.get_secret_value(SecretId='app/db',VersionId=p['VersionId'])
d=c.describe_secret(SecretId='app/db')
c.update_secret(SecretId='app/db',Description='db creds')
bin=c.create_secret(Name='blob',SecretBinary=b'\\x00\\x01binary')
b=c.get_secret_value(SecretId='blob')
try:
  c.create_secret(Name='both',SecretString='a',SecretBinary=b'b'); both='accepted'
except c.exceptions.InvalidParameterException: both='InvalidParameterException'
print(json.dumps({'stages':p['VersionStages'],'same':same['VersionId']==p['VersionId'],'clash':clash,
  'cur':cur['SecretString'],'prev':prev['SecretString'],'byid':byid['VersionStages'],
  'versions':sorted(sum(d['VersionIdsToStages'].values(),[])),'tags':d.get('Tags'),
  'desc':c.describe_secret(SecretId='app/db')['Description'],'binary':list(b['SecretBinary']),'both':both,
  'firstVersions':len(first['VersionIdsToStages'])}))
`,
    );
    assert.equal(r.code, 0, r.stderr);
    const out = r.json as Json;
    assert.deepEqual(out.stages, ['AWSCURRENT']);
    assert.equal(out.same, true);
    assert.equal(out.clash, 'ResourceExistsException');
    assert.equal(out.cur, '{"username":"app","password":"p2"}');
    assert.equal(out.prev, '{"username":"app","password":"p1"}');
    assert.deepEqual(out.byid, ['AWSCURRENT']);
    assert.deepEqual(out.versions, ['AWSCURRENT', 'AWSPREVIOUS']);
    assert.deepEqual(out.tags, [{ Key: 'team', Value: 'core' }]);
    assert.equal(out.desc, 'db creds');
    assert.deepEqual(out.binary, [0, 1, ...Buffer.from('binary')]);
    assert.equal(out.both, 'InvalidParameterException');
    assert.equal(out.firstVersions, 1);
  });

  it('resolves ECS valueFrom through the SecretReader seam, JSON keys included', async () => {
    const reader = env?.seams.secrets;
    assert.ok(reader, 'SSM/Secrets Manager factories set env.seams.secrets');
    assert.deepEqual(reader.resolve(`${arn}:password::`), { kind: 'ok', value: 'p2' });
    assert.deepEqual(reader.resolve(`${arn}:password:AWSPREVIOUS:`), { kind: 'ok', value: 'p1' });
    assert.deepEqual(reader.resolve(arn), { kind: 'ok', value: '{"username":"app","password":"p2"}' });
    const noKey = reader.resolve(`${arn}:nope::`);
    assert.equal(noKey.kind, 'error');
    assert.match(noKey.kind === 'error' ? noKey.reason : '', /did not contain json key nope/);
    const gone = reader.resolve('arn:aws:secretsmanager:us-east-1:000000000000:secret:gone-AbCdEf');
    assert.match(
      gone.kind === 'error' ? gone.reason : '',
      /failed to fetch secret .*gone-AbCdEf from secrets manager: ResourceNotFoundException: Secrets Manager can't find the specified secret\./,
    );
    assert.equal(
      (await awsCli(sandbox, ['ssm', 'put-parameter', '--name', '/app/token', '--value', 'tok', '--type', 'SecureString'])).code,
      0,
    );
    assert.deepEqual(reader.resolve('/app/token'), { kind: 'ok', value: 'tok' });
    assert.deepEqual(reader.resolve('arn:aws:ssm:us-east-1:000000000000:parameter/app/token'), { kind: 'ok', value: 'tok' });
    const noParam = reader.resolve('/app/none');
    assert.match(noParam.kind === 'error' ? noParam.reason : '', /invalid ssm parameters: \/app\/none/);
  });

  it('lists secrets with filters and pagination (AWS CLI)', async () => {
    for (const n of ['list/a', 'list/b', 'list/c']) {
      assert.equal((await awsCli(sandbox, ['secretsmanager', 'create-secret', '--name', n, '--secret-string', 'v'])).code, 0);
    }
    const r = await awsCli(sandbox, [
      'secretsmanager',
      'list-secrets',
      '--filters',
      'Key=name,Values=list/',
      '--page-size',
      '2',
      '--sort-order',
      'asc',
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(
      (r.json as { SecretList: Json[] }).SecretList.map((s) => s.Name),
      ['list/a', 'list/b', 'list/c'],
    );
  });

  it('schedules deletion with a recovery window, blocks reads, restores, and force-deletes (AWS CLI + boto3)', async () => {
    const bad = await awsCli(sandbox, ['secretsmanager', 'delete-secret', '--secret-id', 'list/a', '--recovery-window-in-days', '3']);
    assert.match(bad.stderr, /InvalidParameterException/);
    const both = await awsCli(sandbox, [
      'secretsmanager',
      'delete-secret',
      '--secret-id',
      'list/a',
      '--recovery-window-in-days',
      '7',
      '--force-delete-without-recovery',
    ]);
    assert.match(both.stderr, /InvalidParameterException/);
    const del = await awsCli(sandbox, ['secretsmanager', 'delete-secret', '--secret-id', 'list/a', '--recovery-window-in-days', '7']);
    assert.equal(del.code, 0, del.stderr);
    const days = (Number((del.json as Json).DeletionDate) * 1000 - Date.now()) / 86_400_000;
    assert.ok(days > 6.9 && days <= 7, `deletion date ${days} days away`);
    const read = await awsCli(sandbox, ['secretsmanager', 'get-secret-value', '--secret-id', 'list/a']);
    assert.match(read.stderr, /InvalidRequestException.*marked for deletion/);
    const r = await boto3(
      sandbox,
      `
c=boto3.client('secretsmanager',endpoint_url=endpoint,region_name=region)
hidden=[s['Name'] for s in c.list_secrets()['SecretList']]
shown=[s['Name'] for s in c.list_secrets(IncludePlannedDeletion=True)['SecretList']]
deleted='DeletedDate' in c.describe_secret(SecretId='list/a')
c.restore_secret(SecretId='list/a')
value=c.get_secret_value(SecretId='list/a')['SecretString']
c.delete_secret(SecretId='list/b',ForceDeleteWithoutRecovery=True)
try:
  c.describe_secret(SecretId='list/b'); gone='still there'
except c.exceptions.ResourceNotFoundException: gone='ResourceNotFoundException'
again=c.delete_secret(SecretId='never-existed',ForceDeleteWithoutRecovery=True)
print(json.dumps({'hidden':'list/a' in hidden,'shown':'list/a' in shown,'deleted':deleted,'value':value,'gone':gone,'again':again['Name']}))
`,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.json, {
      hidden: false,
      shown: true,
      deleted: true,
      value: 'v',
      gone: 'ResourceNotFoundException',
      again: 'never-existed',
    });
  });
});
