import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AwsError } from '../../../src/local/aws-error.js';
import { applyChangeBatch, type Change, type ZoneView } from '../../../src/local/services/route53/change-batch.js';
import type { RecordSet } from '../../../src/local/services/route53/record-set.js';
import { defaultRecords } from '../../../src/local/services/route53/route53-store.js';

const a = (name: string, value = '10.0.0.1', ttl = 60): RecordSet => ({
  Name: name,
  Type: 'A',
  TTL: ttl,
  ResourceRecords: [{ Value: value }],
});
const zone = (extra: readonly RecordSet[] = []): ZoneView => ({
  id: 'ZTEST',
  name: 'example.com.',
  records: [...defaultRecords('example.com.', ['ns-1.awsdns-01.com', 'ns-2.awsdns-02.net']), ...extra],
});
const change = (Action: Change['Action'], ResourceRecordSet: RecordSet): Change => ({ Action, ResourceRecordSet });
const messages = (z: ZoneView, changes: Change[]): readonly string[] => {
  const r = applyChangeBatch(z, changes);
  return r.kind === 'rejected' ? r.messages : [];
};
const names = (z: ZoneView, changes: Change[]): string[] => {
  const r = applyChangeBatch(z, changes);
  assert.equal(r.kind, 'applied', r.kind === 'rejected' ? r.messages.join('; ') : '');
  return r.kind === 'applied' ? r.records.map((x) => `${x.Name} ${x.Type}`).sort() : [];
};

describe('applyChangeBatch', () => {
  it('creates with the name normalised (trailing dot, lowercase)', () => {
    assert.deepEqual(names(zone(), [change('CREATE', a('WWW.Example.com'))]), [
      'example.com. NS',
      'example.com. SOA',
      'www.example.com. A',
    ]);
  });

  const rejections: ReadonlyArray<readonly [string, ZoneView, Change[], RegExp]> = [
    [
      'CREATE of an existing record',
      zone([a('www.example.com.')]),
      [change('CREATE', a('www.example.com'))],
      /^Tried to create resource record set \[name='www\.example\.com\.', type='A'\] but it already exists$/,
    ],
    [
      'DELETE of a missing record',
      zone(),
      [change('DELETE', a('x.example.com'))],
      /^Tried to delete resource record set \[name='x\.example\.com\.', type='A'\] but it was not found$/,
    ],
    [
      'DELETE with other values',
      zone([a('www.example.com.')]),
      [change('DELETE', a('www.example.com', '10.0.0.2'))],
      /but the values provided do not match the current values$/,
    ],
    [
      'DELETE with another TTL',
      zone([a('www.example.com.')]),
      [change('DELETE', a('www.example.com', '10.0.0.1', 300))],
      /do not match the current values/,
    ],
    [
      'the same DELETE twice',
      zone([a('www.example.com.')]),
      [change('DELETE', a('www.example.com')), change('DELETE', a('www.example.com'))],
      /but it was not found/,
    ],
    [
      'a name outside the zone',
      zone(),
      [change('CREATE', a('www.example.org'))],
      /^RRSet with DNS name www\.example\.org\. is not permitted in zone example\.com\.$/,
    ],
    [
      'a CNAME at the apex',
      zone(),
      [change('CREATE', { Name: 'example.com', Type: 'CNAME', TTL: 60, ResourceRecords: [{ Value: 'x.example.net' }] })],
      /is not permitted at apex in zone example\.com\./,
    ],
    [
      'a CNAME beside an A record',
      zone([a('www.example.com.')]),
      [change('CREATE', { Name: 'www.example.com', Type: 'CNAME', TTL: 60, ResourceRecords: [{ Value: 'x.example.net' }] })],
      /conflicts with other records with the same DNS name/,
    ],
    [
      'an A record beside a CNAME',
      zone([{ Name: 'www.example.com.', Type: 'CNAME', TTL: 60, ResourceRecords: [{ Value: 'x.example.net' }] }]),
      [change('CREATE', a('www.example.com'))],
      /conflicting RRSet of type CNAME/,
    ],
    ['an invalid IPv4 value', zone(), [change('CREATE', a('www.example.com', '10.0.0'))], /ARRDATAIllegalIPv4Address/],
    [
      'an unquoted TXT value',
      zone(),
      [change('CREATE', { Name: 'example.com', Type: 'TXT', TTL: 60, ResourceRecords: [{ Value: 'v=spf1' }] })],
      /enclosed in quotation marks/,
    ],
    [
      'an alias to a missing record of the same zone',
      zone(),
      [
        change('CREATE', {
          Name: 'alias.example.com',
          Type: 'A',
          AliasTarget: { HostedZoneId: 'ZTEST', DNSName: 'nowhere.example.com', EvaluateTargetHealth: false },
        }),
      ],
      /that target was not found/,
    ],
    [
      'deleting the apex SOA',
      zone(),
      [change('DELETE', defaultRecords('example.com.', ['ns-1.awsdns-01.com', 'ns-2.awsdns-02.net'])[1]!)],
      /exactly one SOA record/,
    ],
    ['an empty label', zone(), [change('CREATE', a('a..example.com'))], /DomainLabelEmpty/],
  ];
  for (const [what, z, changes, expected] of rejections) {
    it(`rejects ${what}`, () => {
      const m = messages(z, changes);
      assert.equal(m.length, 1, m.join('; '));
      assert.match(m[0]!, expected);
    });
  }

  it('applies DELETE then CREATE of the same record in one batch', () => {
    assert.deepEqual(
      names(zone([a('www.example.com.')]), [change('DELETE', a('www.example.com')), change('CREATE', a('www.example.com', '10.0.0.9'))]),
      ['example.com. NS', 'example.com. SOA', 'www.example.com. A'],
    );
  });

  it('replaces with UPSERT, and lets a batch swap an A record for a CNAME', () => {
    const r = applyChangeBatch(zone([a('www.example.com.')]), [change('UPSERT', a('www.example.com', '10.9.9.9', 30))]);
    assert.deepEqual(r.kind === 'applied' ? r.records.find((x) => x.Type === 'A') : undefined, a('www.example.com.', '10.9.9.9', 30));
    assert.deepEqual(
      names(zone([a('www.example.com.')]), [
        change('DELETE', a('www.example.com')),
        change('CREATE', { Name: 'www.example.com', Type: 'CNAME', TTL: 60, ResourceRecords: [{ Value: 'x.example.net' }] }),
      ]),
      ['example.com. NS', 'example.com. SOA', 'www.example.com. CNAME'],
    );
  });

  it('is all or nothing: one bad change rejects the batch and reports every problem', () => {
    const z = zone([a('www.example.com.')]);
    const before = JSON.stringify(z.records);
    const m = messages(z, [
      change('CREATE', a('new.example.com')),
      change('CREATE', a('www.example.com')),
      change('DELETE', a('gone.example.com')),
    ]);
    assert.equal(m.length, 2);
    assert.equal(JSON.stringify(z.records), before, 'the zone is untouched');
  });

  it('accepts alias records to a load balancer without TTL, normalising the DNS name', () => {
    const r = applyChangeBatch(zone(), [
      change('CREATE', {
        Name: 'app.example.com',
        Type: 'A',
        AliasTarget: { HostedZoneId: 'Z35SXDOTRQ7X7K', DNSName: 'My-ALB-1.us-east-1.elb.amazonaws.com', EvaluateTargetHealth: true },
      }),
    ]);
    assert.equal(r.kind, 'applied');
    const alias = r.kind === 'applied' ? r.records.find((x) => x.Name === 'app.example.com.')?.AliasTarget : undefined;
    assert.deepEqual(alias, {
      HostedZoneId: 'Z35SXDOTRQ7X7K',
      DNSName: 'my-alb-1.us-east-1.elb.amazonaws.com.',
      EvaluateTargetHealth: true,
    });
  });

  const shapes: ReadonlyArray<readonly [string, RecordSet, RegExp]> = [
    [
      'no TTL',
      { Name: 'x.example.com', Type: 'A', ResourceRecords: [{ Value: '10.0.0.1' }] },
      /but found none in Change with \[Action=CREATE, Name=x\.example\.com, Type=A, SetIdentifier=null\]/,
    ],
    [
      'alias and TTL',
      { Name: 'x.example.com', Type: 'A', TTL: 60, AliasTarget: { HostedZoneId: 'Z', DNSName: 'y', EvaluateTargetHealth: false } },
      /but found more than one/,
    ],
    ['a weight without SetIdentifier', { ...a('x.example.com'), Weight: 10 }, /Missing field 'SetIdentifier'/],
    ['a SetIdentifier without routing policy', { ...a('x.example.com'), SetIdentifier: 'one' }, /Expected exactly one of \[Weight, Region/],
  ];
  for (const [what, record, expected] of shapes) {
    it(`answers InvalidInput for ${what}`, () => {
      assert.throws(
        () => applyChangeBatch(zone(), [change('CREATE', record)]),
        (e: unknown) => e instanceof AwsError && e.code === 'InvalidInput' && expected.test(e.message),
      );
    });
  }

  it('counts UPSERT twice against the 1,000 records limit', () => {
    const many = (n: number) => ({
      Name: 'big.example.com',
      Type: 'A',
      TTL: 60,
      ResourceRecords: Array.from({ length: n }, (_x, i) => ({ Value: `10.0.${Math.floor(i / 250)}.${i % 250}` })),
    });
    assert.equal(applyChangeBatch(zone(), [change('CREATE', many(1000))]).kind, 'applied');
    assert.match(messages(zone(), [change('UPSERT', many(501))])[0] ?? '', /Number of records limit of 1000 exceeded/);
  });

  it('tells weighted records apart by SetIdentifier', () => {
    const w = (id: string, weight: number): RecordSet => ({ ...a('w.example.com'), SetIdentifier: id, Weight: weight });
    assert.deepEqual(names(zone(), [change('CREATE', w('blue', 90)), change('CREATE', w('green', 10))]), [
      'example.com. NS',
      'example.com. SOA',
      'w.example.com. A',
      'w.example.com. A',
    ]);
    assert.match(
      messages(zone([{ ...w('blue', 90), Name: 'w.example.com.' }]), [change('CREATE', w('blue', 90))])[0] ?? '',
      /set-identifier='blue'\] but it already exists/,
    );
  });
});
