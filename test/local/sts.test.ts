import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Sandbox } from '../../src/local/index.js';
import { awsCli, boto3, withSandbox } from '../helpers/sandbox.js';

describe('STS over the Query protocol', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await withSandbox();
  });
  after(async () => {
    await sandbox.close();
  });

  it('answers GetCallerIdentity with the sandbox account to the AWS CLI', async () => {
    const r = await awsCli(sandbox, ['sts', 'get-caller-identity']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal((r.json as { Account: string }).Account, '000000000000');
  });

  it('assumes any well-formed role for boto3, with the role in the assumed ARN', async () => {
    const r = await boto3(
      sandbox,
      `c=boto3.client('sts',endpoint_url=endpoint,region_name=region)\nout=c.assume_role(RoleArn='arn:aws:iam::111122223333:role/deploy',RoleSessionName='ci')\nprint(json.dumps({'arn':out['AssumedRoleUser']['Arn'],'key':out['Credentials']['AccessKeyId']}))`,
    );
    assert.equal(r.code, 0, r.stderr);
    const out = r.json as { arn: string; key: string };
    assert.equal(out.arn, 'arn:aws:sts::111122223333:assumed-role/deploy/ci');
    assert.match(out.key, /^ASIA[0-9A-F]{16}$/);
  });

  it('rejects a malformed role ARN with ValidationError', async () => {
    const r = await awsCli(sandbox, ['sts', 'assume-role', '--role-arn', 'arn:aws:iam::1:user/x', '--role-session-name', 'session']);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /ValidationError/);
  });

  it('logs every call in /_cortado/calls', async () => {
    const res = await fetch(`${sandbox.endpoint}/_cortado/calls`);
    const { calls } = (await res.json()) as { calls: Array<{ service: string; operation: string }> };
    assert.ok(calls.some((c) => c.service === 'sts' && c.operation === 'AssumeRole'));
  });
});
