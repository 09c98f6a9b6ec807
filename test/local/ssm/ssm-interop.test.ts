import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Sandbox } from '../../../src/local/index.js';
import { startSandbox } from '../../../src/local/index.js';
import { createSsmService } from '../../../src/local/services/ssm/ssm-service.js';
import { awsCli, boto3 } from '../../helpers/sandbox.js';
import { checkParameterName, isUnderPath, parseSelector } from '../../../src/local/services/ssm/parameter-names.js';

interface Json {
  [k: string]: unknown;
}

describe('Parameter Store naming rules', () => {
  const table: ReadonlyArray<readonly [string, string]> = [
    ['/app/db/host', 'ok'],
    ['plain', 'ok'],
    ['a.b-c_d', 'ok'],
    ['awsThing', 'invalid'],
    ['/SSM/x', 'invalid'],
    ['/a b', 'invalid'],
    ['app/db', 'invalid'],
    ['/a//b', 'invalid'],
    [`/${Array.from({ length: 16 }, (_, i) => `l${i}`).join('/')}`, 'invalid'],
  ];
  for (const [name, expected] of table) {
    it(`${name} is ${expected}`, () => assert.equal(checkParameterName(name, 'us-east-1', '000000000000').kind, expected));
  }
  it('matches paths one level deep or recursively', () => {
    assert.equal(isUnderPath('/a/b', '/a', false), true);
    assert.equal(isUnderPath('/a/b/c', '/a', false), false);
    assert.equal(isUnderPath('/a/b/c', '/a/', true), true);
    assert.equal(isUnderPath('/ab', '/a', true), false);
  });
  it('parses version and label selectors and parameter ARNs', () => {
    assert.deepEqual(parseSelector('/a/b:3'), { kind: 'version', name: '/a/b', version: 3, text: ':3', fromArn: false });
    assert.deepEqual(parseSelector('/a/b:prod'), { kind: 'label', name: '/a/b', label: 'prod', text: ':prod', fromArn: false });
    assert.deepEqual(parseSelector('arn:aws:ssm:us-east-1:123456789012:parameter/a/b'), { kind: 'latest', name: '/a/b', fromArn: true });
  });
});

describe('SSM Parameter Store over awsJson1_1', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox({ port: 0, host: '127.0.0.1', factories: [createSsmService] });
  });
  after(async () => {
    await sandbox.close();
  });

  it('puts versions, refuses a second put without --overwrite, and reads SecureString encrypted or decrypted (AWS CLI)', async () => {
    assert.equal(
      (await awsCli(sandbox, ['ssm', 'put-parameter', '--name', '/app/db/password', '--value', 's3cret', '--type', 'SecureString'])).code,
      0,
    );
    const again = await awsCli(sandbox, [
      'ssm',
      'put-parameter',
      '--name',
      '/app/db/password',
      '--value',
      'other',
      '--type',
      'SecureString',
    ]);
    assert.match(again.stderr, /ParameterAlreadyExists/);
    const v2 = await awsCli(sandbox, ['ssm', 'put-parameter', '--name', '/app/db/password', '--value', 'n3w', '--overwrite']);
    assert.deepEqual(v2.json, { Version: 2, Tier: 'Standard' });
    const enc = await awsCli(sandbox, ['ssm', 'get-parameter', '--name', '/app/db/password']);
    const encrypted = (enc.json as { Parameter: Json }).Parameter;
    assert.notEqual(encrypted.Value, 'n3w');
    assert.match(String(encrypted.Value), /^AQICAH[A-Za-z0-9+/=]+$/, 'looks like a KMS ciphertext blob');
    assert.equal(encrypted.ARN, 'arn:aws:ssm:us-east-1:000000000000:parameter/app/db/password');
    const dec = await awsCli(sandbox, ['ssm', 'get-parameter', '--name', '/app/db/password', '--with-decryption']);
    assert.equal((dec.json as { Parameter: Json }).Parameter.Value, 'n3w');
    const missing = await awsCli(sandbox, ['ssm', 'get-parameter', '--name', '/nope']);
    assert.match(missing.stderr, /ParameterNotFound/);
    const reserved = await awsCli(sandbox, ['ssm', 'put-parameter', '--name', 'ssm-thing', '--value', 'x', '--type', 'String']);
    assert.match(reserved.stderr, /ValidationException/);
    const untyped = await awsCli(sandbox, ['ssm', 'put-parameter', '--name', '/untyped', '--value', 'x']);
    assert.match(untyped.stderr, /ValidationException.*type is required/);
  });

  it('answers GetParameters with InvalidParameters, selectors, KeyId defaults and history (boto3)', async () => {
    const r = await boto3(
      sandbox,
      `
c=boto3.client('ssm',endpoint_url=endpoint,region_name=region)
c.put_parameter(Name='/app/db/host',Value='db1',Type='String')
c.put_parameter(Name='/app/db/host',Value='db2',Type='String',Overwrite=True)
c.put_parameter(Name='/app/list',Value='a,b,c',Type='StringList',Tags=[{'Key':'team','Value':'core'}])
c.label_parameter_version(Name='/app/db/host',ParameterVersion=1,Labels=['stable'])
g=c.get_parameters(Names=['/app/db/host','/app/missing','/app/db/host:1'],WithDecryption=True)
lab=c.get_parameter(Name='/app/db/host:stable')['Parameter']
try:
  c.get_parameter(Name='/app/db/host:9'); vnf='none'
except c.exceptions.ParameterVersionNotFound: vnf='ParameterVersionNotFound'
meta=c.describe_parameters(ParameterFilters=[{'Key':'Name','Option':'Equals','Values':['/app/db/password']}])['Parameters'][0]
hist=c.get_parameter_history(Name='/app/db/host')['Parameters']
tags=c.list_tags_for_resource(ResourceType='Parameter',ResourceId='/app/list')['TagList']
print(json.dumps({'found':[(p['Name'],p['Value'],p.get('Selector')) for p in g['Parameters']],'invalid':g['InvalidParameters'],
  'label':[lab['Value'],lab['Selector']],'vnf':vnf,'keyId':meta.get('KeyId'),'type':meta['Type'],
  'history':[(h['Version'],h['Value'],h['Labels']) for h in hist],'tags':tags}))
`,
    );
    assert.equal(r.code, 0, r.stderr);
    const out = r.json as Json;
    assert.deepEqual(out.found, [
      ['/app/db/host', 'db2', null],
      ['/app/db/host', 'db1', ':1'],
    ]);
    assert.deepEqual(out.invalid, ['/app/missing']);
    assert.deepEqual(out.label, ['db1', ':stable']);
    assert.equal(out.vnf, 'ParameterVersionNotFound');
    assert.equal(out.keyId, 'alias/aws/ssm');
    assert.equal(out.type, 'SecureString');
    assert.deepEqual(out.history, [
      [1, 'db1', ['stable']],
      [2, 'db2', []],
    ]);
    assert.deepEqual(out.tags, [{ Key: 'team', Value: 'core' }]);
  });

  it('walks GetParametersByPath one level or recursively, page by page (boto3 paginator and AWS CLI)', async () => {
    const r = await boto3(
      sandbox,
      `
c=boto3.client('ssm',endpoint_url=endpoint,region_name=region)
for i in range(12): c.put_parameter(Name='/tree/leaf%02d'%i,Value=str(i),Type='String')
c.put_parameter(Name='/tree/deep/x',Value='deep',Type='SecureString')
first=c.get_parameters_by_path(Path='/tree')
pages=list(c.get_paginator('get_parameters_by_path').paginate(Path='/tree',Recursive=True,WithDecryption=True,PaginationConfig={'PageSize':5}))
names=[p['Name'] for page in pages for p in page['Parameters']]
deep=[p['Value'] for page in pages for p in page['Parameters'] if p['Name']=='/tree/deep/x']
one=[p['Name'] for page in c.get_paginator('get_parameters_by_path').paginate(Path='/tree') for p in page['Parameters']]
print(json.dumps({'firstPage':len(first['Parameters']),'hasToken':'NextToken' in first,'pages':len(pages),'names':len(names),'deep':deep,'one':len(one)}))
`,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.json, { firstPage: 10, hasToken: true, pages: 3, names: 13, deep: ['deep'], one: 12 });
    const cli = await awsCli(sandbox, ['ssm', 'get-parameters-by-path', '--path', '/tree', '--recursive', '--page-size', '4']);
    assert.equal((cli.json as { Parameters: Json[] }).Parameters.length, 13);
    const bad = await awsCli(sandbox, ['ssm', 'get-parameters-by-path', '--path', 'tree']);
    assert.match(bad.stderr, /ValidationException/);
    const badToken = await boto3(
      sandbox,
      `
c=boto3.client('ssm',endpoint_url=endpoint,region_name=region)
try:
  c.get_parameters_by_path(Path='/tree',NextToken='bogus'); print(json.dumps('accepted'))
except c.exceptions.InvalidNextToken: print(json.dumps('InvalidNextToken'))
`,
    );
    assert.equal(badToken.json, 'InvalidNextToken', badToken.stderr);
  });

  it('deletes one parameter or several, reporting the names it did not find (AWS CLI)', async () => {
    assert.equal((await awsCli(sandbox, ['ssm', 'delete-parameter', '--name', '/app/list'])).code, 0);
    assert.match((await awsCli(sandbox, ['ssm', 'delete-parameter', '--name', '/app/list'])).stderr, /ParameterNotFound/);
    const many = await awsCli(sandbox, ['ssm', 'delete-parameters', '--names', '/tree/leaf00', '/tree/none']);
    assert.deepEqual(many.json, { DeletedParameters: ['/tree/leaf00'], InvalidParameters: ['/tree/none'] });
  });
});
