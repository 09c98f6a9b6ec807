// Release notifications to Slack (an incoming webhook or chat.postMessage): phase changes, and Approve/Abort buttons at the promotion gate.
import { msg, type IoHost, type IoMessage } from '../core/io-host.js';
import type { ServerConfig } from './server-config.js';

export interface SlackMessage {
  readonly text: string;
  readonly blocks?: readonly unknown[];
}

/** Pure: the Slack message for a controller's message, or undefined when it is not worth one. */
export function slackMessageOf(app: string, m: IoMessage): SlackMessage | undefined {
  if (m.code === 'CANARY_STARTED') return { text: `:rocket: *${app}*: ${m.message}` };
  if (m.code !== 'CANARY_PHASE') return undefined;
  const data = m.data as { to?: { kind?: string } } | undefined;
  const to = data?.to?.kind;
  const text = `${to === 'succeeded' ? ':white_check_mark:' : to === 'failed' || to === 'aborted' || to === 'rolling-back' ? ':warning:' : ':hourglass:'} *${app}*: ${m.message}`;
  if (to !== 'awaiting-promotion') return { text };
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `${text}\nThe canary passed its analyses. Promote it?` } },
      {
        type: 'actions',
        block_id: `gate:${app}`,
        elements: [
          { type: 'button', action_id: 'approve', value: app, style: 'primary', text: { type: 'plain_text', text: 'Approve' } },
          { type: 'button', action_id: 'abort', value: app, style: 'danger', text: { type: 'plain_text', text: 'Abort' } },
        ],
      },
    ],
  };
}

export async function postToSlack(
  cfg: NonNullable<ServerConfig['slack']>,
  env: Readonly<Record<string, string | undefined>>,
  m: SlackMessage,
): Promise<void> {
  if (!cfg.notify_url) return;
  const token = cfg.token_env ? env[cfg.token_env] : undefined;
  const res = await fetch(cfg.notify_url, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ ...(cfg.channel ? { channel: cfg.channel } : {}), ...m }),
    signal: AbortSignal.timeout(10_000),
  });
  if (!res.ok) throw new Error(`${cfg.notify_url} answered ${res.status}`);
}

/** The IoHost a controller of `app` reports to: the server log, and Slack for what is worth a message. */
export function notifyingHost(app: string, log: IoHost, cfg: ServerConfig, env: Readonly<Record<string, string | undefined>>): IoHost {
  return {
    notify(m) {
      log.notify(m);
      const slack = cfg.slack;
      if (!slack?.notify_url) return;
      const out = slackMessageOf(app, m);
      if (out)
        postToSlack(slack, env, out).catch((e: unknown) =>
          log.notify(msg('warn', 'SERVER_SLACK_FAILED', `Slack notification failed: ${(e as Error).message}`)),
        );
    },
  };
}
