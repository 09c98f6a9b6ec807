// The server's HTTP app: security headers, body limit, rate limit, authentication, the API, login, Slack and the dashboard.
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { rateLimiter } from 'hono-rate-limiter';
import { msg } from '../core/io-host.js';
import { mountApi } from './api-handlers.js';
import { authenticate } from './auth-middleware.js';
import { sha256Hex } from './auth.js';
import { httpError, httpErrorOf } from './http-errors.js';
import { mountLogin } from './login-routes.js';
import { openApiDocument } from './openapi-document.js';
import type { ServerDeps, ServerEnv } from './server-deps.js';
import { mountSlack } from './slack-routes.js';
import { mountDashboard } from './static-dashboard.js';

/** The client's address: the socket's (a load balancer's X-Forwarded-For is trusted only with `trustProxy`). */
function clientAddress(c: Parameters<typeof getConnInfo>[0], trustProxy: boolean): string {
  if (trustProxy) {
    const xff = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (xff && /^[\d.:a-fA-F]{2,45}$/.test(xff)) return xff;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export function createApp(deps: ServerDeps, opts: { readonly trustProxy?: boolean } = {}): Hono<ServerEnv> {
  const app = new Hono<ServerEnv>();
  app.onError((e, c) => {
    // Hono's own refusals (the login form's origin check): their status, our error body.
    if (e instanceof HTTPException && e.status >= 400 && e.status < 500)
      return c.json(httpError(403, 'SERVER_CSRF', `refused: ${e.message || 'cross-origin form'}`).body, e.status);
    const h = httpErrorOf(e);
    if (h.status === 500)
      deps.io.notify(msg('error', 'SERVER_REQUEST', `${c.req.method} ${c.req.path}: ${(e as Error).stack ?? String(e)}`));
    return c.json(h.body, h.status);
  });
  app.notFound((c) => c.json(httpError(404, 'SERVER_NOT_FOUND', 'no such route').body, 404));
  app.use('*', async (c, next) => {
    c.set('from', clientAddress(c, opts.trustProxy === true));
    const t0 = Date.now();
    await next();
    deps.io.notify(msg('debug', 'SERVER_REQUEST', `${c.req.method} ${c.req.path} ${c.res.status} ${Date.now() - t0}ms`));
  });
  app.use('*', secureHeaders());
  app.use(
    '*',
    bodyLimit({
      maxSize: deps.config.body_limit,
      onError: (c) => c.json(httpError(413, 'SERVER_TOO_LARGE', `the body is over ${deps.config.body_limit} bytes`).body, 413),
    }),
  );
  app.use(
    '*',
    rateLimiter<ServerEnv>({
      windowMs: 60_000,
      limit: deps.config.rate_limit.per_minute,
      standardHeaders: 'draft-6',
      // Per token when one is sent (many CI jobs behind one address), else per address.
      keyGenerator: (c) => {
        const a = c.req.header('authorization');
        return a ? `t:${sha256Hex(a)}` : `a:${c.get('from')}`;
      },
      handler: (c) => c.json(httpError(429, 'SERVER_RATE_LIMITED', 'too many requests; slow down').body, 429),
    }),
  );
  // Forms (login) must come from our own origin; the API's JSON actions carry the CSRF header (auth-middleware.ts).
  app.use('/login', csrf());
  app.use('/logout', csrf());
  app.get('/api/openapi.json', (c) => c.json(openApiDocument() as object));
  app.get('/healthz', (c) => c.json({ ok: true }));
  app.use('/api/*', authenticate(deps));
  mountApi(app, deps);
  mountLogin(app, deps);
  mountSlack(app, deps);
  mountDashboard(app, deps.dashboardDir);
  return app;
}
