// The JSON API's handlers: reads call the library directly; actions go through actions.ts (roles, audit) like Slack's.
import type { Context, Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { streamSSE } from 'hono/streaming';
import type { z } from 'zod';
import * as autoscale from '../autoscale/session-api.js';
import { silentHost } from '../core/io-host.js';
import * as deploy from '../deploy/session-api.js';
import * as preview from '../preview/session-api.js';
import type { Session } from '../session/index.js';
import { canaryAction, envCreate, envDelete, envGc, refused, type ActionResult, type Caller } from './actions.js';
import { envBody, gcBody, promoteBody, startBody } from './api-routes.js';
import { SESSION_COOKIE } from './auth.js';
import { httpError, httpErrorOf, type HttpError } from './http-errors.js';
import type { ServerDeps, ServerEnv } from './server-deps.js';
import type { Role } from './server-config.js';

type C = Context<ServerEnv>;

const caller = (c: C): Caller => ({ principal: c.get('principal').name, from: c.get('from') });
const send = (c: C, r: ActionResult | HttpError) => c.json(r.body, r.status);

/** The request's JSON body against a schema: malformed JSON 400, wrong shape 422 (naming the field). */
async function bodyOf<T extends z.ZodType>(c: C, schema: T): Promise<{ ok: true; value: z.infer<T> } | { ok: false; error: HttpError }> {
  const text = await c.req.text();
  let raw: unknown = {};
  if (text.trim() !== '') {
    try {
      raw = JSON.parse(text);
    } catch {
      return { ok: false, error: httpError(400, 'SERVER_BAD_JSON', 'the body is not JSON') };
    }
  }
  const r = schema.safeParse(raw);
  if (r.success) return { ok: true, value: r.data };
  const issue = r.error.issues[0]!;
  return {
    ok: false,
    error: {
      status: 422,
      body: {
        error: { code: 'SERVER_BAD_INPUT', message: `${issue.path.join('.') || 'body'}: ${issue.message}`, field: issue.path.join('.') },
      },
    },
  };
}

/** A read: viewer role, one library call in a session of the app. */
async function read<T extends object>(c: C, deps: ServerDeps, fn: (s: Session) => Promise<T>) {
  const app = c.req.param('app')!;
  const no = refused(deps, caller(c), app, 'viewer');
  if (no) return send(c, no);
  try {
    return c.json(await deps.sessions.with(app, silentHost, c.req.raw.signal, fn));
  } catch (e) {
    return send(c, httpErrorOf(e));
  }
}

/** The role check first: a caller without the role learns nothing about the body's shape. */
function guard(c: C, deps: ServerDeps, need: Role): HttpError | undefined {
  return refused(deps, caller(c), c.req.param('app') ?? '', need);
}

export function mountApi(api: Hono<ServerEnv>, deps: ServerDeps): void {
  api.get('/api/me', (c) => {
    const p = c.get('principal');
    const cookie = getCookie(c, SESSION_COOKIE);
    return c.json({
      principal: p.name,
      roles: deps.auth.roles(p.name),
      csrf: p.via === 'cookie' && cookie ? deps.auth.csrfOf(cookie) : null,
    });
  });
  api.get('/api/apps', async (c) => {
    const mine = Object.keys(deps.auth.roles(c.get('principal').name));
    const out = await Promise.all(
      mine.map(async (app) => {
        try {
          return await deps.sessions.with(app, silentHost, c.req.raw.signal, async (s) => ({
            app,
            cluster: s.config.cluster,
            service: s.config.service ?? null,
            canary: s.loaded.document.canary !== undefined,
            preview: s.loaded.document.preview !== undefined || s.loaded.document.env !== undefined,
          }));
        } catch (e) {
          return { app, cluster: null, service: null, canary: false, preview: false, error: httpErrorOf(e).body.error };
        }
      }),
    );
    return c.json(out);
  });
  api.get('/api/apps/:app/canary', async (c) => {
    const app = c.req.param('app');
    const no = refused(deps, caller(c), app, 'viewer');
    if (no) return send(c, no);
    try {
      return c.json(await deps.status.read(app, deps.signal));
    } catch (e) {
      return send(c, httpErrorOf(e));
    }
  });
  api.get('/api/apps/:app/canary/events', async (c) => {
    const app = c.req.param('app');
    const no = refused(deps, caller(c), app, 'viewer');
    if (no) return send(c, no);
    return streamSSE(c, async (stream) => {
      const stop = new AbortController();
      stream.onAbort(() => stop.abort());
      const onServerStop = () => stop.abort();
      deps.signal.addEventListener('abort', onServerStop, { once: true });
      try {
        while (!stop.signal.aborted) {
          try {
            const view = await deps.status.read(app, deps.signal);
            await stream.writeSSE({ event: 'status', data: JSON.stringify(view) });
            if (view.release?.outcome !== 'in-progress') {
              await stream.writeSSE({ event: 'end', data: JSON.stringify({ outcome: view.release?.outcome ?? null }) });
              return;
            }
          } catch (e) {
            await stream.writeSSE({ event: 'error', data: JSON.stringify(httpErrorOf(e).body) });
          }
          await deps.clock.sleep(deps.config.poll, stop.signal).catch(() => undefined);
        }
      } finally {
        deps.signal.removeEventListener('abort', onServerStop);
      }
    });
  });
  api.post('/api/apps/:app/canary/start', async (c) => {
    const no = guard(c, deps, 'operator');
    if (no) return send(c, no);
    const b = await bodyOf(c, startBody);
    if (!b.ok) return send(c, b.error);
    return send(c, await canaryAction(deps, caller(c), c.req.param('app'), 'start', b.value));
  });
  for (const action of ['pause', 'resume', 'abort'] as const)
    api.post(`/api/apps/:app/canary/${action}`, async (c) => send(c, await canaryAction(deps, caller(c), c.req.param('app'), action)));
  api.post('/api/apps/:app/canary/promote', async (c) => {
    const no = guard(c, deps, 'operator');
    if (no) return send(c, no);
    const b = await bodyOf(c, promoteBody);
    if (!b.ok) return send(c, b.error);
    return send(c, await canaryAction(deps, caller(c), c.req.param('app'), 'promote', b.value));
  });
  api.get('/api/apps/:app/envs', (c) => read(c, deps, (s) => preview.listEnvs(s)));
  api.post('/api/apps/:app/envs/gc', async (c) => {
    const no = guard(c, deps, 'admin');
    if (no) return send(c, no);
    const b = await bodyOf(c, gcBody);
    if (!b.ok) return send(c, b.error);
    return send(c, await envGc(deps, caller(c), c.req.param('app'), b.value));
  });
  api.post('/api/apps/:app/envs', async (c) => {
    const no = guard(c, deps, 'operator');
    if (no) return send(c, no);
    const b = await bodyOf(c, envBody);
    if (!b.ok) return send(c, b.error);
    return send(c, await envCreate(deps, caller(c), c.req.param('app'), b.value));
  });
  api.delete('/api/apps/:app/envs/:name', async (c) => send(c, await envDelete(deps, caller(c), c.req.param('app'), c.req.param('name'))));
  api.get('/api/apps/:app/service', (c) => read(c, deps, (s) => deploy.status(s)));
  api.get('/api/apps/:app/deploys', (c) => read(c, deps, (s) => deploy.revisions(s)));
  api.get('/api/apps/:app/autoscale', (c) => read(c, deps, (s) => autoscale.status(s)));
}
