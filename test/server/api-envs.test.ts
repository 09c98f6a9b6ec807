// Acceptance: a preview environment created, listed and deleted through the HTTP API; the listing is the library's (the CLI's) own.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { listEnvs } from '../../src/preview/list-envs.js';
import { sha256Hex } from '../../src/server/auth.js';
import { parseServerConfig } from '../../src/server/server-config.js';
import { startServer, type RunningServer } from '../../src/server/start-server.js';
import { writeConfig } from '../preview/cli-run.js';
import { CREDENTIALS, startWorld, versionAt, type World } from '../preview/preview-fixtures.js';
import { call, TOKENS } from './server-fixture.js';

let w: World;
let server: RunningServer;
before(async () => {
  w = await startWorld();
  const dir = writeConfig(w.config);
  process.env.AWS_ACCESS_KEY_ID ??= CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY ??= CREDENTIALS.secretAccessKey;
  const config = parseServerConfig(
    {
      applications: { web: { config: 'cortado.yml' } },
      tokens: [
        { principal: 'operator', sha256: sha256Hex(TOKENS.operator) },
        { principal: 'viewer', sha256: sha256Hex(TOKENS.viewer) },
      ],
      roles: { operator: { web: 'operator' }, viewer: { web: 'viewer' } },
      takeover: { enabled: false },
      rate_limit: { per_minute: 100_000 },
    },
    join(dir, 'cortado-server.yml'),
  );
  server = await startServer({
    config,
    base: { cwd: dir, env: { ...process.env, CORTADO_SERVER_SESSION_SECRET: 'x' }, endpoint: w.sandbox.endpoint, region: w.sandbox.region },
    port: 0,
    host: '127.0.0.1',
    io: { notify: () => undefined },
  });
});
after(async () => {
  await server?.stop();
  await w?.close();
});

test('a preview environment created, listed and deleted through the API', async () => {
  const viewer = await call(server, 'POST', '/api/apps/web/envs', { token: TOKENS.viewer, body: { name: 'feature/x', tag: 'v2' } });
  assert.equal(viewer.status, 403);
  const created = await call(server, 'POST', '/api/apps/web/envs', { token: TOKENS.operator, body: { name: 'feature/x', tag: 'v2' } });
  assert.equal(created.status, 201, JSON.stringify(created.json));
  const env = created.json as { env: string; host: string; action: string };
  assert.equal(env.action, 'created');
  assert.match(env.env, /^feature-x-[0-9a-f]{8}$/);
  const url = await w.listenerUrl();
  assert.equal(await versionAt(url, env.host), 'v2');
  const listed = await call(server, 'GET', '/api/apps/web/envs', { token: TOKENS.viewer });
  assert.equal(listed.status, 200);
  const lib = await listEnvs(w.deps(), new AbortController().signal);
  // The API answers what the library (and so the CLI) answers; ages are computed at each read.
  const names = (l: unknown) => JSON.stringify((l as { envs: { env?: string; name?: string }[] }).envs.map((e) => e.env ?? e.name));
  assert.equal(names(listed.json), names(JSON.parse(JSON.stringify(lib))));
  assert.ok(names(listed.json).includes(env.env));
  const deleted = await call(server, 'DELETE', `/api/apps/web/envs/${encodeURIComponent(env.env)}`, { token: TOKENS.operator });
  assert.equal(deleted.status, 200, JSON.stringify(deleted.json));
  const after = (await call(server, 'GET', '/api/apps/web/envs', { token: TOKENS.viewer })).json as { envs?: unknown[] };
  assert.equal(JSON.stringify(after).includes(env.env), false, JSON.stringify(after));
});
