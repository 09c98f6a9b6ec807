// What the finders share: the scope, the seam, and how they judge a resource's tags to be this preview's.
import type { Conflict, Piece } from './env-pieces.js';
import type { PreviewNames } from './naming.js';
import type { PreviewConfig } from './preview-config.js';
import type { PreviewAws } from './preview-aws.js';
import type { Ownership } from './preview-tags.js';
import type { SharedReads } from './shared-reads.js';

/** One environment (looked up by its deterministic names, confirmed by tags) or every environment of the app. */
export type Scope = { readonly kind: 'env'; readonly names: PreviewNames } | { readonly kind: 'all' };

export interface Part {
  readonly pieces: Piece[];
  readonly conflicts: Conflict[];
}

/** Calls of one kind in flight at once, so a large account does not meet AWS's throttling. */
export const IN_FLIGHT = 8;

export interface FindContext {
  readonly aws: PreviewAws;
  readonly config: PreviewConfig;
  readonly reads: SharedReads;
  readonly scope: Scope;
  readonly signal: AbortSignal;
}

/** The owner when the tags say cortado made it for this app (and, in env scope, this env). */
export function ours(ctx: FindContext, owner: Ownership | undefined): owner is Ownership {
  return owner !== undefined && (ctx.scope.kind === 'all' || owner.env === ctx.scope.names.env);
}
