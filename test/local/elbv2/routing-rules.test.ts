import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cidrContains, parseCidr } from '../../../src/local/dataplane/cidr.js';
import { compileCondition } from '../../../src/local/dataplane/condition-matchers.js';
import type { RuleConditionShape } from '../../../src/local/dataplane/condition-matchers.js';
import { redirectLocation } from '../../../src/local/dataplane/elb-responses.js';
import { compileAction, compileRouteTable, selectRule, type RequestFacts } from '../../../src/local/dataplane/route-table.js';
import { decodePin, encodePin, readCookie } from '../../../src/local/dataplane/stickiness-cookies.js';
import { createTargetPicker } from '../../../src/local/dataplane/target-picker.js';
import { pickWeighted } from '../../../src/local/dataplane/weighted-choice.js';
import { countWildcards, wildcardRegExp } from '../../../src/local/dataplane/wildcard.js';

const req = (over: Partial<RequestFacts> = {}): RequestFacts => ({
  host: 'app.example.com',
  path: '/',
  query: '',
  method: 'GET',
  headers: {},
  sourceIp: '127.0.0.1',
  ...over,
});

describe('wildcards', () => {
  const table: Array<[string, boolean, string, boolean]> = [
    ['*.example.com', true, 'test.example.com', true],
    ['*.example.com', true, 'example.com', false],
    ['*.example.com', true, 'A.EXAMPLE.COM', true],
    ['/img/*', false, '/img/a/b.png', true],
    ['/img/*', false, '/IMG/a.png', false],
    ['/v?/x', false, '/v1/x', true],
    ['/v?/x', false, '/v10/x', false],
    ['a\\*b', true, 'a*b', true],
    ['a\\*b', true, 'axxb', false],
    ['/a.b', false, '/aXb', false],
  ];
  for (const [pattern, ci, value, expected] of table) {
    it(`${pattern} ${expected ? 'matches' : 'does not match'} ${value}`, () => {
      assert.equal(wildcardRegExp(pattern, ci).test(value), expected);
    });
  }
  it('counts unescaped wildcards only', () => {
    assert.equal(countWildcards('*.a?.\\*'), 2);
  });
});

describe('CIDR blocks', () => {
  const table: Array<[string, string, boolean]> = [
    ['10.0.0.0/8', '10.1.2.3', true],
    ['10.0.0.0/8', '11.0.0.1', false],
    ['127.0.0.1/32', '::ffff:127.0.0.1', true],
    ['192.168.1.0/24', '192.168.2.1', false],
    ['2001:db8::/32', '2001:db8:1::5', true],
    ['2001:db8::/32', '2001:db9::1', false],
    ['0.0.0.0/0', '8.8.8.8', true],
  ];
  for (const [block, ip, expected] of table) {
    it(`${ip} ${expected ? 'is' : 'is not'} in ${block}`, () => assert.equal(cidrContains(parseCidr(block)!, ip), expected));
  }
  it('rejects malformed blocks', () => {
    for (const bad of ['10.0.0.0', '10.0.0.0/33', 'x/8', '::1/129']) assert.equal(parseCidr(bad), undefined, bad);
  });
});

describe('rule conditions', () => {
  const cases: Array<[string, RuleConditionShape, Partial<RequestFacts>, boolean]> = [
    ['legacy host Values', { Field: 'host-header', Values: ['*.example.com'] }, {}, true],
    ['host config, case-insensitive', { Field: 'host-header', HostHeaderConfig: { Values: ['APP.example.com'] } }, {}, true],
    ['path is case-sensitive', { Field: 'path-pattern', PathPatternConfig: { Values: ['/API/*'] } }, { path: '/api/x' }, false],
    ['path ignores the query', { Field: 'path-pattern', Values: ['/api'] }, { path: '/api', query: 'a=1' }, true],
    [
      'header value wildcard',
      { Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: 'User-Agent', Values: ['*Mobile*'] } },
      { headers: { 'user-agent': 'x Mobile y' } },
      true,
    ],
    ['missing header', { Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: 'X-A', Values: ['*'] } }, {}, false],
    ['method is exact', { Field: 'http-request-method', HttpRequestMethodConfig: { Values: ['POST'] } }, { method: 'post' }, false],
    [
      'query key and value',
      { Field: 'query-string', QueryStringConfig: { Values: [{ Key: 'v', Value: 'b*' }] } },
      { query: 'a=1&v=Beta' },
      true,
    ],
    ['query value only', { Field: 'query-string', QueryStringConfig: { Values: [{ Value: 'x' }] } }, { query: 'k=x' }, true],
    ['query decoded', { Field: 'query-string', QueryStringConfig: { Values: [{ Key: 'q', Value: 'a b' }] } }, { query: 'q=a%20b' }, true],
    ['source ip', { Field: 'source-ip', SourceIpConfig: { Values: ['10.0.0.0/8', '127.0.0.0/8'] } }, {}, true],
    ['source ip outside', { Field: 'source-ip', SourceIpConfig: { Values: ['10.0.0.0/8'] } }, {}, false],
  ];
  for (const [name, condition, over, expected] of cases) {
    it(name, () => assert.equal(compileCondition(condition)(req(over)), expected));
  }

  it('evaluates rules by priority and falls through to the default rule', () => {
    const fixed = (code: string) => [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: code } }];
    const table = compileRouteTable([
      {
        arn: 'r1',
        conditions: [
          { Field: 'path-pattern', Values: ['/a*'] },
          { Field: 'http-request-method', HttpRequestMethodConfig: { Values: ['GET'] } },
        ],
        actions: fixed('201'),
      },
      { arn: 'r2', conditions: [{ Field: 'path-pattern', Values: ['/a*'] }], actions: fixed('202') },
      { arn: 'default', conditions: [], actions: fixed('404') },
    ]);
    assert.equal(selectRule(table, req({ path: '/abc' }))?.arn, 'r1');
    assert.equal(selectRule(table, req({ path: '/abc', method: 'PUT' }))?.arn, 'r2');
    assert.equal(selectRule(table, req({ path: '/b' }))?.arn, 'default');
  });
});

describe('actions', () => {
  it('turns a plain TargetGroupArn into a one-group forward with weight 1', () => {
    const a = compileAction([{ Type: 'forward', TargetGroupArn: 'tg' }]);
    assert.deepEqual(a, {
      kind: 'forward',
      groups: [{ arn: 'tg', weight: 1 }],
      totalWeight: 1,
      stickiness: { enabled: false, durationSeconds: 0 },
    });
  });

  const redirect = (over: Record<string, string> = {}) =>
    compileAction([{ Type: 'redirect', RedirectConfig: { StatusCode: 'HTTP_301', ...over } }]) as Extract<
      ReturnType<typeof compileAction>,
      { kind: 'redirect' }
    >;
  const ctx = { protocol: 'http', host: 'a.example.com', port: 80, path: '/old/x', query: 'q=1' };
  const table: Array<[string, Record<string, string>, string]> = [
    ['HTTPS on 443', { Protocol: 'HTTPS', Port: '443' }, 'https://a.example.com/old/x?q=1'],
    ['keeps a non-default port', { Protocol: 'HTTPS' }, 'https://a.example.com:80/old/x?q=1'],
    ['rewrites host and path', { Host: 'www.#{host}', Path: '/new/#{path}', Query: '' }, 'http://www.a.example.com/new/old/x'],
  ];
  for (const [name, over, expected] of table) {
    it(`redirect: ${name}`, () => assert.equal(redirectLocation(redirect(over), ctx), expected));
  }
});

describe('weighted choice', () => {
  it('never picks a weight-0 group and honours the split at the edges', () => {
    const groups = [
      { arn: 'a', weight: 0 },
      { arn: 'b', weight: 3 },
      { arn: 'c', weight: 1 },
    ];
    assert.equal(
      pickWeighted(groups, 4, () => 0),
      1,
    );
    assert.equal(
      pickWeighted(groups, 4, () => 0.7499),
      1,
    );
    assert.equal(
      pickWeighted(groups, 4, () => 0.75),
      2,
    );
    assert.equal(
      pickWeighted(groups, 4, () => 0.99999999),
      2,
    );
  });
  it('answers nothing when every weight is 0', () => {
    assert.equal(pickWeighted([{ arn: 'a', weight: 0 }], 0), undefined);
  });
});

describe('target picker', () => {
  const t = (key: string, healthy: boolean) => ({ key, host: key, port: 1, healthy });
  it('round-robins over healthy targets only', () => {
    const picker = createTargetPicker(() => 0);
    const group = { serving: [t('a', true), t('b', false), t('c', true)], healthy: [t('a', true), t('c', true)] };
    const keys = [1, 2, 3, 4].map(() => {
      const p = picker.pick('g', group, 'round_robin');
      return p.kind === 'target' ? p.target.key : '-';
    });
    assert.deepEqual(keys, ['a', 'c', 'a', 'c']);
  });
  it('fails open to every serving target when none is healthy', () => {
    const picker = createTargetPicker(() => 0);
    const group = { serving: [t('a', false), t('b', false)], healthy: [] };
    const picks = [1, 2].map(() => picker.pick('g', group, 'round_robin'));
    assert.deepEqual(
      picks.map((p) => (p.kind === 'target' ? [p.target.key, p.failOpen] : [])),
      [
        ['a', true],
        ['b', true],
      ],
    );
  });
  it('has nothing to pick with no serving target', () => {
    assert.equal(createTargetPicker(() => 0).pick('g', { serving: [], healthy: [] }, 'round_robin').kind, 'no-target');
  });
  it('prefers the pinned target and the least loaded one', () => {
    const load: Record<string, number> = { a: 5, b: 1, c: 3 };
    const picker = createTargetPicker((k) => load[k] ?? 0);
    const group = { serving: [t('a', true), t('b', true), t('c', true)], healthy: [t('a', true), t('b', true), t('c', true)] };
    const lor = picker.pick('g', group, 'least_outstanding_requests');
    assert.equal(lor.kind === 'target' && lor.target.key, 'b');
    const pinned = picker.pick('g', group, 'round_robin', 'c');
    assert.equal(pinned.kind === 'target' && pinned.target.key, 'c');
  });
});

describe('stickiness cookies', () => {
  it('reads one cookie among others', () => {
    assert.equal(readCookie('a=1; AWSALB=xyz; AWSALBCORS=xyz', 'AWSALB'), 'xyz');
    assert.equal(readCookie('XAWSALB=1', 'AWSALB'), undefined);
  });
  it('round-trips a pin until it expires', () => {
    const v = encodePin('tg/127.0.0.1:80', 10_000);
    assert.equal(decodePin(v, 9_000), 'tg/127.0.0.1:80');
    assert.equal(decodePin(v, 11_000), undefined);
    assert.equal(decodePin('garbage', 0), undefined);
  });
});
