// Serves the dashboard's files (src/server/dashboard, copied to dist): a fixed list read at start, so no path reaches the disk.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { Hono } from 'hono';
import type { ServerEnv } from './server-deps.js';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
};

export function mountDashboard(app: Hono<ServerEnv>, dir: string | undefined): void {
  const files = new Map<string, { body: Buffer; type: string }>();
  if (dir) {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      names = [];
    }
    for (const name of names) {
      const type = TYPES[extname(name)];
      const full = join(dir, name);
      if (type && /^[\w.-]+$/.test(name) && statSync(full).isFile()) files.set(name, { body: readFileSync(full), type });
    }
  }
  const serve = (name: string) => {
    const f = files.get(name);
    return f ? new Response(new Uint8Array(f.body), { headers: { 'content-type': f.type, 'cache-control': 'no-cache' } }) : undefined;
  };
  app.get('/', (c) => serve('index.html') ?? c.text('cortado server: the dashboard is not installed; the API is under /api', 200));
  app.get('/:file{[\\w.-]+}', (c, next) => serve(c.req.param('file')) ?? next());
}
