// POST /login (a token from a form or JSON) sets the signed session cookie; POST /logout clears it.
import type { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { SESSION_COOKIE } from './auth.js';
import type { ServerDeps, ServerEnv } from './server-deps.js';

async function tokenOf(req: Request): Promise<string | undefined> {
  const type = req.headers.get('content-type') ?? '';
  try {
    if (type.includes('application/json')) {
      const b = (await req.json()) as unknown;
      return typeof b === 'object' && b !== null && typeof (b as { token?: unknown }).token === 'string'
        ? (b as { token: string }).token
        : undefined;
    }
    const form = await req.formData();
    const t = form.get('token');
    return typeof t === 'string' ? t : undefined;
  } catch {
    return undefined;
  }
}

export function mountLogin(app: Hono<ServerEnv>, deps: ServerDeps): void {
  app.post('/login', async (c) => {
    const token = await tokenOf(c.req.raw);
    const principal = token ? deps.auth.principalOfToken(token) : undefined;
    if (!principal) return c.json({ error: { code: 'SERVER_UNAUTHENTICATED', message: 'the token is not valid' } }, 401);
    const secure = c.req.header('x-forwarded-proto') === 'https' || new URL(c.req.url).protocol === 'https:';
    setCookie(c, SESSION_COOKIE, deps.auth.sessionCookie(principal), {
      httpOnly: true,
      sameSite: 'Strict',
      path: '/',
      secure,
      maxAge: Math.floor(deps.config.session.ttl / 1000),
    });
    await deps.audit.record({ app: '-', who: principal, action: 'login', at: deps.clock.now().getTime(), from: c.get('from') });
    return c.redirect('/', 303);
  });
  app.post('/logout', (c) => {
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.redirect('/', 303);
  });
}
