// Acceptance: every route of the OpenAPI document refuses the unauthenticated (401) and roles too low (403) and changes
// nothing; 1,000 hostile requests get clean 4xx answers and the server keeps serving.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { readTags } from '../../src/canary/canary-services.js';
import { roleRank, type Role } from '../../src/server/server-config.js';
import { startFixture, type Fixture } from '../canary/canary-fixtures.js';
import { call, startTestServer, TOKENS, writeServerSetup, type StartedServer } from './server-fixture.js';

let f: Fixture;
let server: StartedServer;
before(async () => {
  f = await startFixture('srvsec', 20);
  server = await startTestServer(f, await writeServerSetup(f, { body_limit: 4096 }));
});
after(async () => {
  await server?.stop();
  await f?.close();
});

interface Op {
  readonly method: string;
  readonly path: string;
  readonly role: Role | 'any';
}

async function operations(): Promise<Op[]> {
  const doc = (await call(server, 'GET', '/api/openapi.json')).json as {
    paths: Record<string, Record<string, { 'x-cortado-role': Role | 'any' }>>;
  };
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      path: path.replace('{app}', 'api').replace('{name}', 'pr-1'),
      role: op['x-cortado-role'],
    })),
  );
}

/** What an action could change: the canary service's tags, the listener rule's weights, and the preview envs. */
async function snapshot(): Promise<string> {
  const ecs = await f.clients.ecs();
  const svc = (await ecs.describeServices({ cluster: f.stack.cluster, services: [f.stack.canaryService, f.stack.stableService] }))
    .services!;
  const tags = await readTags(ecs, svc[0]!.serviceArn!, new AbortController().signal);
  const elb = await f.clients.elbv2();
  const rules = await elb.describeRules({ RuleArns: [f.stack.ruleArn] });
  const services = (await ecs.listServices({ cluster: f.stack.cluster })).serviceArns ?? [];
  return JSON.stringify({
    tags: [...tags].sort((a, b) => a.key.localeCompare(b.key)),
    actions: rules.Rules?.[0]?.Actions,
    services: [...services].sort(),
    taskDefinitions: svc.map((s) => s.taskDefinition),
  });
}

test('every route: 401 without credentials, 403 with a role too low, nothing changed', async () => {
  const ops = await operations();
  assert.ok(ops.length >= 15, `the document lists the API (${ops.length} operations)`);
  const before = await snapshot();
  const principals: [string, Role | undefined][] = [
    [TOKENS.stranger, undefined],
    [TOKENS.viewer, 'viewer'],
    [TOKENS.operator, 'operator'],
  ];
  for (const op of ops) {
    const body = op.method === 'GET' || op.method === 'DELETE' ? undefined : { tag: 'v9', name: 'pr-1' };
    const anon = await call(server, op.method, op.path, body === undefined ? {} : { body });
    assert.equal(anon.status, 401, `${op.method} ${op.path} without credentials`);
    assert.equal((anon.json as { error: { code: string } }).error.code, 'SERVER_UNAUTHENTICATED');
    const forged = await call(server, op.method, op.path, { token: 'not-a-token', ...(body === undefined ? {} : { body }) });
    assert.equal(forged.status, 401, `${op.method} ${op.path} with a bad token`);
    if (op.role === 'any') continue;
    for (const [token, role] of principals) {
      if (role !== undefined && roleRank(role) >= roleRank(op.role)) continue;
      const r = await call(server, op.method, op.path, { token, ...(body === undefined ? {} : { body }) });
      assert.equal(r.status, 403, `${op.method} ${op.path} as ${role ?? 'no role'}: ${JSON.stringify(r.json)}`);
      assert.equal((r.json as { error: { code: string } }).error.code, 'SERVER_FORBIDDEN');
    }
  }
  // A session cookie without the CSRF header cannot change anything either.
  const login = await fetch(`${server.url}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
    body: `token=${TOKENS.admin}`,
    redirect: 'manual',
  });
  assert.equal(login.status, 303);
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  assert.match(login.headers.get('set-cookie')!, /HttpOnly/i);
  assert.match(login.headers.get('set-cookie')!, /SameSite=Strict/i);
  for (const op of ops.filter((o) => o.method !== 'GET')) {
    const r = await call(server, op.method, op.path, { headers: { cookie }, body: { tag: 'v9' } });
    assert.equal(r.status, 403, `${op.method} ${op.path} with the cookie and no CSRF header`);
    assert.equal((r.json as { error: { code: string } }).error.code, 'SERVER_CSRF');
    const wrong = await call(server, op.method, op.path, { headers: { cookie, 'x-csrf-token': 'forged' }, body: { tag: 'v9' } });
    assert.equal(wrong.status, 403);
  }
  const me = await call(server, 'GET', '/api/me', { headers: { cookie } });
  assert.equal((me.json as { principal: string }).principal, 'admin');
  assert.equal(typeof (me.json as { csrf: unknown }).csrf, 'string');
  // A login form posted from another origin is refused.
  const cross = await fetch(`${server.url}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
    body: `token=${TOKENS.admin}`,
    redirect: 'manual',
  });
  assert.equal(cross.status, 403);
  assert.equal(await snapshot(), before, 'no refused request changed anything in AWS');
});

/** Sends raw bytes and reads the status line (requests fetch would refuse to send). */
function raw(bytes: string): Promise<number> {
  const u = new URL(server.url);
  return new Promise((resolve) => {
    const s = connect(Number(u.port), u.hostname);
    let got = '';
    s.setTimeout(30_000, () => s.destroy());
    s.on('data', (d) => {
      got += d.toString('latin1');
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(got);
      if (m) {
        resolve(Number(m[1]));
        s.destroy();
      }
    });
    s.on('error', () => resolve(0));
    s.on('close', () => resolve(/^HTTP\/1\.[01] (\d{3})/.exec(got) ? Number(/^HTTP\/1\.[01] (\d{3})/.exec(got)![1]) : 0));
    s.write(bytes);
  });
}

test('1,000 hostile requests get clean 4xx answers and the server keeps serving', async () => {
  const before = await snapshot();
  const auth = `Bearer ${TOKENS.admin}`;
  const big = 'x'.repeat(64 * 1024);
  const kinds: (() => Promise<[string, number]>)[] = [
    async () => [
      'malformed JSON',
      (await call(server, 'POST', '/api/apps/api/canary/start', { token: TOKENS.admin, body: '{"tag": ' })).status,
    ],
    async () => [
      'wrong JSON shape',
      (await call(server, 'POST', '/api/apps/api/envs', { token: TOKENS.admin, body: { name: 7, rm: '-rf' } })).status,
    ],
    async () => [
      'JSON array',
      (await call(server, 'POST', '/api/apps/api/canary/promote', { token: TOKENS.admin, body: '[1,2,3]' })).status,
    ],
    async () => [
      'oversized body',
      (await call(server, 'POST', '/api/apps/api/canary/start', { token: TOKENS.admin, body: `{"tag":"${big}"}` })).status,
    ],
    async () => ['path traversal', (await call(server, 'GET', '/../../etc/passwd', { token: TOKENS.admin })).status],
    async () => ['encoded traversal', (await call(server, 'GET', '/%2e%2e/%2e%2e/etc/passwd', { token: TOKENS.admin })).status],
    async () => ['app traversal', (await call(server, 'GET', '/api/apps/..%2f..%2fetc/canary', { token: TOKENS.admin })).status],
    async () => ['NUL in app', (await call(server, 'GET', '/api/apps/a%00b/service', { token: TOKENS.admin })).status],
    async () => ['unknown app', (await call(server, 'POST', '/api/apps/other/canary/abort', { token: TOKENS.admin })).status],
    async () => ['env name traversal', (await call(server, 'DELETE', '/api/apps/api/envs/..%2F..%2Fx', { token: TOKENS.viewer })).status],
    async () => ['long path', (await call(server, 'GET', `/api/apps/${'a'.repeat(6000)}/canary`, { token: TOKENS.admin })).status],
    async () => ['bad token chars', (await call(server, 'GET', '/api/me', { headers: { authorization: 'Bearer \u00ff\u00fe' } })).status],
    async () => ['basic auth', (await call(server, 'GET', '/api/me', { headers: { authorization: 'Basic YWRtaW46YWRtaW4=' } })).status],
    async () => [
      'CRLF header injection',
      await raw(`GET /api/me HTTP/1.1\r\nHost: x\r\nAuthorization: ${auth}\r\nX-A: b\rInjected: 1\r\n\r\n`),
    ],
    async () => ['bare LF in header', await raw(`GET /api/me HTTP/1.1\r\nHost: x\r\nX-A: a\nb: c\r\n\r\n`)],
    async () => ['NUL in header', await raw(`GET /api/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer a\0b\r\n\r\n`)],
    async () => [
      'lying content-length',
      await raw(
        `POST /api/apps/api/canary/start HTTP/1.1\r\nHost: x\r\nAuthorization: ${auth}\r\nContent-Type: application/json\r\nContent-Length: 999999999\r\n\r\n{}`,
      ),
    ],
    async () => [
      'smuggling',
      await raw(`POST /api/apps/api/canary/abort HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`),
    ],
    async () => ['garbage request line', await raw(`\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n`)],
    async () => [
      'forged Slack request',
      (
        await call(server, 'POST', '/slack/commands', {
          body: 'text=canary+abort+api&user_id=UOPERATOR',
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': '1', 'x-slack-signature': 'v0=00' },
        })
      ).status,
    ],
  ];
  const results: [string, number][] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < 1000) {
        const i = next++;
        results.push(await kinds[i % kinds.length]!());
      }
    }),
  );
  assert.equal(results.length, 1000);
  const bad = results.filter(([, s]) => s < 400 || s >= 500);
  assert.deepEqual(bad.slice(0, 10), [], `all 4xx: ${bad.length} were not`);
  const health = await call(server, 'GET', '/healthz');
  assert.equal(health.status, 200);
  const me = await call(server, 'GET', '/api/me', { token: TOKENS.viewer });
  assert.equal(me.status, 200);
  assert.equal(await snapshot(), before, 'nothing changed');
});
