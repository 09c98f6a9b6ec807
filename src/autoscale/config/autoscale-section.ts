// The `autoscale:` section of cortado.yml, registered with the session: parsed once, defaulting to the config's cluster and service.
import { UsageError } from '../../core/errors.js';
import type { ConfigSection, Session } from '../../session/index.js';
import type { AutoscaleSpec } from '../autoscale-spec.js';
import { parseAutoscaleConfig } from './autoscale-config.js';

export const autoscaleSection: ConfigSection<AutoscaleSpec> = {
  key: 'autoscale',
  parse: (raw, ctx) =>
    parseAutoscaleConfig(
      raw,
      { cluster: ctx.config.cluster, ...(ctx.config.service !== undefined ? { service: ctx.config.service } : {}) },
      { file: ctx.file, strict: ctx.strict, warn: ctx.warn },
    ),
};

/** The session's `autoscale:` section, or a UsageError saying how to add one. */
export function sessionAutoscaleSpec(session: Session): AutoscaleSpec {
  const spec = session.section(autoscaleSection);
  if (spec === undefined)
    throw new UsageError(
      'AUTOSCALE_NOT_CONFIGURED',
      `${session.config.path} has no autoscale: section`,
      'add one (see docs/autoscale.md): source, target, min, max',
    );
  return spec;
}
