import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Sandbox } from '../../../src/local/index.js';
import { createLogsService } from '../../../src/local/services/logs/logs-service.js';
import { awsCli, boto3, withSandbox } from '../../helpers/sandbox.js';

interface Answer {
  readonly ok?: Record<string, unknown>;
  readonly code?: string;
  readonly message?: string;
}

describe('CloudWatch Logs log delivery (boto3, AWS CLI)', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await withSandbox({ factories: [createLogsService] });
  });
  after(async () => {
    await sandbox.close();
  });

  it('pairs a delivery source with destinations; refuses duplicates, deletes in use and missing resources', async () => {
    const r = await boto3(
      sandbox,
      `
from botocore.exceptions import ClientError
l = boto3.client('logs', endpoint_url=endpoint, region_name=region)
out = {}
def t(key, fn, **kw):
    try:
        r = fn(**kw); r.pop('ResponseMetadata', None); out[key] = {'ok': r}; return r
    except ClientError as e:
        out[key] = {'code': e.response['Error']['Code'], 'message': e.response['Error']['Message']}
cluster = 'arn:aws:ecs:us-east-1:000000000000:cluster/main'
t('src', l.put_delivery_source, name='ecs-actions', resourceArn=cluster, logType='APPLICATION_LOGS', tags={'team': 'ops'})
t('srcagain', l.put_delivery_source, name='ecs-actions', resourceArn=cluster, logType='APPLICATION_LOGS')
t('srcconflict', l.put_delivery_source, name='ecs-actions', resourceArn='arn:aws:ecs:us-east-1:000000000000:cluster/other', logType='APPLICATION_LOGS')
cwl = t('cwl', l.put_delivery_destination, name='to-logs', outputFormat='json',
        deliveryDestinationConfiguration={'destinationResourceArn': 'arn:aws:logs:us-east-1:000000000000:log-group:/ecs/actions'})
s3 = t('s3', l.put_delivery_destination, name='to-s3', deliveryDestinationConfiguration={'destinationResourceArn': 'arn:aws:s3:::my-bucket'})
t('badtype', l.put_delivery_destination, name='x', deliveryDestinationType='FH',
  deliveryDestinationConfiguration={'destinationResourceArn': 'arn:aws:s3:::my-bucket'})
d1 = t('d1', l.create_delivery, deliverySourceName='ecs-actions', deliveryDestinationArn=cwl['deliveryDestination']['arn'])
d2 = t('d2', l.create_delivery, deliverySourceName='ecs-actions', deliveryDestinationArn=s3['deliveryDestination']['arn'],
       s3DeliveryConfiguration={'suffixPath': 'logs/', 'enableHiveCompatiblePath': False})
t('dup', l.create_delivery, deliverySourceName='ecs-actions', deliveryDestinationArn=cwl['deliveryDestination']['arn'])
t('nosrc', l.create_delivery, deliverySourceName='absent', deliveryDestinationArn=cwl['deliveryDestination']['arn'])
t('nodst', l.create_delivery, deliverySourceName='ecs-actions', deliveryDestinationArn='arn:aws:logs:us-east-1:000000000000:delivery-destination:absent')
t('delsrcinuse', l.delete_delivery_source, name='ecs-actions')
t('deldstinuse', l.delete_delivery_destination, name='to-logs')
t('getsrc', l.get_delivery_source, name='ecs-actions')
t('getdst', l.get_delivery_destination, name='to-logs')
t('get', l.get_delivery, id=d1['delivery']['id'])
t('describe', l.describe_deliveries)
t('sources', l.describe_delivery_sources)
t('dests', l.describe_delivery_destinations)
t('policy', l.put_delivery_destination_policy, deliveryDestinationName='to-logs', deliveryDestinationPolicy=json.dumps({'Version': '2012-10-17', 'Statement': []}))
t('getpolicy', l.get_delivery_destination_policy, deliveryDestinationName='to-logs')
t('del1', l.delete_delivery, id=d1['delivery']['id'])
t('del1again', l.delete_delivery, id=d1['delivery']['id'])
t('getdeleted', l.get_delivery, id=d1['delivery']['id'])
t('deldst', l.delete_delivery_destination, name='to-logs')
t('del2', l.delete_delivery, id=d2['delivery']['id'])
t('delsrc', l.delete_delivery_source, name='ecs-actions')
t('getsrcgone', l.get_delivery_source, name='ecs-actions')
t('delsrcgone', l.delete_delivery_source, name='ecs-actions')
print(json.dumps(out, default=str))
`,
    );
    assert.equal(r.code, 0, r.stderr);
    const out = r.json as Record<string, Answer>;
    const src = (out.src!.ok as { deliverySource: Record<string, unknown> }).deliverySource;
    assert.deepEqual(src, {
      name: 'ecs-actions',
      arn: 'arn:aws:logs:us-east-1:000000000000:delivery-source:ecs-actions',
      resourceArns: ['arn:aws:ecs:us-east-1:000000000000:cluster/main'],
      service: 'ecs',
      logType: 'APPLICATION_LOGS',
      tags: { team: 'ops' },
    });
    assert.ok(out.srcagain!.ok, 'putting the same source again updates it');
    assert.equal(out.srcconflict!.code, 'ConflictException');
    assert.equal(
      (out.cwl!.ok as { deliveryDestination: { deliveryDestinationType: string } }).deliveryDestination.deliveryDestinationType,
      'CWL',
    );
    assert.equal(
      (out.s3!.ok as { deliveryDestination: { deliveryDestinationType: string } }).deliveryDestination.deliveryDestinationType,
      'S3',
    );
    assert.equal(out.badtype!.code, 'ValidationException');
    const d1 = (out.d1!.ok as { delivery: { id: string; arn: string; deliveryDestinationType: string } }).delivery;
    assert.match(d1.id, /^[0-9A-Za-z]+$/);
    assert.equal(d1.arn, `arn:aws:logs:us-east-1:000000000000:delivery:${d1.id}`);
    assert.equal(d1.deliveryDestinationType, 'CWL');
    assert.deepEqual((out.d2!.ok as { delivery: { s3DeliveryConfiguration: unknown } }).delivery.s3DeliveryConfiguration, {
      suffixPath: 'logs/',
      enableHiveCompatiblePath: false,
    });
    for (const key of ['dup', 'delsrcinuse', 'deldstinuse']) assert.equal(out[key]!.code, 'ConflictException', key);
    for (const key of ['nosrc', 'nodst', 'del1again', 'getdeleted', 'getsrcgone', 'delsrcgone'])
      assert.equal(out[key]!.code, 'ResourceNotFoundException', key);
    assert.equal((out.get!.ok as { delivery: { id: string } }).delivery.id, d1.id);
    assert.equal((out.describe!.ok as { deliveries: unknown[] }).deliveries.length, 2);
    assert.equal((out.sources!.ok as { deliverySources: unknown[] }).deliverySources.length, 1);
    assert.deepEqual(
      (out.dests!.ok as { deliveryDestinations: Array<{ name: string }> }).deliveryDestinations.map((d) => d.name),
      ['to-logs', 'to-s3'],
    );
    assert.match(
      String((out.getpolicy!.ok as { policy: { deliveryDestinationPolicy: string } }).policy.deliveryDestinationPolicy),
      /2012-10-17/,
    );
    for (const key of ['del1', 'deldst', 'del2', 'delsrc']) assert.deepEqual(out[key]!.ok, {}, key);
  });

  it('the AWS CLI describes delivery sources and reports a missing one', async () => {
    const put = await awsCli(sandbox, [
      'logs',
      'put-delivery-source',
      '--name',
      'cli-src',
      '--resource-arn',
      'arn:aws:ecs:us-east-1:000000000000:cluster/c',
      '--log-type',
      'APPLICATION_LOGS',
    ]);
    assert.equal(put.code, 0, put.stderr);
    const list = await awsCli(sandbox, ['logs', 'describe-delivery-sources']);
    assert.equal(list.code, 0, list.stderr);
    assert.deepEqual(
      (list.json as { deliverySources: Array<{ name: string }> }).deliverySources.map((s) => s.name),
      ['cli-src'],
    );
    const missing = await awsCli(sandbox, ['logs', 'get-delivery-source', '--name', 'nope']);
    assert.notEqual(missing.code, 0);
    assert.match(missing.stderr, /ResourceNotFoundException/);
  });
});
