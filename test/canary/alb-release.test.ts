// Scenario: ALB releases against the in-process sandbox under real traffic — promotion, automatic rollback, hooks and notifications.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startRelease } from '../../src/canary/canary-release.js';
import { readTags } from '../../src/canary/canary-services.js';
import { decodeState } from '../../src/canary/state-tags.js';
import { demoChecks, stepRows, type ReleaseRecord } from '../../src/demo/demo-summary.js';
import { actorKey, assertCommandCalls } from '../helpers/iam-coverage.js';
import { eventually } from '../helpers/sandbox.js';
import { canarySection, openFor, recorder, startFixture, weightEvents, type Fixture } from './canary-fixtures.js';

interface Hit {
  readonly path: string;
  readonly body: string;
}

/** Webhooks and a Slack-compatible endpoint in one local server; /gate answers 503 the first `closedFor` times. */
async function hookServer(closedFor = 0): Promise<{ url: string; hits: Hit[]; close(): Promise<void> }> {
  const hits: Hit[] = [];
  let gateCalls = 0;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString();
    });
    req.on('end', () => {
      hits.push({ path: req.url ?? '', body });
      const status = req.url === '/gate' && gateCalls++ < closedFor ? 503 : 200;
      res.writeHead(status, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    hits,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

let f: Fixture;
before(async () => {
  f = await startFixture('alb');
});
after(async () => {
  await f.close();
});

test('a good revision goes 10 → 50 → 100%, passes every analysis, and is promoted stable-first (B then A, 100% back to A)', async () => {
  const hooks = await hookServer(2);
  const io = recorder();
  const r = await openFor(
    f,
    canarySection(f, {
      hooks: { pre_rollout: [`${hooks.url}/pre`], post_rollout: [`${hooks.url}/post`] },
      gates: { confirm_promotion: { webhook: `${hooks.url}/gate` } },
      notifications: { slack: `${hooks.url}/slack` },
    }),
    io,
    'test-good',
    actorKey('start-good'),
  );
  try {
    const startedAt = Date.now();
    const out = await startRelease(
      r.target,
      r.deps,
      { kind: 'change', change: { image: { kind: 'tag', tag: 'v2' }, env: {} } },
      new AbortController().signal,
    );
    assert.equal(out.state?.outcome, 'succeeded', out.state?.reason);
    await assertCommandCalls(f.sandbox.endpoint, 'canary start', { accessKeyId: actorKey('start-good') });
    const signal = new AbortController().signal;
    const [stable, canary] = (
      await r.deps.aws.ecs.describeServices({ cluster: f.stack.cluster, services: [f.stack.stableService, f.stack.canaryService] }, signal)
    ).services!;
    assert.equal(stable!.taskDefinition, out.state!.revision, 'the stable service (A) runs the released revision');
    assert.equal(canary!.desiredCount, 0, 'the canary service (B) is scaled to zero');
    assert.deepEqual(await r.deps.router.getWeights(r.target, signal), { stable: 100, canary: 0 });
    const rule = (await r.deps.aws.elb.describeRules({ RuleArns: [f.stack.ruleArn] }, signal)).Rules![0]!;
    assert.deepEqual(
      rule.Conditions?.map((c) => c.PathPatternConfig?.Values),
      [['/*']],
      'conditions untouched',
    );
    assert.equal(rule.Priority, '10');
    const record: ReleaseRecord = {
      name: 'v2',
      stableVersion: 'v1',
      canaryVersion: 'v2',
      outcome: 'succeeded',
      changes: weightEvents(io.messages),
      startedAt,
      endedAt: Date.now(),
    };
    const rows = stepRows(record, f.load.samples);
    assert.deepEqual(
      rows.map((x) => x.setCanary),
      [10, 50, 100, 0],
    );
    for (const row of rows)
      assert.notEqual(
        row.withinInterval,
        false,
        `observed ${row.canaryRequests}/${row.requests} at ${row.setCanary}% is outside ${row.interval.lo}..${row.interval.hi}`,
      );
    assert.equal(demoChecks([record], f.load.samples).stable5xx, 0, 'stable answered no 5xx');
    const paths = hooks.hits.map((h) => h.path);
    assert.equal(paths[0], '/slack');
    assert.ok(paths.indexOf('/pre') < paths.indexOf('/gate'), 'pre-rollout before any gate');
    assert.equal(paths.filter((p) => p === '/gate').length, 3, 'the gate is asked until it answers 2xx');
    assert.equal(paths.filter((p) => p === '/post').length, 1);
    const slack = hooks.hits.filter((h) => h.path === '/slack').map((h) => (JSON.parse(h.body) as { text: string }).text);
    assert.deepEqual(
      slack.map((t) => /: (\S+) → (\S+)/.exec(t)?.slice(1).join('→')),
      [
        'deploying→starting',
        'starting→pre-rollout',
        'pre-rollout→progressing',
        'progressing→awaiting-promotion',
        'awaiting-promotion→promoting',
        'promoting→succeeded',
      ],
    );
    const state = decodeState(await readTags(r.deps.aws.ecs, canary!.serviceArn!, signal));
    assert.equal(state?.phase.kind, 'succeeded', 'state lives on the canary service');
  } finally {
    await hooks.close();
  }
});

test('a revision answering 50% errors is rolled back at the analysis that reaches the threshold: 100/0 in one call, nothing reaches it after', async () => {
  const io = recorder();
  const r = await openFor(f, canarySection(f), io, 'test-bad', actorKey('start-bad'));
  {
    const callsBefore = ((await (await fetch(`${f.sandbox.endpoint}/_cortado/calls`)).json()) as { calls: { seq: number }[] }).calls.length;
    const out = await startRelease(
      r.target,
      r.deps,
      { kind: 'change', change: { image: { kind: 'tag', tag: 'v3' }, env: { ERROR_RATE: '0.5' } } },
      new AbortController().signal,
    );
    assert.equal(out.state?.outcome, 'failed');
    assert.match(out.state?.reason ?? '', /analysis failed 2 time\(s\), threshold 2: success-rate \d+(\.\d+)? is below the minimum 95/);
    await assertCommandCalls(f.sandbox.endpoint, 'canary start', { accessKeyId: actorKey('start-bad') });
    const analyses = io.messages
      .filter((m) => m.code === 'CANARY_ANALYSIS')
      .map((m) => m.data as { verdict: { status: string }; failedChecks: number });
    assert.deepEqual(
      analyses.filter((a) => a.verdict.status !== 'no-data').map((a) => a.verdict.status),
      ['fail', 'fail'],
      'the first two analyses with data failed and the second rolled back',
    );
    const codes = io.messages.map((m) => m.code);
    const decision = codes.lastIndexOf('CANARY_ANALYSIS');
    assert.equal(codes[decision + 1], 'CANARY_WEIGHTS_SET', 'the rollback is the very next action');
    assert.equal((io.messages[decision + 1]!.data as { canary: number }).canary, 0);
    const rollbackAt = (io.messages[decision + 1]!.data as { at: number }).at;
    await eventually(
      () => (f.load.samples.some((s) => s.sentAt >= rollbackAt + 1000) ? true : undefined),
      10_000,
      100,
      'a second of load after the rollback',
    );
    assert.equal(
      f.load.samples.filter((s) => s.sentAt >= rollbackAt && s.version === 'v3').length,
      0,
      'no request reaches the bad revision after the rollback',
    );
    // Between reading the operator requests (the decision) and ModifyRule, only the state tags were written.
    const calls = ((await (await fetch(`${f.sandbox.endpoint}/_cortado/calls`)).json()) as { calls: { operation: string }[] }).calls
      .slice(callsBefore)
      .map((c) => c.operation);
    const modify = calls.lastIndexOf('ModifyRule');
    const observe = calls.lastIndexOf('ListTagsForResource', modify);
    assert.deepEqual(
      calls.slice(observe + 1, modify).filter((op) => op !== 'TagResource'),
      [],
      `calls between decision and ModifyRule: ${calls.slice(observe + 1, modify).join(', ')}`,
    );
    assert.equal(calls.filter((op) => op === 'ModifyRule').length, 2, 'one ModifyRule per weight change (10%, then back to 0)');
    const canary = (
      await r.deps.aws.ecs.describeServices({ cluster: f.stack.cluster, services: [f.stack.canaryService] }, new AbortController().signal)
    ).services![0]!;
    assert.equal(canary.desiredCount, 0);
  }
});
