// `cortado env delete`: finds an environment's pieces by tag, removes them in reverse dependency order, and checks again until none is left.
import { CortadoError } from '../core/errors.js';
import { msg } from '../core/io-host.js';
import { applyDelete } from './apply-delete.js';
import { planDelete } from './delete-plan.js';
import { isLive, piecesOf, type Piece } from './env-pieces.js';
import { fanOutSignal } from './fan-out-signal.js';
import { findPieces } from './find-pieces.js';
import { previewNames, type PreviewNames } from './naming.js';
import type { PreviewDeps } from './preview-deps.js';
import { sharedReads } from './shared-reads.js';
import { waitFor } from './wait-for.js';

export interface DeleteOptions {
  /** Also wait until the ECS service has drained and is INACTIVE. */
  readonly wait?: boolean;
  readonly timeoutMs?: number;
}

export interface DeleteResult {
  readonly env: string;
  readonly host: string;
  /** What was found and removed, by kind (empty when the env did not exist: delete is idempotent). */
  readonly removed: Readonly<Record<string, number>>;
  readonly passes: number;
}

/** A concurrent create can add pieces while we delete; each pass reads AWS again, and a few passes always settle it. */
const MAX_PASSES = 6;
const DEFAULT_TIMEOUT_MS = 10 * 60_000;

const countByKind = (pieces: readonly Piece[]): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const p of pieces) out[p.kind] = (out[p.kind] ?? 0) + 1;
  return out;
};

export async function deleteEnvByNames(
  deps: PreviewDeps,
  names: PreviewNames,
  options: DeleteOptions,
  callerSignal: AbortSignal,
): Promise<DeleteResult> {
  const signal = fanOutSignal(callerSignal);
  const removed: Record<string, number> = {};
  const zone = sharedReads(deps.aws, deps.config, signal).zone;
  for (let pass = 1; pass <= MAX_PASSES; pass++) {
    const found = await findPieces(deps.aws, deps.config, sharedReads(deps.aws, deps.config, signal, zone), { kind: 'env', names }, signal);
    const live = found.pieces.filter(isLive);
    if (live.length === 0) {
      if (options.wait)
        await waitDrained(
          deps,
          piecesOf(found.pieces, 'service').map((s) => s.arn),
          options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
          signal,
        );
      deps.io.notify(
        msg('debug', 'ENV_DELETED', pass === 1 ? `${names.env}: nothing to delete` : `${names.env}: deleted`, { env: names.env, removed }),
      );
      return { env: names.env, host: names.host, removed, passes: pass };
    }
    for (const [k, n] of Object.entries(countByKind(live))) removed[k] = (removed[k] ?? 0) + n;
    deps.io.notify(
      msg('debug', 'ENV_DELETE_PASS', `${names.env}: pass ${pass} removes ${live.map((p) => p.kind).join(', ')}`, { env: names.env, pass }),
    );
    await applyDelete(deps, planDelete(live), signal);
  }
  throw new CortadoError('ENV_DELETE_UNSETTLED', `${names.env}: pieces were still appearing after ${MAX_PASSES} delete passes`, {
    source: 'aws',
    hint: 'another create of this environment is probably running; run delete again once it has finished',
  });
}

async function waitDrained(deps: PreviewDeps, arns: readonly string[], timeoutMs: number, signal: AbortSignal): Promise<void> {
  if (arns.length === 0) return;
  await waitFor(
    deps.clock,
    { what: `the services ${arns.join(', ')} to become INACTIVE`, timeoutMs, everyMs: 250, maxEveryMs: 5000 },
    async () => {
      const out = await deps.aws.ecs.describeServices({ cluster: deps.config.cluster, services: [...arns] }, signal);
      return (out.services ?? []).every((s) => s.status === 'INACTIVE') ? true : undefined;
    },
    signal,
  );
}

export function deleteEnv(deps: PreviewDeps, name: string, options: DeleteOptions, signal: AbortSignal): Promise<DeleteResult> {
  return deleteEnvByNames(deps, previewNames(deps.config.app, name, deps.config.domain), options, signal);
}
