// Route 53 health checks, reusable delegation sets, counts and escaped / non-ASCII record names through boto3 and the AWS CLI.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Sandbox } from '../../../src/local/index.js';
import { createRoute53Service } from '../../../src/local/services/route53/route53-service.js';
import { awsCli, boto3, withSandbox } from '../../helpers/sandbox.js';

interface Json {
  [k: string]: unknown;
}

describe('Route 53 health checks, delegation sets and names (boto3, AWS CLI)', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await withSandbox({ factories: [createRoute53Service] });
  });
  after(async () => {
    await sandbox?.close();
  });

  it('creates health checks idempotently, updates them by version, reports status, and lets records name them (boto3)', async () => {
    const r = await boto3(
      sandbox,
      `
from botocore.exceptions import ClientError
c=boto3.client('route53',endpoint_url=endpoint,region_name=region)
def code(f):
  try:
    f(); return 'ok'
  except ClientError as e: return [e.response['Error']['Code'], e.response['ResponseMetadata']['HTTPStatusCode']]
cfg={'Type':'HTTPS','FullyQualifiedDomainName':'api.example.com','ResourcePath':'/health'}
a=c.create_health_check(CallerReference='ref-1',HealthCheckConfig=cfg)
again=c.create_health_check(CallerReference='ref-1',HealthCheckConfig=cfg)
hc=a['HealthCheck']; hid=hc['Id']
conflict=code(lambda: c.create_health_check(CallerReference='ref-1',HealthCheckConfig={**cfg,'ResourcePath':'/other'}))
tcp=c.create_health_check(CallerReference='ref-2',HealthCheckConfig={'Type':'TCP','IPAddress':'192.0.2.10','Port':5432})['HealthCheck']
noPort=code(lambda: c.create_health_check(CallerReference='ref-3',HealthCheckConfig={'Type':'TCP','IPAddress':'192.0.2.10'}))
u=c.update_health_check(HealthCheckId=hid,HealthCheckVersion=1,FailureThreshold=5,ResetElements=['ResourcePath'])['HealthCheck']
stale=code(lambda: c.update_health_check(HealthCheckId=hid,HealthCheckVersion=1,Disabled=True))
addIp=code(lambda: c.update_health_check(HealthCheckId=hid,IPAddress='192.0.2.1'))
status=c.get_health_check_status(HealthCheckId=hid)['HealthCheckObservations']
listed=c.list_health_checks(MaxItems='1')
count=c.get_health_check_count()['HealthCheckCount']
z=c.create_hosted_zone(Name='example.com',CallerReference='zone-1')['HostedZone']['Id']
rr={'Name':'api.example.com','Type':'A','TTL':60,'ResourceRecords':[{'Value':'192.0.2.1'}],'SetIdentifier':'primary','Failover':'PRIMARY','HealthCheckId':hid}
c.change_resource_record_sets(HostedZoneId=z,ChangeBatch={'Changes':[{'Action':'CREATE','ResourceRecordSet':rr}]})
ghost=code(lambda: c.change_resource_record_sets(HostedZoneId=z,ChangeBatch={'Changes':[{'Action':'CREATE','ResourceRecordSet':{**rr,'SetIdentifier':'secondary','Failover':'SECONDARY','HealthCheckId':'00000000-0000-0000-0000-000000000000'}}]}))
listedRecord=[x.get('HealthCheckId') for x in c.list_resource_record_sets(HostedZoneId=z)['ResourceRecordSets'] if x['Type']=='A']
c.delete_health_check(HealthCheckId=hid)
gone=code(lambda: c.get_health_check(HealthCheckId=hid))
reused=code(lambda: c.create_health_check(CallerReference='ref-1',HealthCheckConfig=cfg))
print(json.dumps({'same':again['HealthCheck']['Id']==hid,'config':hc['HealthCheckConfig'],'version':hc['HealthCheckVersion'],
  'location':a['Location'].endswith('/2013-04-01/healthcheck/'+hid),'conflict':conflict,'tcpPort':tcp['HealthCheckConfig'].get('Port'),'noPort':noPort,
  'updated':[u['HealthCheckVersion'],u['HealthCheckConfig']['FailureThreshold'],'ResourcePath' in u['HealthCheckConfig']],'stale':stale,'addIp':addIp,
  'regions':len(status),'status':status[0]['StatusReport']['Status'],'page':[len(listed['HealthChecks']),listed['IsTruncated'],listed.get('NextMarker')==tcp['Id']],
  'count':count,'ghost':ghost,'listedRecord':listedRecord,'gone':gone,'reused':reused,'countAfter':c.get_health_check_count()['HealthCheckCount']}))
`,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.json, {
      same: true,
      config: {
        Type: 'HTTPS',
        FullyQualifiedDomainName: 'api.example.com',
        ResourcePath: '/health',
        Port: 443,
        RequestInterval: 30,
        FailureThreshold: 3,
        MeasureLatency: false,
        EnableSNI: true,
        Inverted: false,
        Disabled: false,
      },
      version: 1,
      location: true,
      conflict: ['HealthCheckAlreadyExists', 409],
      tcpPort: 5432,
      noPort: ['InvalidInput', 400],
      updated: [2, 5, false],
      stale: ['HealthCheckVersionMismatch', 409],
      addIp: ['InvalidInput', 400],
      regions: 8,
      status: 'Success: HTTP Status Code 200, OK',
      page: [1, true, true],
      count: 2,
      ghost: ['NoSuchHealthCheck', 404],
      listedRecord: [(r.json as { listedRecord: string[] }).listedRecord[0]],
      gone: ['NoSuchHealthCheck', 404],
      reused: ['HealthCheckAlreadyExists', 409],
      countAfter: 1,
    });
    assert.match(String((r.json as { listedRecord: string[] }).listedRecord[0]), /^[0-9a-f-]{36}$/);
  });

  it('shares a reusable delegation set between zones, refuses to delete it while used, and counts zones (boto3)', async () => {
    const r = await boto3(
      sandbox,
      `
from botocore.exceptions import ClientError
c=boto3.client('route53',endpoint_url=endpoint,region_name=region)
def code(f):
  try:
    f(); return 'ok'
  except ClientError as e: return e.response['Error']['Code']
before=c.get_hosted_zone_count()['HostedZoneCount']
d=c.create_reusable_delegation_set(CallerReference='set-1')['DelegationSet']
dup=code(lambda: c.create_reusable_delegation_set(CallerReference='set-1'))
z1=c.create_hosted_zone(Name='one.test',CallerReference='z-1',DelegationSetId=d['Id'])
z2=c.create_hosted_zone(Name='two.test',CallerReference='z-2',DelegationSetId=d['Id'].split('/')[-1])
clash=code(lambda: c.create_hosted_zone(Name='sub.one.test',CallerReference='z-3',DelegationSetId=d['Id']))
unknown=code(lambda: c.create_hosted_zone(Name='three.test',CallerReference='z-4',DelegationSetId='NNOSUCHSET'))
got=c.get_reusable_delegation_set(Id=d['Id'])['DelegationSet']
zone=c.get_hosted_zone(Id=z1['HostedZone']['Id'])['DelegationSet']
byset=[z['Name'] for z in c.list_hosted_zones(DelegationSetId=d['Id'])['HostedZones']]
inUse=code(lambda: c.delete_reusable_delegation_set(Id=d['Id']))
ns=[x for x in c.list_resource_record_sets(HostedZoneId=z2['HostedZone']['Id'])['ResourceRecordSets'] if x['Type']=='NS'][0]['ResourceRecords']
fromZone=c.create_reusable_delegation_set(CallerReference='set-2',HostedZoneId=c.create_hosted_zone(Name='four.test',CallerReference='z-5')['HostedZone']['Id'])['DelegationSet']
sets=c.list_reusable_delegation_sets()['DelegationSets']
for z in (z1,z2): c.delete_hosted_zone(Id=z['HostedZone']['Id'])
c.delete_reusable_delegation_set(Id=d['Id'])
deleted=code(lambda: c.get_reusable_delegation_set(Id=d['Id']))
print(json.dumps({'id':d['Id'].startswith('/delegationset/N'),'ns':len(d['NameServers']),'dup':dup,'sameNs':z1['DelegationSet']['NameServers']==d['NameServers']==z2['DelegationSet']['NameServers'],
  'zoneSet':zone.get('Id')==d['Id'],'clash':clash,'unknown':unknown,'got':got==d,'byset':byset,'inUse':inUse,'nsRecords':sorted(v['Value'] for v in ns)==sorted(n+'.' for n in d['NameServers']),
  'sets':len(sets),'fromZone':fromZone['CallerReference'],'deleted':deleted,'count':[before,c.get_hosted_zone_count()['HostedZoneCount']]}))
`,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.json, {
      id: true,
      ns: 4,
      dup: 'DelegationSetAlreadyCreated',
      sameNs: true,
      zoneSet: true,
      clash: 'ConflictingDomainExists',
      unknown: 'NoSuchDelegationSet',
      got: true,
      byset: ['one.test.', 'two.test.'],
      inUse: 'DelegationSetInUse',
      nsRecords: true,
      sets: 2,
      fromZone: 'set-2',
      deleted: 'NoSuchDelegationSet',
      count: [1, 2],
    });
  });

  it('stores escaped and non-ASCII record names as Route 53 does: lowercase, \\ooo escapes, one record per name (AWS CLI)', async () => {
    const zone = await awsCli(sandbox, ['route53', 'create-hosted-zone', '--name', 'Names.Example', '--caller-reference', 'names']);
    const id = ((zone.json as { HostedZone: Json }).HostedZone.Id as string).split('/').pop()!;
    const change = (action: string, name: string) =>
      awsCli(sandbox, [
        'route53',
        'change-resource-record-sets',
        '--hosted-zone-id',
        id,
        '--change-batch',
        JSON.stringify({
          Changes: [{ Action: action, ResourceRecordSet: { Name: name, Type: 'TXT', TTL: 60, ResourceRecords: [{ Value: '"x"' }] } }],
        }),
      ]);
    assert.equal((await change('CREATE', '*.Names.Example')).code, 0);
    assert.equal((await change('CREATE', 'f\\374bar.names.example')).code, 0);
    assert.equal((await change('CREATE', 'ドメイン.names.example.')).code, 0);
    const dup = await change('CREATE', '\\052.NAMES.example');
    assert.match(
      dup.stderr,
      /InvalidChangeBatch.*Tried to create resource record set \[name='\\052\.names\.example\.', type='TXT'\] but it already exists/,
    );
    assert.equal((await change('DELETE', 'F\\374BAR.names.example')).code, 0, 'the same name in another case and form');
    const list = await awsCli(sandbox, ['route53', 'list-resource-record-sets', '--hosted-zone-id', id]);
    const names = (list.json as { ResourceRecordSets: Array<{ Name: string; Type: string }> }).ResourceRecordSets.filter(
      (x) => x.Type === 'TXT',
    ).map((x) => x.Name);
    assert.deepEqual(names, ['\\052.names.example.', '\\343\\203\\211\\343\\203\\241\\343\\202\\244\\343\\203\\263.names.example.']);
    const bad = await change('CREATE', 'two words.names.example');
    assert.match(bad.stderr, /InvalidChangeBatch.*InvalidCharacter/);
  });
});
