// A canary's phase changes as notifications (the sending is shared: core/notifier.ts); a failure is a warning, never a stop.
import { type Notifier, sendNotifications } from '../../core/notifier.js';

export interface PhaseChange {
  readonly service: string;
  readonly from: string;
  readonly to: string;
  readonly why: string;
}

export const notificationText = (c: PhaseChange): string => `cortado canary ${c.service}: ${c.from} → ${c.to} — ${c.why}`;

/** Sends to every notifier; resolves to the failures (as sentences) so the caller can warn. */
export async function notifyAll(notifiers: readonly Notifier[], change: PhaseChange, signal: AbortSignal): Promise<string[]> {
  return sendNotifications(notifiers, notificationText(change), { event: 'canary-phase', ...change }, signal);
}
