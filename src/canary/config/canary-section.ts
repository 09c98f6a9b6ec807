// The `canary:` section of cortado.yml, registered with the session: parsed once, against the config's stable service.
import { UsageError } from '../../core/errors.js';
import type { ConfigSection, Session } from '../../session/index.js';
import type { CanarySpec } from '../canary-spec.js';
import { openRelease, type OpenRelease } from '../open-release.js';
import { parseCanaryConfig } from './canary-config.js';

export const canarySection: ConfigSection<CanarySpec> = {
  key: 'canary',
  parse(raw, ctx) {
    if (!ctx.config.service)
      throw new UsageError('CANARY_CONFIG', `${ctx.file}: service: names the stable service and is required for canary releases`);
    return parseCanaryConfig(raw, ctx.config.service, ctx);
  },
};

/** The release the session's config describes (its `canary:` section), on the session's seams. */
export async function openSessionRelease(session: Session, owner?: string): Promise<OpenRelease> {
  const spec = session.section(canarySection);
  if (spec === undefined) {
    throw new UsageError(
      'CANARY_NOT_CONFIGURED',
      `${session.config.path} has no canary: section`,
      'add one (see docs/canary.md): router, listener_rule, steps, interval, metrics',
    );
  }
  const where = { cluster: session.config.cluster, stableService: session.config.service!, spec };
  return owner === undefined
    ? openRelease(where, session.aws, session.io, session.clock)
    : openRelease(where, session.aws, session.io, session.clock, owner);
}
