// A stand-in for `cortado server` that keeps its API contract: the dashboard's files, canned answers, SSE pushed by the test.
import { createServer, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';
import { dashboardDir } from './browser.js';

export const TOKENS: Record<string, { principal: string; role: 'viewer' | 'operator' }> = {
  'tok-operator': { principal: 'olga', role: 'operator' },
  'tok-viewer': { principal: 'victor', role: 'viewer' },
};
export const CSRF = 'csrf-3f9a';
/** The strictest policy the dashboard is meant to run under: no inline script or style, nothing from elsewhere. */
export const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; form-action 'self'";

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };

export interface Recorded {
  readonly method: string;
  readonly path: string;
  readonly csrf: string | undefined;
  readonly body: string;
}

export interface StubApi {
  readonly url: string;
  readonly requests: Recorded[];
  /** The status every GET answers and the next SSE `status` event carries. */
  status: Record<string, unknown>;
  envs: {
    name: string;
    url: string;
    image: string;
    running: number;
    desired: number;
    status: string;
    missing: string[];
    updatedAt: string;
  }[];
  push(): void;
  end(): void;
  close(): Promise<void>;
}

export async function startStubApi(initial: Record<string, unknown>): Promise<StubApi> {
  const streams = new Set<ServerResponse>();
  const requests: Recorded[] = [];
  const api: StubApi = {
    url: '',
    requests,
    status: initial,
    envs: [],
    push: () => {
      for (const s of streams) s.write(`event: status\ndata: ${JSON.stringify(api.status)}\n\n`);
    },
    end: () => {
      for (const s of streams) s.end(`event: end\ndata: {}\n\n`);
      streams.clear();
    },
    close: async () => {
      for (const s of streams) s.destroy();
      await new Promise((r) => server.close(r));
    },
  };
  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      void (async () => {
        const path = new URL(req.url ?? '/', 'http://x').pathname;
        const who = /cortado_session=(tok-\w+)/.exec(req.headers.cookie ?? '')?.[1];
        const user = who ? TOKENS[who] : undefined;
        const csrf = req.headers['x-csrf-token'] as string | undefined;
        if (req.method !== 'GET') requests.push({ method: req.method ?? '', path, csrf, body });
        if (path === '/login' && req.method === 'POST') {
          const token = (JSON.parse(body || '{}') as { token?: string }).token ?? '';
          if (!TOKENS[token]) return json(res, 401, { error: { code: 'UNAUTHENTICATED', message: 'bad token' } });
          res.writeHead(303, { location: '/', 'set-cookie': `cortado_session=${token}; Path=/; HttpOnly; SameSite=Strict` });
          return res.end();
        }
        if (path.startsWith('/api/')) {
          if (!user) return json(res, 401, { error: { code: 'UNAUTHENTICATED', message: 'sign in' } });
          if (req.method !== 'GET' && csrf !== CSRF) return json(res, 403, { error: { code: 'CSRF', message: 'bad csrf token' } });
          if (path === '/api/me') return json(res, 200, { principal: user.principal, roles: { shop: user.role }, csrf: CSRF });
          if (path === '/api/apps') return json(res, 200, [{ app: 'shop', cluster: 'prod', service: 'shop', canary: true, preview: true }]);
          if (path === '/api/apps/shop/canary') return json(res, 200, api.status);
          if (path === '/api/apps/shop/service') return json(res, 200, { service: 'shop', running: 2 });
          if (path === '/api/apps/shop/envs' && req.method === 'GET') return json(res, 200, { rows: api.envs });
          if (path === '/api/apps/shop/canary/events') {
            res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
            res.write(`event: status\ndata: ${JSON.stringify(api.status)}\n\n`);
            streams.add(res);
            res.on('close', () => streams.delete(res));
            return;
          }
          if (req.method === 'POST' || req.method === 'DELETE') {
            if (user.role === 'viewer') return json(res, 403, { error: { code: 'FORBIDDEN', message: 'operator needed' } });
            return json(res, 202, { accepted: true });
          }
          return json(res, 404, { error: { code: 'NOT_FOUND', message: path } });
        }
        const file = normalize(path === '/' ? '/index.html' : path);
        if (file.includes('..')) return json(res, 400, {});
        try {
          const data = await readFile(join(dashboardDir, file));
          res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-security-policy': CSP });
          res.end(data);
        } catch {
          json(res, 404, {});
        }
      })();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  (api as { url: string }).url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return api;
}

/** A release at step `step` of 10/50/100, both checks passing, with an event message that must stay text. */
export function statusAt(step: number, at: number, over: Record<string, unknown> = {}): Record<string, unknown> {
  const w = [10, 50, 100][step]!;
  return {
    router: 'alb',
    steps: [10, 50, 100],
    release: {
      releaseId: 'r-1',
      revision: 'arn:aws:ecs:us-east-1:000000000000:task-definition/shop:7',
      startedAt: at - 60_000,
      phase: 'progressing',
      outcome: 'in-progress',
      step,
      stepStartedAt: at - 5_000,
      failedChecks: 0,
      noDataStreak: 0,
    },
    paused: false,
    controller: { owner: 'server-1', until: at + 3000, live: true },
    weights: { stable: 100 - w, canary: w },
    observed: {
      stableRequests: 1000 - 10 * w,
      canaryRequests: 10 * w,
      stableErrors: 1,
      canaryErrors: step,
      canaryShare: w - 0.4,
      window: { start: at - 3000, end: at },
    },
    metrics: [
      { name: 'success-rate', bounds: { min: 95 }, status: 'pass', value: 99.9 - step * 0.1 },
      { name: 'latency', bounds: { max: 500 }, status: 'pass', value: 40 + step * 5 },
    ],
    services: [
      { role: 'stable', name: 'shop', desired: 2, running: 2, pending: 0, taskDefinition: 'shop:6', images: ['shop:v1'] },
      { role: 'canary', name: 'shop-canary', desired: 1, running: 1, pending: 0, taskDefinition: 'shop:7', images: ['shop:v2'] },
    ],
    events: [{ at: at - 1000, service: 'shop-canary', message: '<img src=x onerror="window.pwned=1"> has reached a steady state.' }],
    audit: [{ who: 'olga', action: 'start', at: at - 60_000, from: '127.0.0.1' }],
    at,
    ...over,
  };
}
