// The releases this replica drives in the background (started, promoted, taken over): one per app, cancelled when the server stops.
import type { ReleaseOutcome } from '../canary/canary-release.js';
import { msg, type IoHost } from '../core/io-host.js';
import type { Session } from '../session/index.js';
import type { AppSessions } from './app-sessions.js';

export type Settled = { readonly kind: 'done'; readonly outcome: ReleaseOutcome } | { readonly kind: 'running' };

export interface ReleaseControllers {
  /**
   * Runs a library call that may drive a release to its end, in the background. Resolves with its outcome if it ends
   * within `waitMs`, else `running` (the release carries on here); errors thrown before then are thrown to the caller.
   */
  run(app: string, what: string, fn: (s: Session) => Promise<ReleaseOutcome>, waitMs: number): Promise<Settled>;
  running(app: string): boolean;
  /** Aborts every controller (their leases are given back by the library) and waits for them. */
  stop(): Promise<void>;
}

export function createReleaseControllers(sessions: AppSessions, io: (app: string) => IoHost): ReleaseControllers {
  const stopAll = new AbortController();
  const live = new Map<string, Promise<unknown>>();
  return {
    running: (app) => live.has(app),
    async run(app, what, fn, waitMs) {
      const session = await sessions.open(app, io(app), stopAll.signal);
      const p = fn(session);
      const tracked = p.then(
        (outcome) => {
          io(app).notify(
            msg('info', 'SERVER_CONTROLLER_ENDED', `${app}: ${what} ended: ${outcome.state?.phase ?? 'no release'}`, { app, what }),
          );
        },
        (e: unknown) => {
          io(app).notify(msg('warn', 'SERVER_CONTROLLER_ENDED', `${app}: ${what} failed: ${(e as Error).message}`, { app, what }));
        },
      );
      live.set(app, tracked);
      void tracked.finally(() => {
        if (live.get(app) === tracked) live.delete(app);
      });
      let timer: NodeJS.Timeout | undefined;
      const wait = new Promise<Settled>((res) => {
        timer = setTimeout(() => res({ kind: 'running' }), waitMs);
      });
      try {
        return await Promise.race([p.then((outcome): Settled => ({ kind: 'done', outcome })), wait]);
      } finally {
        clearTimeout(timer);
      }
    },
    async stop() {
      stopAll.abort();
      await Promise.allSettled([...live.values()]);
    },
  };
}
