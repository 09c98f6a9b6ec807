// `cortado env gc`: the stale cleaner — deletes previews nobody updated for a while, and half-made ones.
import { DEFAULT_INCOMPLETE_AFTER_MS, formatAge, gcEnvs, parseDuration } from '../../preview/index.js';
import type { CliCommand } from '../command.js';
import { stringOption } from '../command.js';
import { noPositionals, withPreview } from './env-options.js';

export const envGc: CliCommand = {
  usage: 'cortado env gc [--older-than 24h] [--incomplete-after 10m] [--dry-run]',
  options: { 'older-than': { type: 'string' }, 'incomplete-after': { type: 'string' }, 'dry-run': { type: 'boolean' } },
  help: `Options:
  --older-than D         delete environments whose last create/update is older than D
                         (default: preview.gc.older_than, else 24h; units s m h d w)
  --incomplete-after D   delete incomplete environments (missing pieces) idle for longer than D
                         (default 10m: younger ones may be a create in progress)
  --dry-run              only list what would be deleted

Every environment of the app is found by tag, whatever its name, so pieces left by an interrupted
create or an older cortado are found too.

Examples:
  cortado env gc --older-than 24h --dry-run
  cortado env gc --older-than 7d --output json`,
  async run(args, host) {
    noPositionals(args, 'env gc');
    const olderThan = stringOption(args, 'older-than');
    const incompleteAfter = stringOption(args, 'incomplete-after');
    const incompleteAfterMs =
      incompleteAfter === undefined ? DEFAULT_INCOMPLETE_AFTER_MS : parseDuration(incompleteAfter, '--incomplete-after');
    const olderThanCli = olderThan === undefined ? undefined : parseDuration(olderThan, '--older-than');
    return withPreview(args, host, async (deps, signal) => {
      const dryRun = args.values['dry-run'] === true;
      const r = await gcEnvs(deps, { olderThanMs: olderThanCli ?? deps.config.gcOlderThanMs, incompleteAfterMs, dryRun }, signal);
      const lines = r.verdicts.map(
        (v) =>
          `${dryRun ? 'would delete' : 'deleted'} ${v.env}: ${v.reason}, idle ${formatAge(v.idleMs)}${v.missing.length ? ` (no ${v.missing.join(', ')})` : ''}`,
      );
      host.result(lines.length ? lines.join('\n') : 'nothing to collect', r);
      return 0;
    });
  },
};
