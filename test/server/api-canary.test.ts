// Acceptance: a canary driven entirely through the HTTP API (start, SSE watch, pause, resume, promote) and another aborted.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startFixture, type Fixture } from '../canary/canary-fixtures.js';
import { call, startTestServer, TOKENS, watchSse, writeServerSetup, type StartedServer } from './server-fixture.js';

let f: Fixture;
let server: StartedServer;
before(async () => {
  f = await startFixture('srvapi');
  server = await startTestServer(f, await writeServerSetup(f));
});
after(async () => {
  await server?.stop();
  await f?.close();
});

type View = {
  release?: { phase: string; outcome: string; releaseId: string };
  paused: boolean;
  audit: { who: string; action: string }[];
  lastAction?: { action: string; who: string };
};
const phaseOf = (ev: { event: string; data: unknown }) => (ev.data as View).release?.phase;

test('a release started, watched over SSE, paused, resumed and promoted through the API', async () => {
  const me = await call(server, 'GET', '/api/me', { token: TOKENS.operator });
  assert.deepEqual(me.json, { principal: 'operator', roles: { api: 'operator' }, csrf: null });
  const apps = await call(server, 'GET', '/api/apps', { token: TOKENS.viewer });
  assert.deepEqual(apps.json, [{ app: 'api', cluster: f.stack.cluster, service: f.stack.stableService, canary: true, preview: false }]);

  const start = await call(server, 'POST', '/api/apps/api/canary/start', { token: TOKENS.operator, body: { tag: 'v2' } });
  assert.equal(start.status, 202, JSON.stringify(start.json));
  assert.deepEqual(start.json, { accepted: true });
  const again = await call(server, 'POST', '/api/apps/api/canary/start', { token: TOKENS.operator, body: { tag: 'v3' } });
  assert.equal(again.status, 409, `a second release while one runs: ${JSON.stringify(again.json)}`);

  const seen = await watchSse(
    server,
    '/api/apps/api/canary/events',
    TOKENS.viewer,
    (ev) => ev.event === 'status' && phaseOf(ev) === 'progressing',
  );
  assert.ok(seen.every((e) => e.event === 'status'));
  assert.equal((seen.at(-1)!.data as View).lastAction?.action, 'start', 'the start is recorded with the release');
  const paused = await call(server, 'POST', '/api/apps/api/canary/pause', { token: TOKENS.operator });
  assert.equal(paused.status, 200, JSON.stringify(paused.json));
  const view = (await call(server, 'GET', '/api/apps/api/canary', { token: TOKENS.viewer })).json as View;
  assert.equal(view.paused, true);
  assert.equal(view.lastAction?.action, 'pause');
  assert.equal(view.lastAction?.who, 'operator');
  assert.ok(
    view.audit.some((a) => a.action === 'canary pause' && a.who === 'operator'),
    JSON.stringify(view.audit),
  );

  const resumed = await call(server, 'POST', '/api/apps/api/canary/resume', { token: TOKENS.operator });
  assert.ok([200, 202].includes(resumed.status), JSON.stringify(resumed.json));
  const gate = await watchSse(server, '/api/apps/api/canary/events', TOKENS.viewer, (ev) => phaseOf(ev) === 'awaiting-promotion');
  assert.equal(phaseOf(gate.at(-1)!), 'awaiting-promotion', 'the manual gate holds the release');
  assert.equal((gate.at(-1)!.data as View).paused, false);

  const promoted = await call(server, 'POST', '/api/apps/api/canary/promote', { token: TOKENS.operator, body: {} });
  assert.ok([200, 202].includes(promoted.status), JSON.stringify(promoted.json));
  const end = await watchSse(server, '/api/apps/api/canary/events', TOKENS.viewer, (ev) => ev.event === 'end');
  assert.equal(end.at(-1)!.event, 'end');
  const final = (await call(server, 'GET', '/api/apps/api/canary', { token: TOKENS.viewer })).json as View;
  assert.equal(final.release?.outcome, 'succeeded', JSON.stringify(final.release));
  assert.equal(final.lastAction?.action, 'promote');
});

test('a release aborted through the API ends aborted, traffic back on stable', async () => {
  const start = await call(server, 'POST', '/api/apps/api/canary/start', { token: TOKENS.admin, body: { tag: 'v3' } });
  assert.equal(start.status, 202, JSON.stringify(start.json));
  await watchSse(server, '/api/apps/api/canary/events', TOKENS.viewer, (ev) => phaseOf(ev) === 'progressing');
  const viewerAbort = await call(server, 'POST', '/api/apps/api/canary/abort', { token: TOKENS.viewer });
  assert.equal(viewerAbort.status, 403);
  const abort = await call(server, 'POST', '/api/apps/api/canary/abort', { token: TOKENS.operator });
  assert.ok([200, 202].includes(abort.status), JSON.stringify(abort.json));
  const end = await watchSse(server, '/api/apps/api/canary/events', TOKENS.viewer, (ev) => ev.event === 'end');
  assert.equal(end.at(-1)!.event, 'end');
  const final = (await call(server, 'GET', '/api/apps/api/canary', { token: TOKENS.viewer })).json as View & {
    weights: { canary: number };
  };
  assert.equal(final.release?.outcome, 'aborted');
  assert.equal(final.weights.canary, 0);
  assert.equal(final.lastAction?.action, 'abort');
  assert.equal(final.lastAction?.who, 'operator');

  // Refused (no release in progress): nothing is recorded on the release.
  const late = await call(server, 'POST', '/api/apps/api/canary/abort', { token: TOKENS.admin });
  assert.ok(late.status >= 400, `an abort with no release in progress: ${late.status} ${JSON.stringify(late.json)}`);
  const after = (await call(server, 'GET', '/api/apps/api/canary', { token: TOKENS.viewer })).json as View;
  assert.equal(after.lastAction?.who, 'operator', 'a refused abort does not claim the release');
});
