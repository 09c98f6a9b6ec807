// `cortado env ls`: every preview of the app, found by tag, with its URL, image, task counts and age; incomplete ones say what they lack.
import { imageOf } from './copy-reference.js';
import { mapLimit } from './batches.js';
import { envUrl } from './env-url.js';
import { groupByEnv, type EnvView, type PieceKind } from './env-pieces.js';
import { fanOutSignal } from './fan-out-signal.js';
import { findPieces } from './find-pieces.js';
import type { PreviewDeps } from './preview-deps.js';
import { sharedReads } from './shared-reads.js';

export interface EnvRow {
  readonly name: string;
  readonly url: string;
  readonly image: string;
  readonly running: number;
  readonly desired: number;
  /** ready: every piece is there; incomplete: some are missing (an interrupted create, or a delete in progress). */
  readonly status: 'ready' | 'incomplete';
  readonly missing: readonly PieceKind[];
  readonly updatedAt: string;
  readonly createdAt?: string;
  readonly ageMs: number;
}

export interface Listing {
  readonly rows: readonly EnvRow[];
  /** The pieces behind the rows, for gc. */
  readonly envs: readonly EnvView[];
}

export async function listEnvs(deps: PreviewDeps, callerSignal: AbortSignal): Promise<Listing> {
  const signal = fanOutSignal(callerSignal);
  const { aws, config } = deps;
  const reads = sharedReads(aws, config, signal);
  const [found, listener] = await Promise.all([
    findPieces(aws, config, reads, { kind: 'all' }, signal),
    reads.listener().catch(() => ({ protocol: 'HTTP', port: 80 })),
  ]);
  const envs = groupByEnv(found.pieces);
  const images = await mapLimit(envs, 8, async (e) => {
    if (!e.service?.taskDefinition) return '';
    const td = await aws.ecs.describeTaskDefinition({ taskDefinition: e.service.taskDefinition }, signal).then(
      (o) => o.taskDefinition,
      () => undefined,
    );
    return td ? imageOf(td, config.container ?? e.service.container ?? '') : '';
  });
  const now = deps.clock.now().getTime();
  const rows = envs.map((e, i): EnvRow => {
    const created = e.service?.createdAt;
    return {
      name: e.env,
      url: envUrl(listener, `${e.env}.${config.domain}`),
      image: images[i] ?? '',
      running: e.service?.runningCount ?? 0,
      desired: e.service?.desiredCount ?? 0,
      status: e.missing.length ? 'incomplete' : 'ready',
      missing: e.missing,
      updatedAt: e.updatedAt.toISOString(),
      ...(created ? { createdAt: created.toISOString() } : {}),
      ageMs: now - (created ?? e.updatedAt).getTime(),
    };
  });
  return { rows, envs };
}
