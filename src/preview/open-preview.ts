// Reads cortado.yml's preview section from the session and connects the AWS seams: what every `cortado env` command starts with.
import { UsageError } from '../core/errors.js';
import type { ConfigSection, Session } from '../session/index.js';
import { previewAws } from './preview-aws.js';
import { readPreviewConfig, type PreviewConfig, type ServiceRef } from './preview-config.js';
import type { PreviewDeps } from './preview-deps.js';

/** The `preview:` section (also accepted as `env:`), registered with the session. */
export const previewSection: ConfigSection<PreviewConfig> = {
  key: 'preview',
  aliases: ['env'],
  parse: (_raw, ctx) => readPreviewConfig(ctx.document, ctx.file, { strict: ctx.strict, warn: ctx.warn }).config,
};

/** `reference` (--from CLUSTER/SERVICE) replaces the config's reference service. */
export async function openPreview(session: Session, reference?: ServiceRef): Promise<PreviewDeps> {
  const loaded = session.section(previewSection);
  if (!loaded)
    throw new UsageError('BAD_CONFIG', `${session.config.path}: no preview: section`, 'add a preview: section (see docs/preview.md)');
  const config: PreviewConfig = reference ? { ...loaded, reference } : loaded;
  return { aws: await previewAws(session.aws), config, io: session.io, clock: session.clock };
}
