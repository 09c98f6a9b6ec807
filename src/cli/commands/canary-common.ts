// What every `cortado canary` command shares: options, loading the release from cortado.yml, Ctrl-C, exit codes.
import type { OpenRelease } from '../../canary/open-release.js';
import type { ReleaseOutcome } from '../../canary/canary-release.js';
import { EXIT, exitCodeOf } from '../../canary/release-summary.js';
import type { OptionSpec, ParsedArgs } from '../command.js';
import type { ConsoleHost } from '../console-host.js';
import { releaseLine } from './canary-view.js';
import { withSession } from '../session-host.js';
import { SHARED_OPTIONS } from '../shared-flags.js';

/** The shared flags (defined once in cli/shared-flags.ts). */
export const CANARY_OPTIONS: OptionSpec = SHARED_OPTIONS;

export const COMMON_HELP = `Common options:
  --config FILE        cortado.yml (default: cortado.{yml,yaml,json,jsonnet} in the current directory)
  --envfile FILE       environment for the config's templates (repeatable)
  --region R, --profile P
  --output json        one JSON document on stdout (messages as JSON lines on stderr)

Exit codes: 0 released (or done), 1 AWS or internal error, 2 bad usage or config,
            3 rolled back (analysis, failed deployment, no data), 4 aborted by an operator,
            5 still in progress elsewhere (paused, waiting for promotion, or another controller runs it)`;

export { EXIT };

/** Opens the release the config describes on the command's session; `fn` gets a signal Ctrl-C aborts. */
export async function withRelease(args: ParsedArgs, host: ConsoleHost, fn: (r: OpenRelease, signal: AbortSignal) => Promise<number>): Promise<number> {
  return withSession(args, host, async (session) => {
    const { openSessionRelease } = await import('../../canary/config/canary-section.js');
    return fn(await openSessionRelease(session), session.signal);
  });
}

/** The final line (or JSON document) of start/resume/promote/abort, and its exit code. */
export function renderOutcome(host: ConsoleHost, r: OpenRelease, outcome: ReleaseOutcome): number {
  const s = outcome.state;
  const text = outcome.handedOff ? `${releaseLine(s, r.target.spec.steps)}; the running controller picks up the request` : releaseLine(s, r.target.spec.steps);
  host.result(text, { release: s ?? null, handedOff: outcome.handedOff, service: r.target.stableService, canaryService: r.target.canaryService });
  return outcome.handedOff ? EXIT.ok : exitCodeOf(s);
}
