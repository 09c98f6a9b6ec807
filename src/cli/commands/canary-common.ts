// What every `cortado canary` command shares: loading the release from cortado.yml, Ctrl-C, exit codes.
import type { OpenRelease } from '../../canary/open-release.js';
import type { ReleaseOutcome } from '../../canary/canary-release.js';
import { noDataHint } from '../../canary/no-data-hint.js';
import { exitCodeOf } from '../../canary/release-summary.js';
import { EXIT } from '../../core/exit-codes.js';
import type { ParsedArgs } from '../command.js';
import type { ConsoleHost } from '../console-host.js';
import { releaseLine } from './canary-view.js';
import { withSession } from '../session-host.js';

export { EXIT };

/** Opens the release the config describes on the command's session; `fn` gets a signal Ctrl-C aborts. */
export async function withRelease(
  args: ParsedArgs,
  host: ConsoleHost,
  fn: (r: OpenRelease, signal: AbortSignal) => Promise<number>,
): Promise<number> {
  return withSession(args, host, async (session) => {
    const { openSessionRelease } = await import('../../canary/config/canary-section.js');
    return fn(await openSessionRelease(session), session.signal);
  });
}

/** The final line (or JSON document) of start/resume/promote/abort, and its exit code. */
export function renderOutcome(host: ConsoleHost, r: OpenRelease, outcome: ReleaseOutcome): number {
  const s = outcome.state;
  const hint = s?.outcome === 'failed' ? noDataHint(s.reason, r.target.spec) : undefined;
  const line = `${releaseLine(s, r.target.spec.steps)}${hint ? `\n${hint}` : ''}`;
  const text = outcome.heldBy
    ? `${line}; controller ${outcome.heldBy} runs it`
    : outcome.handedOff
      ? `${line}; the running controller picks up the request`
      : line;
  host.result(text, {
    release: s ?? null,
    ...(hint ? { hint } : {}),
    handedOff: outcome.handedOff,
    ...(outcome.heldBy ? { heldBy: outcome.heldBy } : {}),
    service: r.target.stableService,
    canaryService: r.target.canaryService,
  });
  if (outcome.heldBy) return EXIT.inProgress;
  return outcome.handedOff ? EXIT.ok : exitCodeOf(s, outcome.asked);
}
