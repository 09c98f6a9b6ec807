// Scenario: a header-route first step against the sandbox — requests with the header reach only the canary, requests
// without it only stable, until the first weighted step; the tagged rule is gone when the release ends.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { startRelease } from '../../src/canary/canary-release.js';
import { HEADER_ROUTE_TAG, headerRuleConditions, headerRulePriority, listenerOfRule } from '../../src/canary/routers/header-route.js';
import { parseCanaryConfig } from '../../src/canary/config/canary-config.js';
import { actorKey, assertCommandCalls } from '../helpers/iam-coverage.js';
import { canarySection, openFor, recorder, startFixture, weightEvents, type Fixture } from './canary-fixtures.js';

test('priority in front of the stable rule: the nearest free number below it; after every rule for a default action', () => {
  const cases: [number[], number | undefined, number | undefined][] = [
    [[10], 10, 9],
    [[8, 9, 10], 10, 7],
    [[1, 2], 2, undefined],
    [[1], 1, undefined],
    [[], undefined, 1],
    [[3, 40, 7], undefined, 41],
    [[50_000], undefined, undefined],
  ];
  for (const [taken, before, want] of cases) assert.equal(headerRulePriority(taken, before), want, `${taken} before ${before}`);
  assert.equal(
    listenerOfRule('arn:aws:elasticloadbalancing:us-east-1:000000000000:listener-rule/app/lb/1111/2222/3333'),
    'arn:aws:elasticloadbalancing:us-east-1:000000000000:listener/app/lb/1111/2222',
  );
  const route = { header: 'X-Canary', values: ['always'], durationMs: 1000, describe: '' };
  assert.deepEqual(headerRuleConditions(route, [{ Field: 'path-pattern', Values: ['/*'], PathPatternConfig: { Values: ['/*'] } }]), [
    { Field: 'path-pattern', PathPatternConfig: { Values: ['/*'] } },
    { Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: 'X-Canary', Values: ['always'] } },
  ]);
});

test('header_route config: a leading weight-0 step; a cookie is a Cookie header condition; bad input names the field', () => {
  const base = { listener_rule: 'arn:aws:elasticloadbalancing:us-east-1:000000000000:listener-rule/app/lb/1/2/3', steps: [10, 100] };
  const spec = parseCanaryConfig({ ...base, header_route: { header: 'X-Canary', values: ['always', 'qa-*'], duration: 30 } }, 'web');
  assert.deepEqual(spec.steps, [0, 10, 100]);
  assert.deepEqual(spec.headerRoute, {
    header: 'X-Canary',
    values: ['always', 'qa-*'],
    durationMs: 30_000,
    describe: 'header X-Canary: always | qa-*',
  });
  const cookie = parseCanaryConfig({ ...base, interval: 20, header_route: { cookie: 'canary' } }, 'web');
  assert.deepEqual(cookie.headerRoute, {
    header: 'Cookie',
    values: ['*canary=always*'],
    durationMs: 20_000,
    describe: 'cookie canary=always',
  });
  const bad: [Record<string, unknown>, RegExp][] = [
    [{ header: 'X-A', cookie: 'c' }, /canary\.header_route: expected exactly one of header/],
    [{ header: 'Bad Header' }, /canary\.header_route\.header/],
    [{ header: 'Cookie' }, /use cookie:/],
    [{ header: 'X-A', values: ['1', '2', '3', '4', '5', '6'] }, /1 to 5 values/],
  ];
  for (const [hr, re] of bad) assert.throws(() => parseCanaryConfig({ ...base, header_route: hr }, 'web'), re);
  assert.throws(() => parseCanaryConfig({ router: 'ecs-native', header_route: { header: 'X-A' } }, 'web'), /router: alb/);
});

let f: Fixture;
before(async () => {
  f = await startFixture('hdr', 60);
});
after(async () => {
  await f.close();
});

interface Probe {
  readonly sentAt: number;
  readonly withHeader: boolean;
  readonly version?: string;
}

function probe(url: string, withHeader: boolean): Promise<Probe> {
  const sentAt = Date.now();
  return new Promise((resolve) => {
    const req = request(url, { headers: withHeader ? { 'x-canary': 'ALWAYS' } : {}, timeout: 5000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => {
        let version: string | undefined;
        try {
          version = (JSON.parse(body) as { version?: string }).version;
        } catch {
          /* the load balancer's own page */
        }
        resolve({ sentAt, withHeader, ...(version ? { version } : {}) });
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve({ sentAt, withHeader }));
    req.end();
  });
}

test('acceptance: with the header only the canary, without it only stable, until the first weighted step', async () => {
  const io = recorder();
  const r = await openFor(
    f,
    canarySection(f, { steps: [50, 100], header_route: { header: 'X-Canary', value: 'always', duration: '4s' } }),
    io,
    'test-header',
    actorKey('start-header'),
  );
  const probes: Probe[] = [];
  const stop = new AbortController();
  const prober = (async () => {
    while (!stop.signal.aborted) {
      probes.push(...(await Promise.all([probe(f.url, true), probe(f.url, false)])));
      await new Promise((res) => setTimeout(res, 50));
    }
  })();
  let out;
  try {
    out = await startRelease(
      r.target,
      r.deps,
      { kind: 'change', change: { image: { kind: 'tag', tag: 'v2' }, env: {} } },
      new AbortController().signal,
    );
  } finally {
    stop.abort();
    await prober;
  }
  await assertCommandCalls(f.sandbox.endpoint, 'canary start', { accessKeyId: actorKey('start-header') });
  assert.equal(out.state?.outcome, 'succeeded', out.state?.reason);
  const created = io.messages.find((m) => m.code === 'CANARY_HEADER_ROUTE_SET' && (m.data as { created: boolean }).created);
  assert.ok(created, 'the header route was announced');
  const createdAt = io.messages.indexOf(created);
  const firstWeighted = weightEvents(io.messages).find((w) => w.canary > 0);
  assert.ok(firstWeighted, 'a weighted step followed');
  const routedAt = probes.find((p) => p.withHeader && p.version === 'v2')?.sentAt;
  assert.ok(routedAt !== undefined, 'a request with the header reached the canary');
  // Between the first routed request and the first weighted step (sent before the weights were requested):
  const window = probes.filter((p) => p.sentAt >= routedAt && p.sentAt < firstWeighted.requestedAt);
  const withH = window.filter((p) => p.withHeader);
  const without = window.filter((p) => !p.withHeader);
  assert.ok(withH.length >= 10 && without.length >= 10, `${withH.length} and ${without.length} probes in the header step`);
  assert.deepEqual([...new Set(withH.map((p) => p.version))], ['v2'], 'with the header: only the canary');
  assert.deepEqual([...new Set(without.map((p) => p.version))], ['v1'], 'without the header: only stable');
  const load = f.load.samples.filter((s) => s.sentAt >= routedAt && s.sentAt < firstWeighted.requestedAt && s.version !== undefined);
  assert.ok(load.length > 0 && load.every((s) => s.version === 'v1'), 'the background load (no header) stayed on stable');
  // Before the rule existed, the header changed nothing.
  const early = probes.filter((p) => p.withHeader && p.sentAt < routedAt && p.version !== undefined);
  assert.ok(early.every((p) => p.version === 'v1'));
  assert.ok(createdAt >= 0);
  // The release is over: no rule tagged for the canary service remains on the listener.
  const signal = new AbortController().signal;
  const rules = (await r.deps.aws.elb.describeRules({ ListenerArn: f.stack.listenerArn }, signal)).Rules ?? [];
  const arns = rules.filter((x) => !x.IsDefault).map((x) => x.RuleArn!);
  const tags = (await r.deps.aws.elb.describeTags({ ResourceArns: arns }, signal)).TagDescriptions ?? [];
  assert.equal(tags.filter((d) => d.Tags?.some((t) => t.Key === HEADER_ROUTE_TAG)).length, 0, 'the header rule is removed');
  assert.deepEqual(
    rules.filter((x) => !x.IsDefault).map((x) => x.Priority),
    ['10'],
    'only the stable rule is left',
  );
  const removed = io.messages.filter((m) => m.code === 'CANARY_HEADER_ROUTE_SET' && !(m.data as { created: boolean }).created);
  assert.equal(removed.length, 1);
});
