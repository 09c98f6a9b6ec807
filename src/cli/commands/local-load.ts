// `cortado local load URL`: HTTP load at a rate or a step/ramp profile, a line a second, and a summary (also on Ctrl-C).
import { readDurationOption } from '../../config/duration.js';
import { UsageError } from '../../core/errors.js';
import { msg } from '../../core/io-host.js';
import { startLoad } from '../../demo/load-generator.js';
import { parseProfile, PROFILE_FORM, type LoadProfile } from '../../demo/load-profile.js';
import { renderSecond, renderSummary } from '../../demo/load-summary.js';
import type { CliCommand, ParsedArgs } from '../command.js';
import { numberOption, stringOption, withSignal } from '../command.js';

function targetOf(args: ParsedArgs): string {
  const [url, ...extra] = args.positionals;
  if (url === undefined)
    throw new UsageError('BAD_ARGUMENTS', 'cortado local load needs the URL to load', 'usage: cortado local load URL --rate N');
  if (extra.length > 0)
    throw new UsageError('BAD_ARGUMENTS', `cortado local load takes one URL, got also ${extra.map((x) => JSON.stringify(x)).join(' ')}`);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError('BAD_ARGUMENTS', `${JSON.stringify(url)} is not a URL (expected e.g. http://127.0.0.1:8080/)`);
  }
  if (parsed.protocol !== 'http:') throw new UsageError('BAD_ARGUMENTS', `cortado local load speaks plain http, got ${parsed.protocol}//`);
  return parsed.toString();
}

/** --rate N for a constant rate, or --profile for a changing one: one of the two. */
function profileOf(args: ParsedArgs): LoadProfile {
  const rate = numberOption(args, 'rate', { min: 0, max: 100_000 });
  const text = stringOption(args, 'profile');
  if (text !== undefined && rate !== undefined)
    throw new UsageError(
      'BAD_OPTION',
      '--rate and --profile both set the rate: give --rate N for a constant rate or --profile for steps or a ramp',
    );
  if (text !== undefined) return parseProfile(text);
  if (rate === undefined)
    throw new UsageError('BAD_OPTION', `cortado local load needs --rate N (requests per second) or --profile ${PROFILE_FORM}`);
  return { kind: 'constant', rate };
}

export const localLoad: CliCommand = {
  usage: 'cortado local load URL (--rate N | --profile P) [--duration D] [--concurrency N]',
  options: {
    rate: { type: 'string' },
    profile: { type: 'string' },
    duration: { type: 'string' },
    concurrency: { type: 'string' },
    'request-timeout': { type: 'string' },
  },
  help: `Options:
  --rate N               a constant N requests per second
  --profile P            a changing rate instead of --rate:
                           step:RATE@DURATION,...  each rate held for its duration (step:50@30s,600@60s)
                           ramp:FROM..TO/DURATION  a straight line from one rate to the other (ramp:50..600/60s)
                         after its end the last rate holds until --duration, if that is longer
  --duration D           stop after D (default: the profile's length; with --rate, until Ctrl-C)
  --concurrency N        at most N requests in flight (default 256); a request due beyond it is skipped and counted
  --request-timeout D    a request without an answer by then counts as "no answer" (default 5s)

Requests leave on schedule whatever the answers (open loop), over at most 32 keep-alive connections
(a request due while all are busy waits for one, the wait counted in its latency). A line a
second shows the target rate, what was sent and answered, errors (no answer or 5xx), requests in
flight and the p99 latency. The summary gives the achieved rate, the count per status and the
latency percentiles; Ctrl-C ends the run early with the same summary (exit 0).

Examples:
  cortado local load http://127.0.0.1:8080/ --rate 50 --duration 30s
  cortado local load "$(cortado local ls --output json | jq -r '.listeners[0].url')" --profile step:50@30s,600@60s
  cortado local load http://127.0.0.1:8080/ --profile ramp:50..600/60s --duration 2m --output json`,
  endsOnSignal: true,
  async run(args, host) {
    const url = targetOf(args);
    const profile = profileOf(args);
    const duration = stringOption(args, 'duration');
    const durationMs = duration === undefined ? undefined : readDurationOption(duration, '--duration');
    const concurrency = numberOption(args, 'concurrency', { min: 1, max: 10_000, integer: true });
    const timeout = stringOption(args, 'request-timeout');
    const timeoutMs = timeout === undefined ? undefined : readDurationOption(timeout, '--request-timeout');
    const summary = await withSignal(async (signal) => {
      const load = startLoad(url, {
        profile,
        signal,
        keepSamples: false,
        ...(durationMs !== undefined ? { durationMs } : {}),
        ...(concurrency !== undefined ? { concurrency } : {}),
        ...(timeoutMs !== undefined ? { timeoutMs } : {}),
        onSecond: (s) => host.notify(msg('info', 'LOAD_PROGRESS', renderSecond(s), s)),
      });
      return load.done;
    });
    host.result(renderSummary(summary), { url, ...summary });
    return 0;
  },
};
