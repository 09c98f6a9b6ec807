// Slack-compatible notifications (incoming-webhook JSON `{text}`) at every phase change; a failure is a warning, never a stop.
import type { Notifier } from '../canary-spec.js';

export interface PhaseChange {
  readonly service: string;
  readonly from: string;
  readonly to: string;
  readonly why: string;
}

export const notificationText = (c: PhaseChange): string => `cortado canary ${c.service}: ${c.from} → ${c.to} — ${c.why}`;

/** Sends to every notifier; resolves to the failures (as sentences) so the caller can warn. */
export async function notifyAll(notifiers: readonly Notifier[], change: PhaseChange, signal: AbortSignal): Promise<string[]> {
  const text = notificationText(change);
  const failures = await Promise.all(
    notifiers.map(async (n) => {
      try {
        const res = await fetch(n.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ text }),
          signal: AbortSignal.any([signal, AbortSignal.timeout(n.timeoutMs)]),
        });
        await res.arrayBuffer();
        return res.ok ? undefined : `notification to ${n.url} answered ${res.status}`;
      } catch (e) {
        if (signal.aborted) throw e;
        return `notification to ${n.url} failed: ${e instanceof Error ? e.message : String(e)}`;
      }
    }),
  );
  return failures.filter((f): f is string => f !== undefined);
}
