// The `schedules:` section of cortado.yml (or a --schedules file), registered with the session: parsed once, before any AWS call.
import { resolve } from 'node:path';
import { UsageError } from '../core/errors.js';
import { msg } from '../core/io-host.js';
import { envNatives } from '../config/load-config.js';
import { renderFile } from '../config/render-file.js';
import { envFunctions } from '../config/template/env-functions.js';
import type { ConfigSection, Session } from '../session/index.js';
import type { SchedulesSpec } from './job-spec.js';
import { parseSchedules } from './parse-schedules.js';

export const schedulesSection: ConfigSection<SchedulesSpec> = {
  key: 'schedules',
  parse(raw, ctx) {
    return parseSchedules(raw, {
      file: ctx.file,
      strict: ctx.strict,
      warn: ctx.warn,
      cluster: ctx.config.cluster,
      ...(ctx.config.service ? { service: ctx.config.service } : {}),
      hasServiceTaskDefinition: Boolean(ctx.config.service),
    });
  },
};

/**
 * The jobs of a `--schedules FILE` (YAML, JSON or Jsonnet with the env template functions; a `schedules:` mapping or its
 * content), else of the config's `schedules:` section.
 */
export async function sessionSchedules(session: Session, file?: string): Promise<SchedulesSpec> {
  const { config, loaded } = session;
  if (file === undefined) {
    const spec = session.section(schedulesSection);
    if (spec === undefined)
      throw new UsageError('SCHEDULES_NOT_CONFIGURED', `${config.path} has no schedules: section`, {
        hint: 'add one (see docs/schedules.md), or name a file with --schedules FILE',
      });
    return spec;
  }
  const path = resolve(session.options.cwd, file);
  const env = loaded.env;
  const doc = await renderFile(path, 'schedules file', {
    functions: envFunctions(env),
    natives: envNatives(env),
    extStr: loaded.extStr,
    extCode: loaded.extCode,
  });
  const inner =
    typeof doc === 'object' && doc !== null && !Array.isArray(doc) && 'schedules' in doc ? (doc as { schedules: unknown }).schedules : doc;
  return parseSchedules(inner, {
    file,
    strict: session.options.strict === true,
    warn: (m) => session.io.notify(msg('warn', 'CONFIG_WARNING', m)),
    cluster: config.cluster,
    ...(config.service ? { service: config.service } : {}),
    hasServiceTaskDefinition: Boolean(config.service),
  });
}
