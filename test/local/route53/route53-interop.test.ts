import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sandbox } from '../../../src/local/index.js';
import { createRoute53Service } from '../../../src/local/services/route53/route53-service.js';
import { awsCli, boto3, withSandbox } from '../../helpers/sandbox.js';

interface RecordOut {
  Name: string;
  Type: string;
  TTL?: number;
  ResourceRecords?: Array<{ Value: string }>;
  AliasTarget?: { HostedZoneId: string; DNSName: string; EvaluateTargetHealth: boolean };
}

// Speed 1: a change stays PENDING for 5 s, long enough for back-to-back calls to see it on a loaded machine.
describe('Route 53 with the AWS CLI and boto3', () => {
  let sandbox: Sandbox;
  let dir: string;
  let zoneId: string;
  before(async () => {
    sandbox = await withSandbox({ factories: [createRoute53Service], speed: 1 });
    dir = mkdtempSync(join(tmpdir(), 'cortado-r53-'));
  });
  after(async () => {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const batchFile = (name: string, changes: unknown[], comment?: string): string => {
    const file = join(dir, `${name}.json`);
    writeFileSync(file, JSON.stringify({ ...(comment ? { Comment: comment } : {}), Changes: changes }));
    return `file://${file}`;
  };
  const records = async (): Promise<RecordOut[]> => {
    const r = await awsCli(sandbox, ['route53', 'list-resource-record-sets', '--hosted-zone-id', zoneId]);
    assert.equal(r.code, 0, r.stderr);
    return (r.json as { ResourceRecordSets: RecordOut[] }).ResourceRecordSets;
  };

  it('creates a hosted zone with its NS and SOA records, and refuses a reused CallerReference', async () => {
    const r = await awsCli(sandbox, [
      'route53',
      'create-hosted-zone',
      '--name',
      'Preview.Example.COM',
      '--caller-reference',
      'ref-1',
      '--hosted-zone-config',
      'Comment=previews',
    ]);
    assert.equal(r.code, 0, r.stderr);
    const out = r.json as {
      HostedZone: { Id: string; Name: string; Config: { Comment: string; PrivateZone: boolean }; ResourceRecordSetCount: number };
      ChangeInfo: { Id: string; Status: string };
      DelegationSet: { NameServers: string[] };
      Location: string;
    };
    assert.match(out.HostedZone.Id, /^\/hostedzone\/Z[A-Z0-9]+$/);
    assert.equal(out.HostedZone.Name, 'preview.example.com.');
    assert.deepEqual(out.HostedZone.Config, { Comment: 'previews', PrivateZone: false });
    assert.equal(out.HostedZone.ResourceRecordSetCount, 2);
    assert.match(out.ChangeInfo.Id, /^\/change\/C[A-Z0-9]+$/);
    assert.equal(out.ChangeInfo.Status, 'PENDING');
    assert.equal(out.DelegationSet.NameServers.length, 4);
    assert.ok(out.DelegationSet.NameServers.every((n) => /^ns-\d+\.awsdns-\d\d\.(com|net|org|co\.uk)$/.test(n)));
    assert.equal(out.Location, `${sandbox.endpoint}/2013-04-01/hostedzone/${out.HostedZone.Id.split('/')[2]}`);
    zoneId = out.HostedZone.Id;
    const listed = await records();
    assert.deepEqual(
      listed.map((x) => [x.Name, x.Type, x.TTL]),
      [
        ['preview.example.com.', 'NS', 172800],
        ['preview.example.com.', 'SOA', 900],
      ],
    );
    assert.deepEqual(
      listed[0]!.ResourceRecords!.map((v) => v.Value),
      out.DelegationSet.NameServers.map((n) => `${n}.`),
    );
    const again = await awsCli(sandbox, ['route53', 'create-hosted-zone', '--name', 'other.example.com', '--caller-reference', 'ref-1']);
    assert.match(again.stderr, /\(HostedZoneAlreadyExists\)/);
  });

  it('applies a CLI change batch with an alias to a load balancer, then GetChange goes PENDING → INSYNC', async () => {
    const change = await awsCli(sandbox, [
      'route53',
      'change-resource-record-sets',
      '--hosted-zone-id',
      zoneId,
      '--change-batch',
      batchFile(
        'create',
        [
          {
            Action: 'CREATE',
            ResourceRecordSet: {
              Name: 'pr-42.preview.example.com',
              Type: 'A',
              AliasTarget: {
                HostedZoneId: 'Z35SXDOTRQ7X7K',
                DNSName: 'cortado-alb-1234567890.us-east-1.elb.amazonaws.com',
                EvaluateTargetHealth: true,
              },
            },
          },
          {
            Action: 'CREATE',
            ResourceRecordSet: {
              Name: 'WWW.preview.example.com.',
              Type: 'CNAME',
              TTL: 300,
              ResourceRecords: [{ Value: 'pr-42.preview.example.com' }],
            },
          },
          {
            Action: 'CREATE',
            ResourceRecordSet: { Name: '*.preview.example.com', Type: 'TXT', TTL: 60, ResourceRecords: [{ Value: '"owner=cortado"' }] },
          },
        ],
        'preview pr-42',
      ),
    ]);
    assert.equal(change.code, 0, change.stderr);
    const info = (change.json as { ChangeInfo: { Id: string; Status: string; Comment: string } }).ChangeInfo;
    assert.deepEqual([info.Status, info.Comment], ['PENDING', 'preview pr-42']);
    // One process submits and reads back at once (PENDING), then boto3's waiter polls every second until INSYNC.
    const r = await boto3(
      sandbox,
      `
c=boto3.client('route53',endpoint_url=endpoint,region_name=region)
sent=c.change_resource_record_sets(HostedZoneId=${JSON.stringify(zoneId)},ChangeBatch={'Changes':[{'Action':'UPSERT','ResourceRecordSet':{'Name':'_owner.preview.example.com','Type':'TXT','TTL':60,'ResourceRecords':[{'Value':'"cortado"'}]}}]})['ChangeInfo']
first=c.get_change(Id=sent['Id'])['ChangeInfo']['Status']
c.get_waiter('resource_record_sets_changed').wait(Id=sent['Id'],WaiterConfig={'Delay':1,'MaxAttempts':30})
last=c.get_change(Id=sent['Id'])['ChangeInfo']['Status']
earlier=c.get_change(Id=${JSON.stringify(info.Id)})['ChangeInfo']
print(json.dumps({'sent':sent['Status'],'first':first,'last':last,'earlier':[earlier['Status'],earlier['Comment']]}))`,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.json, { sent: 'PENDING', first: 'PENDING', last: 'INSYNC', earlier: ['INSYNC', 'preview pr-42'] });
    const wait = await awsCli(sandbox, ['route53', 'wait', 'resource-record-sets-changed', '--id', info.Id]);
    assert.equal(wait.code, 0, wait.stderr);
    const listed = await records();
    assert.deepEqual(
      listed.map((x) => `${x.Name} ${x.Type}`),
      [
        'preview.example.com. NS',
        'preview.example.com. SOA',
        '\\052.preview.example.com. TXT',
        '_owner.preview.example.com. TXT',
        'pr-42.preview.example.com. A',
        'www.preview.example.com. CNAME',
      ],
    );
    const alias = listed.find((x) => x.Type === 'A')!;
    assert.deepEqual(alias.AliasTarget, {
      HostedZoneId: 'Z35SXDOTRQ7X7K',
      DNSName: 'cortado-alb-1234567890.us-east-1.elb.amazonaws.com.',
      EvaluateTargetHealth: true,
    });
    assert.equal(alias.TTL, undefined);
  });

  it('rejects a batch with one bad change as a whole, with AWS InvalidChangeBatch messages', async () => {
    const before = await records();
    const r = await awsCli(sandbox, [
      'route53',
      'change-resource-record-sets',
      '--hosted-zone-id',
      zoneId,
      '--change-batch',
      batchFile('bad', [
        {
          Action: 'CREATE',
          ResourceRecordSet: { Name: 'new.preview.example.com', Type: 'A', TTL: 60, ResourceRecords: [{ Value: '10.1.2.3' }] },
        },
        {
          Action: 'CREATE',
          ResourceRecordSet: {
            Name: 'www.preview.example.com',
            Type: 'CNAME',
            TTL: 300,
            ResourceRecords: [{ Value: 'pr-42.preview.example.com' }],
          },
        },
        {
          Action: 'DELETE',
          ResourceRecordSet: { Name: 'gone.preview.example.com', Type: 'A', TTL: 60, ResourceRecords: [{ Value: '10.0.0.1' }] },
        },
      ]),
    ]);
    assert.notEqual(r.code, 0);
    assert.match(
      r.stderr,
      /An error occurred \(InvalidChangeBatch\) when calling the ChangeResourceRecordSets operation(?: \(reached max retries: \d+\))?: \[Tried to create resource record set \[name='www\.preview\.example\.com\.', type='CNAME'\] but it already exists, Tried to delete resource record set \[name='gone\.preview\.example\.com\.', type='A'\] but it was not found\]/,
    );
    assert.deepEqual(await records(), before, 'nothing from the batch was applied');
  });

  it('requires DELETE to match the record, allows DELETE + CREATE in one batch, and UPSERT replaces (boto3)', async () => {
    const r = await boto3(
      sandbox,
      `
c=boto3.client('route53',endpoint_url=endpoint,region_name=region)
zone=${JSON.stringify(zoneId)}
cname=lambda target:{'Name':'www.preview.example.com.','Type':'CNAME','TTL':300,'ResourceRecords':[{'Value':target}]}
out={}
try:
    c.change_resource_record_sets(HostedZoneId=zone,ChangeBatch={'Changes':[{'Action':'DELETE','ResourceRecordSet':cname('elsewhere.example.com')}]})
except c.exceptions.InvalidChangeBatch as e:
    out['mismatch']=e.response['Error']['Message']
c.change_resource_record_sets(HostedZoneId=zone,ChangeBatch={'Changes':[{'Action':'DELETE','ResourceRecordSet':cname('pr-42.preview.example.com')},{'Action':'CREATE','ResourceRecordSet':cname('pr-43.preview.example.com')}]})
c.change_resource_record_sets(HostedZoneId=zone,ChangeBatch={'Changes':[{'Action':'UPSERT','ResourceRecordSet':{'Name':'api.preview.example.com','Type':'A','TTL':30,'ResourceRecords':[{'Value':'10.0.0.7'},{'Value':'10.0.0.8'}]}}]})
c.change_resource_record_sets(HostedZoneId=zone,ChangeBatch={'Changes':[{'Action':'UPSERT','ResourceRecordSet':{'Name':'api.preview.example.com','Type':'A','TTL':60,'ResourceRecords':[{'Value':'10.0.0.9'}]}}]})
sets={r['Name']:r for r in c.list_resource_record_sets(HostedZoneId=zone)['ResourceRecordSets']}
out['www']=sets['www.preview.example.com.']['ResourceRecords']
out['api']=[sets['api.preview.example.com.']['TTL'],sets['api.preview.example.com.']['ResourceRecords']]
try:
    c.change_resource_record_sets(HostedZoneId=zone,ChangeBatch={'Changes':[{'Action':'CREATE','ResourceRecordSet':{'Name':'x.preview.example.com','Type':'A','ResourceRecords':[{'Value':'10.0.0.1'}]}}]})
except Exception as e:
    out['shape']=[e.response['Error']['Code'],e.response['Error']['Message']]
print(json.dumps(out))`,
    );
    assert.equal(r.code, 0, r.stderr);
    const out = r.json as { mismatch: string; www: unknown; api: unknown; shape: [string, string] };
    assert.equal(
      out.mismatch,
      "[Tried to delete resource record set [name='www.preview.example.com.', type='CNAME'] but the values provided do not match the current values]",
    );
    assert.deepEqual(out.www, [{ Value: 'pr-43.preview.example.com' }]);
    assert.deepEqual(out.api, [60, [{ Value: '10.0.0.9' }]]);
    assert.equal(out.shape[0], 'InvalidInput');
    assert.match(
      out.shape[1],
      /Expected exactly one of \[AliasTarget, all of \[TTL, and ResourceRecords\], or TrafficPolicyInstanceId\], but found none/,
    );
  });

  it('pages ListResourceRecordSets with StartRecordName/Type and NextRecordName (boto3)', async () => {
    const r = await boto3(
      sandbox,
      `
c=boto3.client('route53',endpoint_url=endpoint,region_name=region)
zone=${JSON.stringify(zoneId)}
first=c.list_resource_record_sets(HostedZoneId=zone,MaxItems='2')
second=c.list_resource_record_sets(HostedZoneId=zone,MaxItems='2',StartRecordName=first['NextRecordName'],StartRecordType=first['NextRecordType'])
every=[r['Name']+' '+r['Type'] for p in c.get_paginator('list_resource_record_sets').paginate(HostedZoneId=zone,PaginationConfig={'PageSize':2}) for r in p['ResourceRecordSets']]
try:
    c.list_resource_record_sets(HostedZoneId=zone,StartRecordType='A')
    err=None
except Exception as e:
    err=e.response['Error']['Code']
print(json.dumps({'first':[first['IsTruncated'],first['MaxItems'],first['NextRecordName'],first['NextRecordType']],'second':[r['Name'] for r in second['ResourceRecordSets']],'every':every,'err':err}))`,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.json, {
      first: [true, '2', '\\052.preview.example.com.', 'TXT'],
      second: ['\\052.preview.example.com.', '_owner.preview.example.com.'],
      every: [
        'preview.example.com. NS',
        'preview.example.com. SOA',
        '\\052.preview.example.com. TXT',
        '_owner.preview.example.com. TXT',
        'api.preview.example.com. A',
        'pr-42.preview.example.com. A',
        'www.preview.example.com. CNAME',
      ],
      err: 'InvalidInput',
    });
  });

  it('lists zones by creation and by name, with markers', async () => {
    for (const [name, ref] of [
      ['b.example.org', 'ref-b'],
      ['a.example.org', 'ref-a'],
    ]) {
      assert.equal((await awsCli(sandbox, ['route53', 'create-hosted-zone', '--name', name!, '--caller-reference', ref!])).code, 0);
    }
    const r = await boto3(
      sandbox,
      `
c=boto3.client('route53',endpoint_url=endpoint,region_name=region)
page=c.list_hosted_zones(MaxItems='2')
rest=c.list_hosted_zones(Marker=page['NextMarker'])
by_name=c.list_hosted_zones_by_name(MaxItems='2')
after=c.list_hosted_zones_by_name(DNSName='b.example.org')
print(json.dumps({'page':[[z['Name'] for z in page['HostedZones']],page['IsTruncated'],page['MaxItems']],'rest':[z['Name'] for z in rest['HostedZones']],
  'by_name':[[z['Name'] for z in by_name['HostedZones']],by_name['NextDNSName']],'after':[z['Name'] for z in after['HostedZones']]}))`,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.json, {
      page: [['preview.example.com.', 'b.example.org.'], true, '2'],
      rest: ['a.example.org.'],
      by_name: [['preview.example.com.', 'a.example.org.'], 'b.example.org.'],
      after: ['b.example.org.'],
    });
  });

  it('refuses to delete a zone with records of its own, then deletes it once emptied', async () => {
    const notEmpty = await awsCli(sandbox, ['route53', 'delete-hosted-zone', '--id', zoneId]);
    assert.match(notEmpty.stderr, /\(HostedZoneNotEmpty\)/);
    const own = (await records()).filter((x) => !(x.Name === 'preview.example.com.' && (x.Type === 'NS' || x.Type === 'SOA')));
    const del = await awsCli(sandbox, [
      'route53',
      'change-resource-record-sets',
      '--hosted-zone-id',
      zoneId,
      '--change-batch',
      batchFile(
        'empty',
        own.map((x) => ({ Action: 'DELETE', ResourceRecordSet: x })),
      ),
    ]);
    assert.equal(del.code, 0, del.stderr);
    const gone = await awsCli(sandbox, ['route53', 'delete-hosted-zone', '--id', zoneId]);
    assert.equal(gone.code, 0, gone.stderr);
    assert.equal((gone.json as { ChangeInfo: { Status: string } }).ChangeInfo.Status, 'PENDING');
    const missing = await awsCli(sandbox, ['route53', 'get-hosted-zone', '--id', zoneId]);
    assert.match(missing.stderr, /\(NoSuchHostedZone\).*No hosted zone found with ID: Z/);
    const noChange = await awsCli(sandbox, ['route53', 'get-change', '--id', '/change/CNOTACHANGE']);
    assert.match(noChange.stderr, /\(NoSuchChange\)/);
  });
});
