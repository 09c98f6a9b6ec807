// `cortado env gc`: finds every preview by tag, picks the stale and the half-made ones, and deletes exactly the pieces it found.
import { CortadoError } from '../core/errors.js';
import { msg } from '../core/io-host.js';
import { applyDelete } from './apply-delete.js';
import { planDelete } from './delete-plan.js';
import { groupByEnv, isLive } from './env-pieces.js';
import { fanOutSignal } from './fan-out-signal.js';
import { findPieces } from './find-pieces.js';
import { decideGc, type GcPolicy, type GcVerdict } from './gc-plan.js';
import type { PreviewDeps } from './preview-deps.js';
import { sharedReads } from './shared-reads.js';

export interface GcOptions extends GcPolicy {
  readonly dryRun: boolean;
}

export interface GcResult {
  readonly verdicts: readonly GcVerdict[];
  readonly deleted: readonly string[];
  readonly dryRun: boolean;
}

const MAX_PASSES = 6;

export async function gcEnvs(deps: PreviewDeps, options: GcOptions, callerSignal: AbortSignal): Promise<GcResult> {
  const signal = fanOutSignal(callerSignal);
  const { aws, config, io } = deps;
  const first = await findPieces(aws, config, sharedReads(aws, config, signal), { kind: 'all' }, signal);
  const verdicts = decideGc(groupByEnv(first.pieces), deps.clock.now(), options);
  for (const v of verdicts) {
    io.notify(
      msg(
        'debug',
        'ENV_GC_CANDIDATE',
        `${v.env}: ${v.reason} (last updated ${v.updatedAt}${v.missing.length ? `; missing ${v.missing.join(', ')}` : ''})${options.dryRun ? ' — dry run, kept' : ''}`,
        v,
      ),
    );
  }
  if (options.dryRun || verdicts.length === 0) return { verdicts, deleted: [], dryRun: options.dryRun };
  const doomed = new Set(verdicts.map((v) => v.env));
  let pieces = first.pieces;
  for (let pass = 1; pass <= MAX_PASSES; pass++) {
    const live = pieces.filter((p) => doomed.has(p.owner.env) && isLive(p));
    if (live.length === 0) {
      io.notify(msg('debug', 'ENV_GC_DONE', `deleted ${doomed.size} environment(s)`, { deleted: [...doomed] }));
      return { verdicts, deleted: [...doomed], dryRun: false };
    }
    await applyDelete(deps, planDelete(live), signal);
    pieces = (await findPieces(aws, config, sharedReads(aws, config, signal), { kind: 'all' }, signal)).pieces;
  }
  throw new CortadoError(
    'ENV_DELETE_UNSETTLED',
    `gc: pieces of ${[...doomed].join(', ')} were still appearing after ${MAX_PASSES} passes`,
    {
      source: 'aws',
      hint: 'a create of one of these environments is probably running; run gc again later',
    },
  );
}
