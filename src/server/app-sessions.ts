// One session per request or background controller, for an application's cortado.yml; the AWS clients are shared per app.
import type { AwsClients } from '../aws/aws-clients.js';
import type { Clock } from '../core/clock.js';
import type { IoHost } from '../core/io-host.js';
import { openSession, type Session, type SessionOptions } from '../session/index.js';
import { appConfigPath, type ServerConfig } from './server-config.js';

export interface AppSessions {
  readonly apps: readonly string[];
  has(app: string): boolean;
  /** Opens a session for the app's config; `signal` cancels the library call (the request, or the server stopping). */
  open(app: string, io: IoHost, signal: AbortSignal): Promise<Session>;
  /** Runs `fn` in a fresh session of the app. */
  with<T>(app: string, io: IoHost, signal: AbortSignal, fn: (s: Session) => Promise<T>): Promise<T>;
  close(): void;
}

export interface AppSessionsOptions {
  readonly config: ServerConfig;
  /** The shared flags the server was started with (region, endpoint, profile ...): every app's session takes them. */
  readonly base: Omit<SessionOptions, 'configPath'>;
  readonly clock?: Clock;
}

export function createAppSessions(o: AppSessionsOptions): AppSessions {
  const clients = new Map<string, AwsClients>();
  const apps = Object.keys(o.config.applications);
  const open = async (app: string, io: IoHost, signal: AbortSignal): Promise<Session> => {
    const shared = clients.get(app);
    const s = await openSession(
      { ...o.base, configPath: appConfigPath(o.config, app) },
      { io, signal, ...(o.clock ? { clock: o.clock } : {}), ...(shared ? { aws: shared } : {}) },
    );
    if (!shared) clients.set(app, s.aws);
    return s;
  };
  return {
    apps,
    has: (app) => apps.includes(app),
    open,
    // The session's clients are shared by the app: never closed per session, only when the server stops.
    with: async (app, io, signal, fn) => fn(await open(app, io, signal)),
    close() {
      for (const c of clients.values()) c.close?.();
      clients.clear();
    },
  };
}
