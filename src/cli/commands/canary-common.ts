// What every `cortado canary` command shares: options, loading the release from cortado.yml, Ctrl-C, exit codes.
import { resolveAwsSettings } from '../../aws/aws-settings.js';
import { buildClientConfig } from '../../aws/client-config.js';
import { systemClock } from '../../core/clock.js';
import { loadReleaseConfig } from '../../canary/config/load-release-config.js';
import { openRelease, type OpenRelease } from '../../canary/open-release.js';
import type { ReleaseOutcome } from '../../canary/canary-release.js';
import { exitCodeOf } from '../../canary/release-summary.js';
import { EXIT } from '../../core/exit-codes.js';
import { msg } from '../../core/io-host.js';
import type { OptionSpec, ParsedArgs } from '../command.js';
import { stringOption } from '../command.js';
import type { ConsoleHost } from '../console-host.js';
import { releaseLine } from './canary-view.js';

export const CANARY_OPTIONS: OptionSpec = {
  config: { type: 'string', short: 'c' },
  envfile: { type: 'string', multiple: true },
  region: { type: 'string' },
  profile: { type: 'string' },
};

export const COMMON_HELP = `Common options:
  --config FILE        cortado.yml (default: cortado.{yml,yaml,json,jsonnet} in the current directory)
  --envfile FILE       environment for the config's templates (repeatable)
  --region R, --profile P
  --output json        one JSON document on stdout (messages as JSON lines on stderr)

Exit codes: 0 released, or done (an abort that aborted), 1 AWS or internal error, 2 bad usage or config,
            3 rolled back (analysis, failed deployment, no data), 4 aborted by someone else (an operator),
            5 still in progress elsewhere (paused, waiting for promotion, or another controller runs it)`;

export { EXIT };

/** Loads the config, opens the release's seams, runs `fn` with a signal Ctrl-C aborts, and closes everything. */
export async function withRelease(args: ParsedArgs, host: ConsoleHost, fn: (r: OpenRelease, signal: AbortSignal) => Promise<number>): Promise<number> {
  const cfg = await loadReleaseConfig({
    cwd: process.cwd(), env: process.env,
    ...(stringOption(args, 'config') ? { configPath: stringOption(args, 'config')! } : {}),
    ...(args.values.envfile ? { envfiles: args.values.envfile as string[] } : {}),
  });
  for (const w of cfg.warnings) host.notify(msg('warn', 'CONFIG_WARNING', w));
  const settings = resolveAwsSettings({
    ...(stringOption(args, 'region') ?? cfg.deploy.region ? { region: stringOption(args, 'region') ?? cfg.deploy.region! } : {}),
    ...(stringOption(args, 'profile') ? { profile: stringOption(args, 'profile')! } : {}),
    ...(cfg.deploy.assumeRoleArn ? { assumeRoleArn: cfg.deploy.assumeRoleArn } : {}),
  }, process.env);
  const release = await openRelease({ cluster: cfg.cluster, stableService: cfg.stableService, spec: cfg.spec }, await buildClientConfig(settings), host, systemClock);
  const controller = new AbortController();
  const onSignal = () => controller.abort(new Error('interrupted: the release stays where it is; `cortado canary resume` continues it'));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await fn(release, controller.signal);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    release.close();
  }
}

/** The final line (or JSON document) of start/resume/promote/abort, and its exit code. */
export function renderOutcome(host: ConsoleHost, r: OpenRelease, outcome: ReleaseOutcome): number {
  const s = outcome.state;
  const line = releaseLine(s, r.target.spec.steps);
  const text = outcome.heldBy ? `${line}; controller ${outcome.heldBy} runs it` : outcome.handedOff ? `${line}; the running controller picks up the request` : line;
  host.result(text, { release: s ?? null, handedOff: outcome.handedOff, ...(outcome.heldBy ? { heldBy: outcome.heldBy } : {}), service: r.target.stableService, canaryService: r.target.canaryService });
  if (outcome.heldBy) return EXIT.inProgress;
  return outcome.handedOff ? EXIT.ok : exitCodeOf(s, outcome.asked);
}
