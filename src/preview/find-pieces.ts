// Finds a preview's resources in AWS by their tags (and, for Route 53, by the TXT record that stands for tags): nothing is trusted from local state.
import type { Conflict, Piece } from './env-pieces.js';
import type { FindContext, Scope } from './find-context.js';
import { findServices, findTaskDefinitions } from './find-ecs-pieces.js';
import { findRules, findTargetGroups } from './find-elb-pieces.js';
import { findRecords } from './find-record-pieces.js';
import type { PreviewConfig } from './preview-config.js';
import type { PreviewAws } from './preview-aws.js';
import type { SharedReads } from './shared-reads.js';

export type { Scope } from './find-context.js';

export interface Found {
  readonly pieces: readonly Piece[];
  readonly conflicts: readonly Conflict[];
  readonly clusterExists: boolean;
  readonly zoneExists: boolean;
}

/** Every piece of the scope, found concurrently per service; names never decide ownership, tags do. */
export async function findPieces(
  aws: PreviewAws,
  config: PreviewConfig,
  reads: SharedReads,
  scope: Scope,
  signal: AbortSignal,
): Promise<Found> {
  const ctx: FindContext = { aws, config, reads, scope, signal };
  const [services, tds, groups, rules, records] = await Promise.all([
    findServices(ctx),
    findTaskDefinitions(ctx),
    findTargetGroups(ctx),
    findRules(ctx),
    findRecords(ctx),
  ]);
  const parts = [services, tds, groups, rules, records];
  return {
    pieces: parts.flatMap((p) => p.pieces),
    conflicts: parts.flatMap((p) => p.conflicts),
    clusterExists: services.clusterExists,
    zoneExists: records.zoneExists,
  };
}
