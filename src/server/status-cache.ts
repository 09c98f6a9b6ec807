// One status read per app at a time, reused for a second: a hundred dashboards watching over SSE cost one read, not a hundred.
import * as canary from '../canary/session-api.js';
import type { CanaryStatusView } from '../canary/canary-status.js';
import { silentHost } from '../core/io-host.js';
import type { AppSessions } from './app-sessions.js';
import type { AuditEntry, AuditLog } from './audit-log.js';

export type StatusWithAudit = CanaryStatusView & { readonly audit: readonly Pick<AuditEntry, 'who' | 'action' | 'at' | 'from'>[] };

export interface StatusCache {
  read(app: string, signal: AbortSignal): Promise<StatusWithAudit>;
  /** Drops the cached read (after an action, so the next read shows it). */
  forget(app: string): void;
}

export function createStatusCache(sessions: AppSessions, audit: AuditLog, maxAgeMs: number, now: () => number): StatusCache {
  const cache = new Map<string, { at: number; value: Promise<StatusWithAudit> }>();
  return {
    read(app, signal) {
      const hit = cache.get(app);
      if (hit && now() - hit.at < maxAgeMs) return hit.value;
      const value = (async () => {
        const [view, entries] = await Promise.all([sessions.with(app, silentHost, signal, (s) => canary.status(s)), audit.recent(app, 20)]);
        return { ...view, audit: entries.map((e) => ({ who: e.who, action: e.action, at: e.at, from: e.from })) };
      })();
      cache.set(app, { at: now(), value });
      value.catch(() => {
        if (cache.get(app)?.value === value) cache.delete(app);
      });
      return value;
    },
    forget: (app) => void cache.delete(app),
  };
}
