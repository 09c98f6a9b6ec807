// What every route and the Slack handlers are handed: config, auth, sessions, controllers, audit, the clock and the server's signal.
import type { Clock } from '../core/clock.js';
import type { IoHost } from '../core/io-host.js';
import type { AppSessions } from './app-sessions.js';
import type { AuditLog } from './audit-log.js';
import type { Auth, Principal } from './auth.js';
import type { ReleaseControllers } from './release-controllers.js';
import type { ServerConfig } from './server-config.js';
import type { StatusCache } from './status-cache.js';

export interface ServerDeps {
  readonly config: ServerConfig;
  readonly auth: Auth;
  readonly sessions: AppSessions;
  readonly controllers: ReleaseControllers;
  readonly audit: AuditLog;
  readonly status: StatusCache;
  /** The server's own log (requests, audit, takeovers). */
  readonly io: IoHost;
  /** Where a controller's messages go: the server log and the Slack notifier. */
  appIo(app: string): IoHost;
  readonly clock: Clock;
  /** Aborts when the server stops. */
  readonly signal: AbortSignal;
  /** How long an action waits for the library call to end before answering 202 (it carries on here). */
  readonly actionWaitMs: number;
  readonly dashboardDir?: string;
  /** The environment the server was started with (secrets named in the config are read from it). */
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Hono's per-request variables. */
export interface ServerEnv {
  Variables: { principal: Principal; from: string };
}
