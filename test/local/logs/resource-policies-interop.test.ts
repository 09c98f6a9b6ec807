// CloudWatch Logs resource policies through boto3 and the AWS CLI: put (create, replace), describe, delete, AWS's limits and errors.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Sandbox } from '../../../src/local/index.js';
import { startSandbox } from '../../../src/local/index.js';
import { createLogsService } from '../../../src/local/services/logs/logs-service.js';
import { awsCli, boto3 } from '../../helpers/sandbox.js';

let sandbox: Sandbox;
before(async () => {
  sandbox = await startSandbox({ port: 0, host: '127.0.0.1', factories: [(e) => createLogsService(e)] });
});
after(async () => {
  await sandbox.close();
});

const doc = (service: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'logs:PutLogEvents', Resource: '*' }],
  });

test('boto3: put creates and replaces by name, describe lists account policies, delete removes, errors as AWS names them', async () => {
  const r = await boto3(
    sandbox,
    `
import json
c=boto3.client('logs',endpoint_url=endpoint,region_name=region)
a=c.put_resource_policy(policyName='events',policyDocument=${JSON.stringify(doc('events.amazonaws.com'))})
b=c.put_resource_policy(policyName='events',policyDocument=${JSON.stringify(doc('delivery.logs.amazonaws.com'))})
listed=c.describe_resource_policies()['resourcePolicies']
errors={}
try:
  c.put_resource_policy(policyName='bad',policyDocument='{not json')
except c.exceptions.InvalidParameterException as e:
  errors['bad']='InvalidParameterException'
for i in range(9):
  c.put_resource_policy(policyName='p%d' % i,policyDocument=${JSON.stringify(doc('events.amazonaws.com'))})
try:
  c.put_resource_policy(policyName='eleventh',policyDocument=${JSON.stringify(doc('events.amazonaws.com'))})
except c.exceptions.LimitExceededException as e:
  errors['limit']='LimitExceededException'
c.delete_resource_policy(policyName='events')
try:
  c.delete_resource_policy(policyName='events')
except c.exceptions.ResourceNotFoundException as e:
  errors['gone']='ResourceNotFoundException'
after=[p['policyName'] for p in c.describe_resource_policies()['resourcePolicies']]
print(json.dumps({'first':a['resourcePolicy']['policyName'],'listed':[(p['policyName'],json.loads(p['policyDocument'])['Statement'][0]['Principal']['Service'],p['policyScope']) for p in listed],'errors':errors,'after':after}))
`,
  );
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as {
    first: string;
    listed: [string, string, string][];
    errors: Record<string, string>;
    after: string[];
  };
  assert.equal(out.first, 'events');
  assert.deepEqual(out.listed, [['events', 'delivery.logs.amazonaws.com', 'ACCOUNT']], 'the second put replaced the first');
  assert.deepEqual(out.errors, { bad: 'InvalidParameterException', limit: 'LimitExceededException', gone: 'ResourceNotFoundException' });
  assert.deepEqual(out.after, ['p0', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8']);
});

test('AWS CLI: describe-resource-policies shows a put policy', async () => {
  const put = await awsCli(sandbox, [
    'logs',
    'put-resource-policy',
    '--policy-name',
    'cli',
    '--policy-document',
    doc('events.amazonaws.com'),
  ]);
  assert.equal(put.code, 0, put.stderr);
  const r = await awsCli(sandbox, ['logs', 'describe-resource-policies']);
  assert.equal(r.code, 0, r.stderr);
  const names = (JSON.parse(r.stdout) as { resourcePolicies: { policyName: string }[] }).resourcePolicies.map((p) => p.policyName);
  assert.ok(names.includes('cli'), names.join(','));
});
