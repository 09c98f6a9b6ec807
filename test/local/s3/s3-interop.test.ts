import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sandbox } from '../../../src/local/index.js';
import { startSandbox } from '../../../src/local/index.js';
import { createS3Service } from '../../../src/local/services/s3/s3-service.js';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { awsCli, boto3, clientEnv } from '../../helpers/sandbox.js';

interface Json {
  [k: string]: unknown;
}

/** The high-level `aws s3` commands print text, not JSON, so they get their own runner. */
async function awsS3(
  sandbox: Sandbox,
  args: readonly string[],
): Promise<{ readonly code: number; readonly stdout: string; readonly stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)('aws', ['s3', ...args, '--endpoint-url', sandbox.endpoint], {
      env: clientEnv(sandbox),
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof err.code === 'number' ? err.code : 1, stdout: err.stdout ?? '', stderr: err.stderr ?? '' };
  }
}

describe('S3 (path-style restXml)', () => {
  let sandbox: Sandbox;
  let dir: string;
  before(async () => {
    sandbox = await startSandbox({ port: 0, host: '127.0.0.1', factories: [createS3Service] });
    dir = mkdtempSync(join(tmpdir(), 'cortado-s3-'));
  });
  after(async () => {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates, heads and refuses to delete a non-empty bucket; bad names and missing buckets fail as S3 does (s3api)', async () => {
    assert.equal((await awsCli(sandbox, ['s3api', 'create-bucket', '--bucket', 'artifacts'])).code, 0);
    const head = await awsCli(sandbox, ['s3api', 'head-bucket', '--bucket', 'artifacts']);
    assert.equal((head.json as Json).BucketRegion, 'us-east-1');
    const bad = await awsCli(sandbox, ['s3api', 'create-bucket', '--bucket', 'Bad_Name']);
    assert.match(bad.stderr, /InvalidBucketName/);
    const missing = await awsCli(sandbox, ['s3api', 'list-objects-v2', '--bucket', 'nope-bucket']);
    assert.match(missing.stderr, /NoSuchBucket/);
    writeFileSync(join(dir, 'a.txt'), 'hello\n');
    assert.equal(
      (await awsCli(sandbox, ['s3api', 'put-object', '--bucket', 'artifacts', '--key', 'keep.txt', '--body', join(dir, 'a.txt')])).code,
      0,
    );
    const notEmpty = await awsCli(sandbox, ['s3api', 'delete-bucket', '--bucket', 'artifacts']);
    assert.match(notEmpty.stderr, /BucketNotEmpty/);
  });

  it('answers BucketAlreadyOwnedByYou outside us-east-1 and checks the location constraint (boto3)', async () => {
    const r = await boto3(
      sandbox,
      `
c=boto3.client('s3',endpoint_url=endpoint,region_name='eu-west-1')
out={}
try:
  c.create_bucket(Bucket='eu-bucket'); out['noConstraint']='ok'
except c.exceptions.ClientError as e: out['noConstraint']=e.response['Error']['Code']
c.create_bucket(Bucket='eu-bucket',CreateBucketConfiguration={'LocationConstraint':'eu-west-1'})
try:
  c.create_bucket(Bucket='eu-bucket',CreateBucketConfiguration={'LocationConstraint':'eu-west-1'}); out['again']='ok'
except c.exceptions.BucketAlreadyOwnedByYou as e: out['again']=[e.response['Error']['Code'],e.response['Error'].get('BucketName'),e.response['ResponseMetadata']['HTTPStatusCode']]
out['region']=c.head_bucket(Bucket='eu-bucket')['BucketRegion']
print(json.dumps(out))
`,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.json, {
      noConstraint: 'IllegalLocationConstraintException',
      again: ['BucketAlreadyOwnedByYou', 'eu-bucket', 409],
      region: 'eu-west-1',
    });
  });

  it('stores objects with a quoted-MD5 ETag, content type and user metadata, and serves ranges with 206 (s3api)', async () => {
    const put = await awsCli(sandbox, [
      's3api',
      'put-object',
      '--bucket',
      'artifacts',
      '--key',
      'docs/readme.txt',
      '--body',
      join(dir, 'a.txt'),
      '--content-type',
      'text/plain',
      '--metadata',
      'build=42',
    ]);
    assert.equal((put.json as Json).ETag, '"b1946ac92492d2347c6235b4d2611184"');
    const head = await awsCli(sandbox, ['s3api', 'head-object', '--bucket', 'artifacts', '--key', 'docs/readme.txt']);
    const h = head.json as Json;
    assert.equal(h.ContentLength, 6);
    assert.equal(h.ContentType, 'text/plain');
    assert.deepEqual(h.Metadata, { build: '42' });
    assert.match(String(h.LastModified), /GMT$/);
    const part = await awsCli(sandbox, [
      's3api',
      'get-object',
      '--bucket',
      'artifacts',
      '--key',
      'docs/readme.txt',
      '--range',
      'bytes=1-3',
      join(dir, 'part.txt'),
    ]);
    assert.equal(part.code, 0, part.stderr);
    assert.equal((part.json as Json).ContentRange, 'bytes 1-3/6');
    assert.equal(readFileSync(join(dir, 'part.txt'), 'utf8'), 'ell');
    const r = await boto3(
      sandbox,
      `
c=boto3.client('s3',endpoint_url=endpoint,region_name=region)
g=c.get_object(Bucket='artifacts',Key='docs/readme.txt',Range='bytes=-2')
try:
  c.get_object(Bucket='artifacts',Key='docs/readme.txt',Range='bytes=100-'); bad='ok'
except c.exceptions.ClientError as e: bad=[e.response['Error']['Code'],e.response['ResponseMetadata']['HTTPStatusCode']]
try:
  c.get_object(Bucket='artifacts',Key='docs/none'); nk='ok'
except c.exceptions.NoSuchKey as e: nk=[e.response['Error']['Code'],e.response['Error'].get('Key')]
print(json.dumps({'status':g['ResponseMetadata']['HTTPStatusCode'],'body':g['Body'].read().decode(),'bad':bad,'nk':nk}))
`,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.json, { status: 206, body: 'o\n', bad: ['InvalidRange', 416], nk: ['NoSuchKey', 'docs/none'] });
  });

  it('does conditional writes and reads: If-None-Match *, If-Match, 304 and 412 (boto3)', async () => {
    const r = await boto3(
      sandbox,
      `
c=boto3.client('s3',endpoint_url=endpoint,region_name=region)
def code(f):
  try:
    f(); return 'ok'
  except c.exceptions.ClientError as e: return [e.response['Error']['Code'],e.response['ResponseMetadata']['HTTPStatusCode'],e.response['Error'].get('Condition')]
first=c.put_object(Bucket='artifacts',Key='lock',Body=b'v1',IfNoneMatch='*')['ETag']
out={'createTwice':code(lambda: c.put_object(Bucket='artifacts',Key='lock',Body=b'v2',IfNoneMatch='*')),
  'wrongEtag':code(lambda: c.put_object(Bucket='artifacts',Key='lock',Body=b'v2',IfMatch='"0000"')),
  'absent':code(lambda: c.put_object(Bucket='artifacts',Key='absent',Body=b'v2',IfMatch=first))}
second=c.put_object(Bucket='artifacts',Key='lock',Body=b'v2',IfMatch=first)['ETag']
out['swapped']=c.get_object(Bucket='artifacts',Key='lock')['Body'].read().decode()
out['stale']=code(lambda: c.put_object(Bucket='artifacts',Key='lock',Body=b'v3',IfMatch=first))
out['notModified']=code(lambda: c.get_object(Bucket='artifacts',Key='lock',IfNoneMatch=second))
out['headNotModified']=code(lambda: c.head_object(Bucket='artifacts',Key='lock',IfNoneMatch=second))
out['readMismatch']=code(lambda: c.get_object(Bucket='artifacts',Key='lock',IfMatch=first))
out['readMatch']=code(lambda: c.get_object(Bucket='artifacts',Key='lock',IfMatch=second))
print(json.dumps(out))
`,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.json, {
      createTwice: ['PreconditionFailed', 412, 'If-None-Match'],
      wrongEtag: ['PreconditionFailed', 412, 'If-Match'],
      absent: ['NoSuchKey', 404, null],
      swapped: 'v2',
      stale: ['PreconditionFailed', 412, 'If-Match'],
      notModified: ['304', 304, null],
      headNotModified: ['304', 304, null],
      readMismatch: ['PreconditionFailed', 412, 'If-Match'],
      readMatch: 'ok',
    });
  });

  it('lists with Prefix, Delimiter, MaxKeys, StartAfter and continuation tokens (boto3 paginator + s3api)', async () => {
    const r = await boto3(
      sandbox,
      `
c=boto3.client('s3',endpoint_url=endpoint,region_name=region)
c.create_bucket(Bucket='listing')
for k in ['a/1','a/2','a/b/3','b','c d/1','c d/2','e']: c.put_object(Bucket='listing',Key=k,Body=b'x')
top=c.list_objects_v2(Bucket='listing',Delimiter='/')
pages=list(c.get_paginator('list_objects_v2').paginate(Bucket='listing',PaginationConfig={'PageSize':2}))
after=c.list_objects_v2(Bucket='listing',StartAfter='b')
rolled=list(c.get_paginator('list_objects_v2').paginate(Bucket='listing',Delimiter='/',PaginationConfig={'PageSize':1}))
print(json.dumps({'keys':[o['Key'] for o in top.get('Contents',[])],'prefixes':[p['Prefix'] for p in top['CommonPrefixes']],'count':top['KeyCount'],
  'pages':[[o['Key'] for o in p.get('Contents',[])] for p in pages],'truncated':[p['IsTruncated'] for p in pages],
  'after':[o['Key'] for o in after['Contents']],
  'rolled':[[o['Key'] for o in p.get('Contents',[])]+[x['Prefix'] for x in p.get('CommonPrefixes',[])] for p in rolled]}))
`,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.json, {
      keys: ['b', 'e'],
      prefixes: ['a/', 'c d/'],
      count: 4,
      pages: [['a/1', 'a/2'], ['a/b/3', 'b'], ['c d/1', 'c d/2'], ['e']],
      truncated: [true, true, true, false],
      after: ['c d/1', 'c d/2', 'e'],
      rolled: [['a/'], ['b'], ['c d/'], ['e']],
    });
    const cli = await awsCli(sandbox, ['s3api', 'list-objects-v2', '--bucket', 'listing', '--prefix', 'a/', '--max-items', '2']);
    assert.deepEqual(
      (cli.json as { Contents: Json[] }).Contents.map((o) => o.Key),
      ['a/1', 'a/2'],
    );
  });

  it('works with the high-level aws s3 commands: cp up and down, ls, multipart above 8 MB, rm, rb', async () => {
    const big = Buffer.alloc(9 * 1024 * 1024, 7);
    big.write('cortado', 5_000_000);
    writeFileSync(join(dir, 'big.bin'), big);
    assert.equal((await awsS3(sandbox, ['mb', 's3://highlevel'])).code, 0);
    const up = await awsS3(sandbox, ['cp', join(dir, 'big.bin'), 's3://highlevel/builds/big.bin', '--only-show-errors']);
    assert.equal(up.code, 0, up.stderr);
    assert.equal((await awsS3(sandbox, ['cp', join(dir, 'a.txt'), 's3://highlevel/builds/a.txt', '--only-show-errors'])).code, 0);
    const head = await awsCli(sandbox, ['s3api', 'head-object', '--bucket', 'highlevel', '--key', 'builds/big.bin']);
    assert.match(String((head.json as Json).ETag), /^"[0-9a-f]{32}-2"$/, 'multipart ETag');
    const down = await awsS3(sandbox, ['cp', 's3://highlevel/builds/big.bin', join(dir, 'big-copy.bin'), '--only-show-errors']);
    assert.equal(down.code, 0, down.stderr);
    assert.ok(readFileSync(join(dir, 'big-copy.bin')).equals(big), 'downloaded bytes match');
    const ls = await awsS3(sandbox, ['ls', 's3://highlevel/builds/']);
    assert.match(ls.stdout, /9437184 big\.bin/);
    assert.match(ls.stdout, /6 a\.txt/);
    const root = await awsS3(sandbox, ['ls', 's3://highlevel/']);
    assert.match(root.stdout, /PRE builds\//);
    assert.equal((await awsS3(sandbox, ['rm', 's3://highlevel', '--recursive', '--only-show-errors'])).code, 0);
    assert.equal((await awsS3(sandbox, ['rb', 's3://highlevel'])).code, 0);
    const gone = await awsCli(sandbox, ['s3api', 'head-bucket', '--bucket', 'highlevel']);
    assert.notEqual(gone.code, 0);
  });

  it('copies objects keeping or replacing metadata, and deletes in batches (boto3)', async () => {
    const r = await boto3(
      sandbox,
      `
c=boto3.client('s3',endpoint_url=endpoint,region_name=region)
c.put_object(Bucket='artifacts',Key='src',Body=b'data',ContentType='text/csv',Metadata={'v':'1'})
c.copy_object(Bucket='artifacts',Key='dst',CopySource={'Bucket':'artifacts','Key':'src'})
kept=c.head_object(Bucket='artifacts',Key='dst')
c.copy_object(Bucket='artifacts',Key='dst2',CopySource='artifacts/src',MetadataDirective='REPLACE',ContentType='text/plain',Metadata={'v':'2'})
repl=c.head_object(Bucket='artifacts',Key='dst2')
try:
  c.copy_object(Bucket='artifacts',Key='src',CopySource='artifacts/src'); self_copy='ok'
except c.exceptions.ClientError as e: self_copy=e.response['Error']['Code']
d=c.delete_objects(Bucket='artifacts',Delete={'Objects':[{'Key':'dst'},{'Key':'dst2'},{'Key':'never'}]})
left=[o['Key'] for o in c.list_objects_v2(Bucket='artifacts').get('Contents',[])]
print(json.dumps({'kept':[kept['ContentType'],kept['Metadata']],'repl':[repl['ContentType'],repl['Metadata']],'self':self_copy,
  'deleted':sorted(x['Key'] for x in d['Deleted']),'left':left}))
`,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.json, {
      kept: ['text/csv', { v: '1' }],
      repl: ['text/plain', { v: '2' }],
      self: 'InvalidRequest',
      deleted: ['dst', 'dst2', 'never'],
      left: ['docs/readme.txt', 'keep.txt', 'lock', 'src'],
    });
  });
});
