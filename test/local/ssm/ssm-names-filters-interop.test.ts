import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Sandbox } from '../../../src/local/index.js';
import { startSandbox } from '../../../src/local/index.js';
import { createSsmService } from '../../../src/local/services/ssm/ssm-service.js';
import { awsCli, boto3 } from '../../helpers/sandbox.js';

describe('SSM names, filters and paths through independent clients', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox({ port: 0, host: '127.0.0.1', factories: [createSsmService] });
  });
  after(async () => {
    await sandbox.close();
  });

  it('treats "name" and "/name" as one root-level parameter, echoing the name a read used (boto3)', async () => {
    const r = await boto3(
      sandbox,
      `
c=boto3.client('ssm',endpoint_url=endpoint,region_name=region)
c.put_parameter(Name='plain',Value='v1',Type='String',Tags=[{'Key':'k','Value':'v'}])
try:
  c.put_parameter(Name='/plain',Value='v2',Type='String'); dup='created'
except c.exceptions.ParameterAlreadyExists: dup='ParameterAlreadyExists'
over=c.put_parameter(Name='/plain',Value='v2',Overwrite=True)['Version']
a=c.get_parameter(Name='/plain')['Parameter']
b=c.get_parameter(Name='plain:1')['Parameter']
byArn=c.get_parameter(Name=a['ARN'])['Parameter']
many=c.get_parameters(Names=['/plain','plain'])['Parameters']
described=[p['Name'] for p in c.describe_parameters(ParameterFilters=[{'Key':'Name','Values':['/plain']}])['Parameters']]
root=[p['Name'] for p in c.get_parameters_by_path(Path='/')['Parameters']]
tags=c.list_tags_for_resource(ResourceType='Parameter',ResourceId='/plain')['TagList']
try:
  c.get_parameter(Name='app/db'); bad='accepted'
except c.exceptions.ClientError as e: bad=[e.response['Error']['Code'],e.response['Error']['Message']]
c.delete_parameter(Name='/plain')
try:
  c.get_parameter(Name='plain'); gone='found'
except c.exceptions.ParameterNotFound: gone='ParameterNotFound'
print(json.dumps({'dup':dup,'over':over,'a':[a['Name'],a['Value'],a['ARN']],'b':[b['Name'],b['Value'],b['Selector']],'byArn':byArn['Name'],
  'many':sorted(p['Name'] for p in many),'described':described,'root':root,'tags':tags,'bad':bad,'gone':gone}))
`,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.json, {
      dup: 'ParameterAlreadyExists',
      over: 2,
      a: ['/plain', 'v2', 'arn:aws:ssm:us-east-1:000000000000:parameter/plain'],
      b: ['plain', 'v1', ':1'],
      byArn: 'plain',
      many: ['/plain', 'plain'],
      described: ['plain'],
      root: ['plain'],
      tags: [{ Key: 'k', Value: 'v' }],
      bad: [
        'ValidationException',
        'Parameter name: can\'t be prefixed with "ssm" (case-insensitive). If formed as a path, it can consist of sub-paths divided by slash symbol; each sub-path can be formed as a mix of letters, numbers and the following 3 symbols .-_',
      ],
      gone: 'ParameterNotFound',
    });
  });

  it('filters DescribeParameters by KeyId and tag with BeginsWith, and refuses what AWS refuses (AWS CLI)', async () => {
    const put = (args: string[]) => awsCli(sandbox, ['ssm', 'put-parameter', ...args]);
    assert.equal(
      (
        await put([
          '--name',
          '/svc/a',
          '--value',
          'x',
          '--type',
          'SecureString',
          '--key-id',
          'alias/svc-a',
          '--tags',
          'Key=team,Value=payments-eu',
        ])
      ).code,
      0,
    );
    assert.equal((await put(['--name', '/svc/b', '--value', 'x', '--type', 'SecureString', '--tags', 'Key=team,Value=search'])).code, 0);
    assert.equal((await put(['--name', '/svc/c', '--value', 'x', '--type', 'String'])).code, 0);
    const names = async (filters: string[]) => {
      const out = await awsCli(sandbox, ['ssm', 'describe-parameters', '--parameter-filters', ...filters]);
      assert.equal(out.code, 0, out.stderr);
      return (out.json as { Parameters: Array<{ Name: string }> }).Parameters.map((p) => p.Name);
    };
    assert.deepEqual(await names(['Key=KeyId,Option=BeginsWith,Values=alias/svc']), ['/svc/a']);
    assert.deepEqual(await names(['Key=KeyId,Values=alias/aws/ssm']), ['/svc/b']);
    assert.deepEqual(await names(['Key=tag:team,Option=BeginsWith,Values=pay']), ['/svc/a']);
    assert.deepEqual(await names(['Key=tag:team']), ['/svc/a', '/svc/b']);
    assert.deepEqual(await names(['Key=Path,Option=OneLevel,Values=/svc', 'Key=Type,Values=String']), ['/svc/c']);
    const err = async (args: string[]) => (await awsCli(sandbox, ['ssm', 'describe-parameters', ...args])).stderr;
    assert.match(await err(['--parameter-filters', 'Key=Label,Values=x']), /InvalidFilterKey.*Label/);
    assert.match(await err(['--parameter-filters', 'Key=Type,Option=Contains,Values=String']), /InvalidFilterOption/);
    assert.match(await err(['--parameter-filters', 'Key=Type,Values=Text']), /InvalidFilterValue/);
    assert.match(await err(['--parameter-filters', 'Key=Name']), /InvalidFilterValue.*missing/);
    assert.match(await err(['--parameter-filters', 'Key=Colour,Values=x']), /ValidationException.*regular expression pattern/);
    assert.match(
      await err(['--filters', 'Key=Name,Values=/svc', '--parameter-filters', 'Key=Name,Values=/svc']),
      /ValidationException.*either Filters or ParameterFilters/,
    );
    const legacy = await awsCli(sandbox, [
      'ssm',
      'describe-parameters',
      '--filters',
      'Key=Name,Values=/svc/',
      'Key=Type,Values=SecureString',
    ]);
    assert.deepEqual(
      (legacy.json as { Parameters: Array<{ Name: string }> }).Parameters.map((p) => p.Name),
      ['/svc/a', '/svc/b'],
    );
  });

  it('answers GetParametersByPath edge cases: filters it takes, paths it refuses, decryption and page sizes (boto3)', async () => {
    const r = await boto3(
      sandbox,
      `
from botocore.exceptions import ClientError, ParamValidationError
c=boto3.client('ssm',endpoint_url=endpoint,region_name=region)
c.put_parameter(Name='/deep/one',Value='1',Type='String')
c.put_parameter(Name='/deep/two/three',Value='s3cret',Type='SecureString')
c.label_parameter_version(Name='/deep/one',Labels=['live'])
c.put_parameter(Name='/deep/one',Value='1b',Overwrite=True)
def err(**kw):
  try:
    c.get_parameters_by_path(**kw); return 'accepted'
  except ClientError as e: return e.response['Error']['Code']
  except ParamValidationError: return 'ParamValidationError'
level=[p['Name'] for p in c.get_parameters_by_path(Path='/deep/')['Parameters']]
rec=c.get_parameters_by_path(Path='/deep',Recursive=True)['Parameters']
dec=c.get_parameters_by_path(Path='/deep',Recursive=True,WithDecryption=True)['Parameters']
sec=[p['Name'] for p in c.get_parameters_by_path(Path='/deep',Recursive=True,ParameterFilters=[{'Key':'Type','Values':['SecureString']}])['Parameters']]
lab=[(p['Name'],p['Value'],p['Version']) for p in c.get_parameters_by_path(Path='/deep',ParameterFilters=[{'Key':'Label','Values':['live']}])['Parameters']]
deep='/'+'/'.join('l%d'%i for i in range(16))
print(json.dumps({'level':level,'rec':[p['Name'] for p in rec],'enc':[p['Value']!='s3cret' for p in rec if p['Type']=='SecureString'],
  'dec':[p['Value'] for p in dec if p['Type']=='SecureString'],'sec':sec,'lab':lab,
  'tag':err(Path='/deep',ParameterFilters=[{'Key':'tag:team','Values':['x']}]),
  'tier':err(Path='/deep',ParameterFilters=[{'Key':'Tier','Values':['Standard']}]),
  'labelOption':err(Path='/deep',ParameterFilters=[{'Key':'Label','Option':'BeginsWith','Values':['l']}]),
  'relative':err(Path='deep'),'empty':err(Path='/deep//x'),'tooDeep':err(Path=deep),'fifteen':err(Path=deep.rsplit('/',1)[0]),
  'max11':err(Path='/deep',MaxResults=11),'max0':err(Path='/deep',MaxResults=0)}))
`,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.json, {
      level: ['/deep/one'],
      rec: ['/deep/one', '/deep/two/three'],
      enc: [true],
      dec: ['s3cret'],
      sec: ['/deep/two/three'],
      lab: [['/deep/one', '1', 1]],
      tag: 'InvalidFilterKey',
      tier: 'InvalidFilterKey',
      labelOption: 'InvalidFilterOption',
      relative: 'ValidationException',
      empty: 'ValidationException',
      tooDeep: 'ValidationException',
      fifteen: 'accepted',
      max11: 'ValidationException',
      max0: 'ParamValidationError',
    });
  });
});
