// Server test fixtures: the canary fixture's sandbox stack, a cortado.yml for it, a cortado-server.yml, and servers started in-process.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { IoMessage } from '../../src/core/io-host.js';
import { sha256Hex } from '../../src/server/auth.js';
import { parseServerConfig } from '../../src/server/server-config.js';
import { startServer, type RunningServer } from '../../src/server/start-server.js';
import { clientEnv } from '../helpers/sandbox.js';
import { canarySection, writeConfig, type Fixture } from '../canary/canary-fixtures.js';

export const TOKENS = {
  admin: 'admin-token-0123456789',
  operator: 'operator-token-0123456789',
  viewer: 'viewer-token-0123456789',
  stranger: 'stranger-token-0123456789',
};
export const SLACK_SECRET = 'slack-signing-secret-for-tests';

export interface ServerSetup {
  readonly dir: string;
  readonly serverConfigPath: string;
  readonly serverConfig: Record<string, unknown>;
  readonly env: NodeJS.ProcessEnv;
}

/**
 * Writes cortado.yml (a manual promotion gate) and cortado-server.yml (app `api`, four principals) for the fixture. The
 * server's tests are about the API and its replicas, not the judge: the analysis asks only for a success rate of 50 %, so a
 * loaded machine's slow answers (a p99 over the fixture's 2 s) do not roll a release back before the gate.
 */
export async function writeServerSetup(
  f: Fixture,
  over: Record<string, unknown> = {},
  canaryOver: Record<string, unknown> = {},
): Promise<ServerSetup> {
  const dir = await writeConfig(
    f,
    canarySection(f, { gates: { confirm_promotion: 'manual' }, metrics: [{ name: 'success-rate', min: 50 }], ...canaryOver }),
  );
  const serverConfig = {
    applications: { api: { config: 'cortado.yml' } },
    tokens: Object.entries(TOKENS).map(([principal, token]) => ({ principal, sha256: sha256Hex(token) })),
    roles: { admin: { '*': 'admin' }, operator: { api: 'operator' }, viewer: { api: 'viewer' } },
    slack: { users: { UOPERATOR: 'operator', UVIEWER: 'viewer' } },
    takeover: { every: '1s' },
    rate_limit: { per_minute: 100_000 },
    poll: '300ms',
    ...over,
  };
  const serverConfigPath = join(dir, 'cortado-server.yml');
  await writeFile(serverConfigPath, stringify(serverConfig));
  const env = {
    ...clientEnv(f.sandbox),
    CORTADO_SERVER_SESSION_SECRET: 'test-session-secret',
    SLACK_SIGNING_SECRET: SLACK_SECRET,
  };
  return { dir, serverConfigPath, serverConfig, env };
}

export interface StartedServer extends RunningServer {
  readonly messages: IoMessage[];
}

export async function startTestServer(f: Fixture, s: ServerSetup, opts: { actionWaitMs?: number } = {}): Promise<StartedServer> {
  const messages: IoMessage[] = [];
  // The SDK's credential chain reads the process environment (as in a deployed server: the task role or these variables).
  process.env.AWS_ACCESS_KEY_ID ??= s.env.AWS_ACCESS_KEY_ID;
  process.env.AWS_SECRET_ACCESS_KEY ??= s.env.AWS_SECRET_ACCESS_KEY;
  const server = await startServer({
    config: parseServerConfig(s.serverConfig, s.serverConfigPath),
    base: { cwd: s.dir, env: s.env, endpoint: f.sandbox.endpoint, region: f.sandbox.region },
    port: 0,
    host: '127.0.0.1',
    io: { notify: (m) => void messages.push(m) },
    actionWaitMs: opts.actionWaitMs ?? 3_000,
  });
  return { ...server, messages };
}

/** fetch against the server with a bearer token; the body parsed as JSON when it is JSON. */
export async function call(
  server: { url: string },
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; json: unknown; headers: Headers }> {
  const res = await fetch(server.url + path, {
    method,
    headers: {
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...opts.headers,
    },
    ...(opts.body !== undefined ? { body: typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body) } : {}),
    redirect: 'manual',
    signal: AbortSignal.timeout(120_000),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = text;
  }
  return { status: res.status, json, headers: res.headers };
}

/** Reads server-sent events until `stop` says so (or the stream ends); returns every event. */
export async function watchSse(
  server: { url: string },
  path: string,
  token: string,
  stop: (ev: { event: string; data: unknown }) => boolean,
  timeoutMs = 240_000,
): Promise<{ event: string; data: unknown }[]> {
  const ac = new AbortController();
  const timer = setTimeout(() => ac.abort(), timeoutMs);
  const events: { event: string; data: unknown }[] = [];
  try {
    const res = await fetch(server.url + path, { headers: { authorization: `Bearer ${token}` }, signal: ac.signal });
    if (res.status !== 200 || !res.body) throw new Error(`SSE ${path}: ${res.status}`);
    const decoder = new TextDecoder();
    let buf = '';
    for await (const chunk of res.body) {
      buf += decoder.decode(chunk as Uint8Array, { stream: true });
      let i: number;
      while ((i = buf.indexOf('\n\n')) >= 0) {
        const block = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const event = /^event: ?(.*)$/m.exec(block)?.[1] ?? 'message';
        const data = block
          .split('\n')
          .filter((l) => l.startsWith('data:'))
          .map((l) => l.replace(/^data: ?/, ''))
          .join('\n');
        const ev = { event, data: data ? (JSON.parse(data) as unknown) : undefined };
        events.push(ev);
        if (stop(ev)) {
          ac.abort();
          return events;
        }
      }
    }
    return events;
  } catch (e) {
    if (ac.signal.aborted && events.length) return events;
    throw e;
  } finally {
    clearTimeout(timer);
  }
}
