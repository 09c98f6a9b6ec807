// Starts `cortado server`: reads its config and tokens, builds the app, listens, runs the takeover loop; stop() ends it all.
import { randomBytes } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createAwsClients } from '../aws/aws-clients.js';
import { systemClock, type Clock } from '../core/clock.js';
import { msg, type IoHost } from '../core/io-host.js';
import type { SessionOptions } from '../session/index.js';
import { createAppSessions } from './app-sessions.js';
import { createAuditLog } from './audit-log.js';
import { createAuth, resolveTokenHashes } from './auth.js';
import { createApp } from './create-app.js';
import { createReleaseControllers } from './release-controllers.js';
import type { ServerConfig } from './server-config.js';
import type { ServerDeps } from './server-deps.js';
import { notifyingHost } from './slack-notify.js';
import { createStatusCache } from './status-cache.js';
import { runTakeover } from './takeover.js';

export interface StartServerOptions {
  readonly config: ServerConfig;
  /** The shared flags (region, endpoint, profile ...) every app session takes. */
  readonly base: Omit<SessionOptions, 'configPath'>;
  readonly port: number;
  readonly host: string;
  readonly io: IoHost;
  readonly clock?: Clock;
  readonly trustProxy?: boolean;
  readonly actionWaitMs?: number;
  readonly dashboardDir?: string;
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

/** The dashboard's folder: beside the compiled server (dist/server/dashboard), or in the sources when run under tsx. */
function defaultDashboardDir(): string | undefined {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  return [`${root}dist/server/dashboard`, `${root}src/server/dashboard`].find((d) => existsSync(d));
}

export async function startServer(o: StartServerOptions): Promise<RunningServer> {
  const clock = o.clock ?? systemClock;
  const stopping = new AbortController();
  // Every SSE client listens on it.
  setMaxListeners(0, stopping.signal);
  const cfg = o.config;
  const aws = createAwsClients(
    {
      ...(o.base.region ? { region: o.base.region } : {}),
      ...(o.base.profile ? { profile: o.base.profile } : {}),
      ...(o.base.endpoint ? { endpoint: o.base.endpoint } : {}),
      ...(o.base.assumeRoleArn ? { assumeRoleArn: o.base.assumeRoleArn } : {}),
    },
    o.base.env,
  );
  const hashes = await resolveTokenHashes(cfg, aws, stopping.signal);
  const secret = o.base.env[cfg.session.secret_env];
  if (!secret)
    o.io.notify(
      msg(
        'warn',
        'SERVER_READY',
        `${cfg.session.secret_env} is not set: sessions are signed with a random key, valid on this replica only`,
      ),
    );
  const auth = createAuth(cfg, hashes, secret ?? randomBytes(32).toString('hex'), () => clock.now().getTime());
  const sessions = createAppSessions({ config: cfg, base: o.base, clock });
  const appIo = (app: string) => notifyingHost(app, o.io, cfg, o.base.env);
  const controllers = createReleaseControllers(sessions, appIo);
  const audit = createAuditLog(aws, cfg.audit.log_group, o.io, clock);
  const dashboardDir = o.dashboardDir ?? defaultDashboardDir();
  const deps: ServerDeps = {
    config: cfg,
    auth,
    sessions,
    controllers,
    audit,
    status: createStatusCache(sessions, audit, Math.min(1_000, cfg.poll), () => clock.now().getTime()),
    io: o.io,
    appIo,
    clock,
    signal: stopping.signal,
    actionWaitMs: o.actionWaitMs ?? 5_000,
    env: o.base.env,
    ...(dashboardDir ? { dashboardDir } : {}),
  };
  const app = createApp(deps, o.trustProxy ? { trustProxy: true } : {});
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: o.port, hostname: o.host }, () => resolve(s));
    s.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${o.host.includes(':') ? `[${o.host}]` : o.host}:${port}`;
  const takeover = cfg.takeover.enabled
    ? runTakeover({ sessions, controllers, everyMs: cfg.takeover.every, clock, io: appIo }, stopping.signal)
    : Promise.resolve();
  o.io.notify(msg('info', 'SERVER_READY', `cortado server listening on ${url}`, { url, port, apps: sessions.apps }));
  return {
    url,
    port,
    async stop() {
      o.io.notify(msg('info', 'SERVER_STOPPING', 'stopping: controllers give their leases back'));
      stopping.abort();
      await Promise.allSettled([controllers.stop(), takeover]);
      await new Promise<void>((res) => {
        server.close(() => res());
        // SSE streams keep connections open: close them.
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      sessions.close();
      aws.close?.();
    },
  };
}
