// Slack's v0 request signing: HMAC-SHA256 over `v0:<timestamp>:<body>`, a 5-minute window, and each signature accepted once.
// node:crypto rather than @slack/bolt: bolt brings an HTTP framework, OAuth and socket mode for these twenty lines.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SLACK_WINDOW_S = 300;

export type SlackVerdict =
  | { readonly ok: true }
  | { readonly ok: false; readonly code: 'SLACK_BAD_SIGNATURE' | 'SLACK_STALE' | 'SLACK_REPLAY'; readonly message: string };

export const slackSignature = (secret: string, timestamp: string, body: string): string =>
  `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;

/**
 * Verifies requests. Seen signatures are remembered for the window, in this process only: behind several replicas a replay
 * sent to another replica within 5 minutes is not caught here (Slack's retries carry X-Slack-Retry-Num and are refused too).
 */
export function createSlackVerifier(secret: string, nowS: () => number) {
  const seen = new Map<string, number>();
  return (timestamp: string | undefined, signature: string | undefined, body: string): SlackVerdict => {
    const now = nowS();
    for (const [sig, at] of seen) if (at < now - SLACK_WINDOW_S) seen.delete(sig);
    if (!timestamp || !/^\d{1,12}$/.test(timestamp) || !signature)
      return { ok: false, code: 'SLACK_BAD_SIGNATURE', message: 'X-Slack-Request-Timestamp and X-Slack-Signature are required' };
    const ts = Number(timestamp);
    if (Math.abs(now - ts) > SLACK_WINDOW_S)
      return { ok: false, code: 'SLACK_STALE', message: 'the request timestamp is outside the 5-minute window' };
    const want = Buffer.from(slackSignature(secret, timestamp, body));
    const got = Buffer.from(signature);
    if (want.length !== got.length || !timingSafeEqual(want, got))
      return { ok: false, code: 'SLACK_BAD_SIGNATURE', message: 'the signature does not match' };
    if (seen.has(signature)) return { ok: false, code: 'SLACK_REPLAY', message: 'this request was already received' };
    seen.set(signature, ts);
    return { ok: true };
  };
}
