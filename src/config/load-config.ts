// Loads the config file: find it, render it (env functions and Jsonnet natives only, as ecspresso does), parse, validate.
import { readFile } from 'node:fs/promises';
import { UsageError } from '../core/errors.js';
import type { DeployConfig } from './config-types.js';
import { findConfigFile, formatOf } from './find-config.js';
import { renderFile } from './render-file.js';
import { type EnvMap, envFunctions } from './template/env-functions.js';
import type { NativeFunction } from './plugins/template-plugin.js';
import { validateConfig } from './validate-config.js';

export interface ConfigInputs {
  readonly cwd: string;
  /** --config */
  readonly configPath?: string;
  readonly env: EnvMap;
  /** --envfile files, applied over env in order. */
  readonly envfiles?: readonly string[];
  readonly extStr?: Readonly<Record<string, string>>;
  readonly extCode?: Readonly<Record<string, string>>;
  /** cortado's version, for required_version. */
  readonly version: string;
  /** --strict: unknown keys are errors (UNKNOWN_KEY) instead of warnings. */
  readonly strict?: boolean;
}

export interface LoadedConfig {
  readonly config: DeployConfig;
  /** The rendered document, for the sections other capabilities register (canary:, preview:, ...). */
  readonly document: Readonly<Record<string, unknown>>;
  /** The environment templates see: the process environment plus --envfile values. */
  readonly env: EnvMap;
  readonly extStr: Readonly<Record<string, string>>;
  readonly extCode: Readonly<Record<string, string>>;
  readonly warnings: readonly string[];
  /** --strict: definitions rendered from this config treat fields the AWS API does not have as errors. */
  readonly strict?: boolean;
}

export async function applyEnvfiles(env: EnvMap, files: readonly string[]): Promise<EnvMap> {
  if (files.length === 0) return env;
  const { parseEnvfile } = await import('./envfile.js');
  let out: Record<string, string | undefined> = { ...env };
  for (const f of files) {
    let text: string;
    try {
      text = await readFile(f, 'utf8');
    } catch {
      throw new UsageError('FILE_NOT_FOUND', `--envfile ${f} does not exist or cannot be read`, { file: f });
    }
    try {
      for (const { key, value } of parseEnvfile(text, f)) out = { ...out, [key]: value };
    } catch (e) {
      throw new UsageError('BAD_ENVFILE', `--envfile ${(e as Error).message}`, { file: f });
    }
  }
  return out;
}

/** Env natives for Jsonnet: env(name, default) and must_env(name). */
export function envNatives(env: EnvMap): NativeFunction[] {
  const f = envFunctions(env);
  return [
    { name: 'env', params: ['name', 'default'], fn: (n, d) => f.get('env')!(n, d) },
    { name: 'must_env', params: ['name'], fn: (n) => f.get('must_env')!(n) },
  ];
}

export async function loadConfig(inputs: ConfigInputs): Promise<LoadedConfig> {
  const path = findConfigFile(inputs.cwd, inputs.configPath);
  const env = await applyEnvfiles(inputs.env, inputs.envfiles ?? []);
  const extStr = inputs.extStr ?? {};
  const extCode = inputs.extCode ?? {};
  const raw = await renderFile(path, 'config file', { functions: envFunctions(env), natives: envNatives(env), extStr, extCode });
  const { config, warnings } = validateConfig(raw, path, formatOf(path)!, inputs.version, { strict: inputs.strict === true });
  return { config, document: raw as Record<string, unknown>, env, extStr, extCode, warnings, ...(inputs.strict ? { strict: true } : {}) };
}
