// Acceptance: Slack requests signed in the test — slash commands, the Approve button answering the promotion gate, bad
// signature, stale timestamp and replay refused — and notifications posted to a local receiver.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { slackSignature } from '../../src/server/slack-signature.js';
import { eventually } from '../helpers/sandbox.js';
import { startFixture, type Fixture } from '../canary/canary-fixtures.js';
import { call, SLACK_SECRET, startTestServer, TOKENS, writeServerSetup, type StartedServer } from './server-fixture.js';

let f: Fixture;
let server: StartedServer;
let receiver: Server;
const received: { text: string; blocks?: { type: string; elements?: { action_id: string; value: string }[] }[] }[] = [];

before(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push(JSON.parse(body) as (typeof received)[number]);
      res.end('ok');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  f = await startFixture('srvslack', 60);
  server = await startTestServer(
    f,
    await writeServerSetup(f, { slack: { users: { UOPERATOR: 'operator', UVIEWER: 'viewer' }, notify_url: hook } }),
  );
});
after(async () => {
  await server?.stop();
  await f?.close();
  receiver?.close();
});

const now = () => Math.floor(Date.now() / 1000);

function signed(path: string, body: string, ts = String(now()), secret = SLACK_SECRET) {
  return fetch(server.url + path, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': ts,
      'x-slack-signature': slackSignature(secret, ts, body),
    },
    body,
    signal: AbortSignal.timeout(60_000),
  });
}

const command = (user: string, text: string) => new URLSearchParams({ command: '/cortado', user_id: user, text }).toString();

test('signatures: a bad one, a stale timestamp and a replay are refused', async () => {
  const body = command('UOPERATOR', 'help');
  const bad = await signed('/slack/commands', body, String(now()), 'not-the-secret');
  assert.equal(bad.status, 401);
  assert.equal(((await bad.json()) as { error: { code: string } }).error.code, 'SLACK_BAD_SIGNATURE');
  const stale = await signed('/slack/commands', body, String(now() - 301));
  assert.equal(stale.status, 401);
  assert.equal(((await stale.json()) as { error: { code: string } }).error.code, 'SLACK_STALE');
  const ts = String(now());
  const first = await signed('/slack/commands', body, ts);
  assert.equal(first.status, 200);
  assert.match(((await first.json()) as { text: string }).text, /\/cortado canary/);
  const replay = await signed('/slack/commands', body, ts);
  assert.equal(replay.status, 401);
  assert.equal(((await replay.json()) as { error: { code: string } }).error.code, 'SLACK_REPLAY');
  const unmapped = await signed('/slack/commands', command('USOMEONE', 'canary abort api'));
  assert.match(((await unmapped.json()) as { text: string }).text, /not mapped/);
});

test('a release started from Slack posts the Approve button at the gate; Approve promotes it', async () => {
  const viewer = await signed('/slack/commands', command('UVIEWER', 'canary start api v2'));
  assert.match(((await viewer.json()) as { text: string }).text, /needs the operator role/);
  const start = await signed('/slack/commands', command('UOPERATOR', 'canary start api v2'));
  assert.equal(start.status, 200);
  assert.match(((await start.json()) as { text: string }).text, /accepted|working on it/);
  const gate = await eventually(() => received.find((m) => m.blocks?.some((b) => b.type === 'actions')), 240_000, 200, 'the gate message');
  const buttons = gate.blocks!.find((b) => b.type === 'actions')!.elements!;
  assert.deepEqual(
    buttons.map((b) => [b.action_id, b.value]),
    [
      ['approve', 'api'],
      ['abort', 'api'],
    ],
  );
  const status = await signed('/slack/commands', command('UVIEWER', 'canary status api'));
  assert.match(((await status.json()) as { text: string }).text, /awaiting-promotion/);
  const payload = JSON.stringify({ type: 'block_actions', user: { id: 'UOPERATOR' }, actions: [{ action_id: 'approve', value: 'api' }] });
  const approve = await signed('/slack/interactions', new URLSearchParams({ payload }).toString());
  assert.equal(approve.status, 200);
  assert.match(((await approve.json()) as { text: string }).text, /Approved by <@UOPERATOR>/);
  const done = await eventually(
    async () => {
      const v = (await call(server, 'GET', '/api/apps/api/canary', { token: TOKENS.viewer })).json as {
        release?: { outcome: string };
        lastAction?: { who: string; from: string; action: string };
      };
      return v.release?.outcome !== 'in-progress' ? v : undefined;
    },
    240_000,
    500,
    'the promotion',
  );
  assert.equal(done.release?.outcome, 'succeeded');
  assert.deepEqual([done.lastAction?.action, done.lastAction?.who, done.lastAction?.from], ['promote', 'operator', 'slack:UOPERATOR']);
  await eventually(() => received.find((m) => /succeeded/.test(m.text)), 60_000, 200, 'the success notification');
});
