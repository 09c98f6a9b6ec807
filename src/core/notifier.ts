// Notifications to people (Slack incoming webhooks, plain JSON webhooks), shared by canary releases and scheduled jobs; a failure is reported, never thrown.

/** `slack`: POST `{text}` (Slack's incoming-webhook JSON); `webhook`: POST `{text, ...details}` for any HTTP receiver. */
export type Notifier =
  | { readonly kind: 'slack'; readonly url: string; readonly timeoutMs: number }
  | { readonly kind: 'webhook'; readonly url: string; readonly timeoutMs: number };

/** Sends `text` (and, to webhooks, the details) to every notifier; resolves to the failures as sentences, so the caller can warn. */
export async function sendNotifications(
  notifiers: readonly Notifier[],
  text: string,
  details: Readonly<Record<string, unknown>>,
  signal: AbortSignal,
): Promise<string[]> {
  const failures = await Promise.all(
    notifiers.map(async (n) => {
      try {
        const res = await fetch(n.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(n.kind === 'slack' ? { text } : { ...details, text }),
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
