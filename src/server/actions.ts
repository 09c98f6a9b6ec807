// Every state-changing action, whoever asks (HTTP API or Slack): role check, one library call, audit in CloudWatch Logs and on the release.
import type { ReleaseOutcome } from '../canary/canary-release.js';
import * as canary from '../canary/session-api.js';
import { UsageError } from '../core/errors.js';
import { DEFAULT_INCOMPLETE_AFTER_MS, parseDuration } from '../preview/index.js';
import { previewSection } from '../preview/open-preview.js';
import * as preview from '../preview/session-api.js';
import { httpError, httpErrorOf, type HttpError } from './http-errors.js';
import type { Role } from './server-config.js';
import type { ServerDeps } from './server-deps.js';

export interface Caller {
  readonly principal: string;
  /** An IP address or `slack:<user id>`. */
  readonly from: string;
}

export type ActionResult = { readonly status: 200 | 201 | 202; readonly body: Record<string, unknown> } | HttpError;

export type CanaryAction = 'start' | 'pause' | 'resume' | 'promote' | 'abort';

/** 404 for an unknown app, 403 for a role too low; undefined when allowed. */
export function refused(deps: ServerDeps, caller: Caller, app: string, need: Role): HttpError | undefined {
  if (!deps.sessions.has(app)) return httpError(404, 'SERVER_NO_APP', `no application ${app}`);
  if (!deps.auth.allows(caller.principal, app, need))
    return httpError(403, 'SERVER_FORBIDDEN', `${caller.principal} needs the ${need} role on ${app}`);
  return undefined;
}

const outcomeBody = (o: ReleaseOutcome) => ({
  release: o.state ?? null,
  handedOff: o.handedOff,
  ...(o.heldBy ? { heldBy: o.heldBy } : {}),
});

async function audited(
  deps: ServerDeps,
  app: string,
  caller: Caller,
  action: string,
  fn: () => Promise<ActionResult>,
): Promise<ActionResult> {
  let result: ActionResult;
  try {
    result = await fn();
  } catch (e) {
    result = httpErrorOf(e);
  }
  const outcome = 'error' in result.body ? `refused ${result.status}` : result.status === 202 ? 'accepted' : 'done';
  await deps.audit.record({ app, who: caller.principal, action, at: deps.clock.now().getTime(), from: caller.from, outcome });
  deps.status.forget(app);
  return result;
}

export interface CanaryInput {
  readonly tag?: string | undefined;
  readonly image?: string | undefined;
  readonly skipAnalysis?: boolean | undefined;
}

export async function canaryAction(
  deps: ServerDeps,
  caller: Caller,
  app: string,
  action: CanaryAction,
  input: CanaryInput = {},
): Promise<ActionResult> {
  const no = refused(deps, caller, app, 'operator');
  if (no) return no;
  return audited(deps, app, caller, `canary ${action}${input.skipAnalysis ? ' --skip-analysis' : ''}`, async () => {
    const actor = { who: caller.principal, from: caller.from };
    if (action === 'pause') {
      const summary = await deps.sessions.with(app, deps.appIo(app), deps.signal, (s) => canary.pause(s, actor));
      return { status: 200, body: { release: summary } };
    }
    if (action === 'start' && !input.tag && !input.image)
      throw new UsageError('BAD_OPTION', 'start needs a tag or an image', { field: 'tag' });
    const settled = await deps.controllers.run(
      app,
      `canary ${action}`,
      (s) =>
        action === 'start'
          ? canary.start(
              s,
              {
                kind: 'change',
                change: { image: input.image ? { kind: 'image', image: input.image } : { kind: 'tag', tag: input.tag! }, env: {} },
              },
              actor,
            )
          : action === 'resume'
            ? canary.resume(s, actor)
            : action === 'promote'
              ? canary.promote(s, { skipAnalysis: input.skipAnalysis === true, actor })
              : canary.abort(s, actor),
      deps.actionWaitMs,
    );
    if (settled.kind === 'running') return { status: 202, body: { accepted: true } };
    if (settled.outcome.heldBy && action === 'start')
      return httpError(409, 'CANARY_IN_PROGRESS', `controller ${settled.outcome.heldBy} holds the release`);
    return { status: 200, body: { accepted: true, ...outcomeBody(settled.outcome) } };
  });
}

export interface EnvInput {
  readonly name: string;
  readonly image?: string | undefined;
  readonly tag?: string | undefined;
  readonly environment?: Readonly<Record<string, string>> | undefined;
}

export async function envCreate(deps: ServerDeps, caller: Caller, app: string, input: EnvInput): Promise<ActionResult> {
  const no = refused(deps, caller, app, 'operator');
  if (no) return no;
  return audited(deps, app, caller, `env create ${input.name}`, async () => {
    const image = input.image
      ? { kind: 'image' as const, image: input.image }
      : input.tag
        ? { kind: 'tag' as const, tag: input.tag }
        : { kind: 'none' as const };
    const r = await deps.sessions.with(app, deps.appIo(app), deps.signal, (s) =>
      preview.createEnv(s, { name: input.name, image, environment: input.environment ?? {} }),
    );
    return { status: 201, body: { ...r } };
  });
}

export async function envDelete(deps: ServerDeps, caller: Caller, app: string, name: string): Promise<ActionResult> {
  const no = refused(deps, caller, app, 'operator');
  if (no) return no;
  return audited(deps, app, caller, `env delete ${name}`, async () => {
    const r = await deps.sessions.with(app, deps.appIo(app), deps.signal, (s) => preview.deleteEnv(s, name));
    return { status: 200, body: { ...r } };
  });
}

export async function envGc(
  deps: ServerDeps,
  caller: Caller,
  app: string,
  input: { olderThan?: string | undefined; dryRun?: boolean | undefined },
): Promise<ActionResult> {
  const no = refused(deps, caller, app, 'admin');
  if (no) return no;
  return audited(deps, app, caller, `env gc${input.dryRun ? ' --dry-run' : ''}`, async () => {
    const r = await deps.sessions.with(app, deps.appIo(app), deps.signal, async (s) => {
      const olderThanMs =
        input.olderThan !== undefined
          ? parseDuration(input.olderThan, 'olderThan')
          : (s.section(previewSection)?.gcOlderThanMs ?? 7 * 86_400_000);
      return preview.gcEnvs(s, { olderThanMs, incompleteAfterMs: DEFAULT_INCOMPLETE_AFTER_MS, dryRun: input.dryRun === true });
    });
    return { status: 200, body: { ...r } };
  });
}
