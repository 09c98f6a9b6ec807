// Reads cortado.yml through the deploy config layer and validates its `canary:` section alongside (cluster, services, region).
import { UsageError } from '../../core/errors.js';
import { version } from '../../core/version.js';
import { applyEnvfiles, envNatives } from '../../config/load-config.js';
import type { DeployConfig } from '../../config/config-types.js';
import { findConfigFile, formatOf } from '../../config/find-config.js';
import { renderFile } from '../../config/render-file.js';
import { envFunctions, type EnvMap } from '../../config/template/env-functions.js';
import { validateConfig } from '../../config/validate-config.js';
import type { CanarySpec } from '../canary-spec.js';
import { parseCanaryConfig } from './canary-config.js';

export interface ReleaseConfigInputs {
  readonly cwd: string;
  readonly env: EnvMap;
  readonly configPath?: string;
  readonly envfiles?: readonly string[];
}

export interface ReleaseConfig {
  readonly deploy: DeployConfig;
  readonly cluster: string;
  readonly stableService: string;
  readonly canaryService: string;
  readonly spec: CanarySpec;
  readonly warnings: readonly string[];
}

/**
 * The deploy loader validates the keys it knows and drops the rest, so the file is rendered here the same way
 * (same renderer, env functions and Jsonnet natives) to keep the raw `canary:` mapping.
 */
export async function loadReleaseConfig(inputs: ReleaseConfigInputs): Promise<ReleaseConfig> {
  const path = findConfigFile(inputs.cwd, inputs.configPath);
  const env = await applyEnvfiles(inputs.env, inputs.envfiles ?? []);
  const raw = await renderFile(path, 'config file', { functions: envFunctions(env), natives: envNatives(env), extStr: {}, extCode: {} });
  const { config, warnings } = validateConfig(raw, path, formatOf(path)!, version());
  const section = (raw as Record<string, unknown>).canary;
  if (section === undefined) throw new UsageError('CANARY_NOT_CONFIGURED', `${path} has no canary: section`, 'add one (see docs/canary.md): router, listener_rule, steps, interval, metrics');
  if (!config.service) throw new UsageError('CANARY_CONFIG', `${path}: service: names the stable service and is required for canary releases`);
  const spec = parseCanaryConfig(section, config.service);
  return {
    deploy: config, cluster: config.cluster, stableService: config.service,
    canaryService: spec.router.kind === 'alb' ? spec.router.canaryService : config.service,
    spec, warnings: warnings.filter((w) => !/"canary"/.test(w)),
  };
}
