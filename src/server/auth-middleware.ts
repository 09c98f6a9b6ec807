// Authenticates /api/* (bearer token or session cookie) and demands the CSRF header on cookie requests that change state.
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { SESSION_COOKIE } from './auth.js';
import { httpError } from './http-errors.js';
import type { ServerDeps, ServerEnv } from './server-deps.js';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export function authenticate(deps: ServerDeps): MiddlewareHandler<ServerEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization');
    if (header !== undefined) {
      const m = /^Bearer ([\x21-\x7e]{1,512})$/.exec(header);
      const principal = m ? deps.auth.principalOfToken(m[1]!) : undefined;
      if (!principal) {
        const e = httpError(401, 'SERVER_UNAUTHENTICATED', 'the bearer token is not valid');
        return c.json(e.body, 401);
      }
      c.set('principal', { name: principal, via: 'bearer' });
      return next();
    }
    const cookie = getCookie(c, SESSION_COOKIE);
    const principal = cookie ? deps.auth.principalOfCookie(cookie) : undefined;
    if (!cookie || !principal) {
      const e = httpError(401, 'SERVER_UNAUTHENTICATED', 'sign in (POST /login) or send Authorization: Bearer <token>');
      return c.json(e.body, 401);
    }
    if (!SAFE.has(c.req.method) && !deps.auth.csrfValid(cookie, c.req.header('x-csrf-token'))) {
      const e = httpError(403, 'SERVER_CSRF', 'X-CSRF-Token is missing or wrong (GET /api/me gives it)');
      return c.json(e.body, 403);
    }
    c.set('principal', { name: principal, via: 'cookie' });
    return next();
  };
}
