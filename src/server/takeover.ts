// No release left without a controller: every replica looks for releases whose lease ran out and resumes them (the lease picks one).
import * as canary from '../canary/session-api.js';
import type { Clock } from '../core/clock.js';
import { msg, type IoHost } from '../core/io-host.js';
import type { AppSessions } from './app-sessions.js';
import type { ReleaseControllers } from './release-controllers.js';

export interface TakeoverOptions {
  readonly sessions: AppSessions;
  readonly controllers: ReleaseControllers;
  readonly everyMs: number;
  readonly clock: Clock;
  readonly io: (app: string) => IoHost;
}

/** One pass over the apps with a canary: section; returns the apps taken over. */
export async function takeoverPass(o: TakeoverOptions, signal: AbortSignal): Promise<string[]> {
  const taken: string[] = [];
  for (const app of o.sessions.apps) {
    if (signal.aborted) break;
    if (o.controllers.running(app)) continue;
    try {
      const session = await o.sessions.open(app, o.io(app), signal);
      if (session.loaded.document.canary === undefined) continue;
      if (!(await canary.orphaned(session))) continue;
      o.io(app).notify(msg('info', 'SERVER_TAKEOVER', `${app}: the release has no live controller; resuming it here`, { app }));
      taken.push(app);
      // Resume waits for a lease still held, and backs off if another replica wins it (the library decides).
      await o.controllers.run(app, 'takeover', (s) => canary.resume(s), 0);
    } catch (e) {
      if (signal.aborted) break;
      o.io(app).notify(msg('warn', 'SERVER_TAKEOVER', `${app}: takeover check failed: ${(e as Error).message}`, { app }));
    }
  }
  return taken;
}

/** Runs passes every `everyMs` until the signal aborts. */
export async function runTakeover(o: TakeoverOptions, signal: AbortSignal): Promise<void> {
  while (!signal.aborted) {
    await takeoverPass(o, signal);
    await o.clock.sleep(o.everyMs, signal).catch(() => undefined);
  }
}
