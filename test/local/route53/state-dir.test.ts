import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRoute53Service } from '../../../src/local/services/route53/route53-service.js';
import { awsCli, boto3, withSandbox } from '../../helpers/sandbox.js';

describe('Route 53 state survives a restart with --state-dir', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cortado-r53-state-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps zones, record sets and changes', async () => {
    const ids = { zone: '', change: '' };
    const first = await withSandbox({ factories: [createRoute53Service], stateDir: dir, speed: 100 });
    try {
      const zone = await awsCli(first, ['route53', 'create-hosted-zone', '--name', 'kept.example.com', '--caller-reference', 'kept']);
      assert.equal(zone.code, 0, zone.stderr);
      ids.zone = (zone.json as { HostedZone: { Id: string } }).HostedZone.Id;
      const change = await awsCli(first, [
        'route53',
        'change-resource-record-sets',
        '--hosted-zone-id',
        ids.zone,
        '--change-batch',
        JSON.stringify({
          Changes: [
            {
              Action: 'CREATE',
              ResourceRecordSet: { Name: 'db.kept.example.com', Type: 'A', TTL: 60, ResourceRecords: [{ Value: '10.0.0.5' }] },
            },
          ],
        }),
      ]);
      assert.equal(change.code, 0, change.stderr);
      ids.change = (change.json as { ChangeInfo: { Id: string } }).ChangeInfo.Id;
    } finally {
      await first.close();
    }
    const second = await withSandbox({ factories: [createRoute53Service], stateDir: dir });
    try {
      const sets = await awsCli(second, ['route53', 'list-resource-record-sets', '--hosted-zone-id', ids.zone]);
      assert.deepEqual(
        (sets.json as { ResourceRecordSets: Array<{ Name: string }> }).ResourceRecordSets.map((r) => r.Name),
        ['kept.example.com.', 'kept.example.com.', 'db.kept.example.com.'],
      );
      const change = await awsCli(second, ['route53', 'get-change', '--id', ids.change]);
      assert.equal((change.json as { ChangeInfo: { Status: string } }).ChangeInfo.Status, 'INSYNC');
      const again = await awsCli(second, ['route53', 'create-hosted-zone', '--name', 'kept.example.com', '--caller-reference', 'kept']);
      assert.match(again.stderr, /\(HostedZoneAlreadyExists\)/);
    } finally {
      await second.close();
    }
  });

  it('keeps health checks (and the caller references they used) and reusable delegation sets', async () => {
    const setup = `
c=boto3.client('route53',endpoint_url=endpoint,region_name=region)
from botocore.exceptions import ClientError
`;
    const first = await withSandbox({ factories: [createRoute53Service], stateDir: dir });
    let ids: { hc: string; set: string; gone: string };
    try {
      const r = await boto3(
        first,
        `${setup}
hc=c.create_health_check(CallerReference='kept-hc',HealthCheckConfig={'Type':'TCP','IPAddress':'192.0.2.1','Port':22})['HealthCheck']['Id']
gone=c.create_health_check(CallerReference='gone-hc',HealthCheckConfig={'Type':'TCP','IPAddress':'192.0.2.2','Port':22})['HealthCheck']['Id']
c.delete_health_check(HealthCheckId=gone)
s=c.create_reusable_delegation_set(CallerReference='kept-set')['DelegationSet']['Id']
c.create_hosted_zone(Name='shared.example',CallerReference='kept-shared',DelegationSetId=s)
print(json.dumps({'hc':hc,'set':s,'gone':gone}))
`,
      );
      assert.equal(r.code, 0, r.stderr);
      ids = r.json as typeof ids;
    } finally {
      await first.close();
    }
    const second = await withSandbox({ factories: [createRoute53Service], stateDir: dir });
    try {
      const r = await boto3(
        second,
        `${setup}
def code(f):
  try:
    f(); return 'ok'
  except ClientError as e: return e.response['Error']['Code']
print(json.dumps({'hc':c.get_health_check(HealthCheckId=${JSON.stringify(ids.hc)})['HealthCheck']['HealthCheckConfig']['Port'],
  'reuse':code(lambda: c.create_health_check(CallerReference='gone-hc',HealthCheckConfig={'Type':'TCP','IPAddress':'192.0.2.2','Port':22})),
  'set':c.get_reusable_delegation_set(Id=${JSON.stringify(ids.set)})['DelegationSet']['CallerReference'],
  'inUse':code(lambda: c.delete_reusable_delegation_set(Id=${JSON.stringify(ids.set)}))}))
`,
      );
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(r.json, { hc: 22, reuse: 'HealthCheckAlreadyExists', set: 'kept-set', inUse: 'DelegationSetInUse' });
    } finally {
      await second.close();
    }
  });
});
