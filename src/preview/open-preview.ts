// Loads cortado.yml's preview section through src/config (templates included) and connects the AWS seam: what every `cortado env` command starts with.
import { resolveAwsSettings } from '../aws/aws-settings.js';
import { buildClientConfig } from '../aws/client-config.js';
import { findConfigFile } from '../config/find-config.js';
import { envNatives } from '../config/load-config.js';
import { renderFile } from '../config/render-file.js';
import { envFunctions } from '../config/template/env-functions.js';
import type { Clock } from '../core/clock.js';
import type { IoHost } from '../core/io-host.js';
import { msg } from '../core/io-host.js';
import { readPreviewConfig, type PreviewConfig, type ServiceRef } from './preview-config.js';
import type { PreviewDeps } from './preview-deps.js';
import { createPreviewAws } from './sdk-preview-aws.js';

export interface OpenOptions {
  readonly cwd: string;
  readonly configPath?: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly region?: string;
  readonly profile?: string;
  /** --from CLUSTER/SERVICE: another reference than the config's. */
  readonly reference?: ServiceRef;
  readonly io: IoHost;
  readonly clock: Clock;
}

/** The config file's preview section (no AWS call); its warnings go to the IoHost. */
export async function loadPreviewConfig(o: Pick<OpenOptions, 'cwd' | 'configPath' | 'env' | 'io'>): Promise<{ config: PreviewConfig; top: Readonly<Record<string, unknown>> }> {
  const path = findConfigFile(o.cwd, o.configPath);
  const raw = await renderFile(path, 'config file', { functions: envFunctions(o.env), natives: envNatives(o.env), extStr: {}, extCode: {} });
  const top = (typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? raw : {}) as Readonly<Record<string, unknown>>;
  const { config, warnings } = readPreviewConfig(top, path);
  for (const w of warnings) o.io.notify(msg('warn', 'CONFIG_WARNING', w));
  return { config, top };
}

export async function openPreview(o: OpenOptions): Promise<PreviewDeps> {
  const { config: loaded, top } = await loadPreviewConfig(o);
  const config: PreviewConfig = o.reference ? { ...loaded, reference: o.reference } : loaded;
  const str = (k: string) => (typeof top[k] === 'string' ? top[k] : undefined);
  const region = o.region ?? str('region');
  const assumeRoleArn = str('assume_role_arn');
  const settings = resolveAwsSettings({
    ...(region ? { region } : {}), ...(o.profile ? { profile: o.profile } : {}), ...(assumeRoleArn ? { assumeRoleArn } : {}),
  }, o.env);
  const aws = await createPreviewAws(await buildClientConfig(settings));
  return { aws, config, io: o.io, clock: o.clock };
}
