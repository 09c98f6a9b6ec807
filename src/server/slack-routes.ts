// POST /slack/commands and /slack/interactions: signed requests only, Slack users mapped to principals, the same actions as the API.
import type { Context, Hono } from 'hono';
import { releaseLine } from '../cli/commands/canary-view.js';
import { canaryAction, envCreate, envDelete, refused, type ActionResult, type Caller } from './actions.js';
import { httpError } from './http-errors.js';
import type { ServerDeps, ServerEnv } from './server-deps.js';
import { parseSlackCommand, SLACK_HELP } from './slack-commands.js';
import { createSlackVerifier } from './slack-signature.js';

/** Slack wants an answer within 3 s: a slower action answers "working on it" and posts its result to response_url. */
const SLACK_ANSWER_MS = 2_500;

const reply = (text: string, inChannel = false) => ({ response_type: inChannel ? 'in_channel' : 'ephemeral', text });

function describe(r: ActionResult): string {
  if ('error' in r.body) return `:no_entry: ${(r.body.error as { message: string }).message}`;
  if (r.status === 202) return 'accepted: the server runs the release';
  const release = r.body.release as { phase?: string } | null | undefined;
  return release?.phase ? `done: the release is ${release.phase}` : 'done';
}

export function mountSlack(app: Hono<ServerEnv>, deps: ServerDeps): void {
  const cfg = deps.config.slack;
  const secret = cfg ? deps.env[cfg.signing_secret_env] : undefined;
  if (!cfg || !secret) {
    app.post('/slack/*', (c) => c.json(httpError(404, 'SERVER_NOT_FOUND', 'Slack is not configured on this server').body, 404));
    return;
  }
  const verify = createSlackVerifier(secret, () => Math.floor(deps.clock.now().getTime() / 1000));
  const signed = async (c: Context<ServerEnv>) => {
    const body = await c.req.text();
    const v = verify(c.req.header('x-slack-request-timestamp'), c.req.header('x-slack-signature'), body);
    return { body, v };
  };
  const callerOf = (user: string | undefined): Caller | undefined => {
    const principal = user ? cfg.users[user] : undefined;
    return principal && user ? { principal, from: `slack:${user}` } : undefined;
  };
  const answer = async (work: Promise<string>, responseUrl: string | null): Promise<string> => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<undefined>((res) => (timer = setTimeout(() => res(undefined), SLACK_ANSWER_MS)));
    const first = await Promise.race([work, late]);
    clearTimeout(timer);
    if (first !== undefined) return first;
    if (responseUrl && /^https?:\/\//.test(responseUrl))
      void work.then((text) =>
        fetch(responseUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(reply(text)) }).catch(
          () => undefined,
        ),
      );
    return 'working on it; the result follows';
  };

  app.post('/slack/commands', async (c) => {
    const { body, v } = await signed(c);
    if (!v.ok) return c.json(httpError(401, v.code, v.message).body, 401);
    const form = new URLSearchParams(body);
    const caller = callerOf(form.get('user_id') ?? undefined);
    if (!caller) return c.json(reply(`:no_entry: your Slack user ${form.get('user_id') ?? '?'} is not mapped to a cortado principal`));
    const cmd = parseSlackCommand(form.get('text') ?? '');
    const work = (async (): Promise<string> => {
      switch (cmd.kind) {
        case 'help':
          return SLACK_HELP;
        case 'bad':
          return cmd.message;
        case 'canary-start':
          return describe(await canaryAction(deps, caller, cmd.app, 'start', { tag: cmd.tag }));
        case 'canary': {
          if (cmd.action !== 'status')
            return describe(await canaryAction(deps, caller, cmd.app, cmd.action, { skipAnalysis: cmd.skipAnalysis }));
          const no = refused(deps, caller, cmd.app, 'viewer');
          if (no) return `:no_entry: ${no.body.error.message}`;
          const view = await deps.status.read(cmd.app, deps.signal);
          return `*${cmd.app}*: ${releaseLine(view.release, view.steps)}`;
        }
        case 'env': {
          const target = cmd.app ?? (deps.sessions.apps.length === 1 ? deps.sessions.apps[0] : undefined);
          if (!target) return `name the app: /cortado env ${cmd.action} ${cmd.name} <app> (apps: ${deps.sessions.apps.join(', ')})`;
          const r =
            cmd.action === 'create'
              ? await envCreate(deps, caller, target, { name: cmd.name })
              : await envDelete(deps, caller, target, cmd.name);
          if ('error' in r.body) return describe(r);
          return cmd.action === 'create'
            ? `env ${String(r.body.env)} ${String(r.body.action)}: ${String(r.body.url)}`
            : `env ${cmd.name} deleted`;
        }
      }
    })().catch((e: unknown) => `:no_entry: ${(e as Error).message}`);
    return c.json(reply(await answer(work, form.get('response_url'))));
  });

  app.post('/slack/interactions', async (c) => {
    const { body, v } = await signed(c);
    if (!v.ok) return c.json(httpError(401, v.code, v.message).body, 401);
    let payload: { user?: { id?: string }; actions?: { action_id?: string; value?: string }[]; response_url?: string };
    try {
      payload = JSON.parse(new URLSearchParams(body).get('payload') ?? '') as typeof payload;
    } catch {
      return c.json(httpError(400, 'SERVER_BAD_JSON', 'payload is not JSON').body, 400);
    }
    const caller = callerOf(payload.user?.id);
    if (!caller) return c.json(reply(`:no_entry: your Slack user is not mapped to a cortado principal`));
    const action = payload.actions?.[0];
    if (!action?.value || (action.action_id !== 'approve' && action.action_id !== 'abort'))
      return c.json(httpError(400, 'SERVER_BAD_INPUT', 'unknown action').body, 400);
    const work = canaryAction(deps, caller, action.value, action.action_id === 'approve' ? 'promote' : 'abort').then(
      (r) => `${action.action_id === 'approve' ? 'Approved' : 'Aborted'} by <@${payload.user!.id!}>: ${describe(r)}`,
    );
    return c.json(reply(await answer(work, payload.response_url ?? null), true));
  });
}
