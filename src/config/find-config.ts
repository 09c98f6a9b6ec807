// Finds the config file: --config, else cortado.{yml,yaml,json,jsonnet}, else ecspresso.{yml,yaml,json,jsonnet} in the directory.
import { existsSync } from 'node:fs';
import { extname, isAbsolute, join, resolve } from 'node:path';
import { UsageError } from '../core/errors.js';
import type { ConfigFormat } from './config-types.js';

export const CONFIG_NAMES = ['cortado', 'ecspresso'].flatMap((b) => ['yml', 'yaml', 'json', 'jsonnet'].map((e) => `${b}.${e}`));

export function formatOf(path: string): ConfigFormat | undefined {
  const ext = extname(path).toLowerCase();
  return ext === '.yml' || ext === '.yaml'
    ? 'yaml'
    : ext === '.json'
      ? 'json'
      : ext === '.jsonnet' || ext === '.libsonnet'
        ? 'jsonnet'
        : undefined;
}

export function findConfigFile(cwd: string, explicit?: string, exists: (p: string) => boolean = existsSync): string {
  if (explicit) {
    const p = isAbsolute(explicit) ? explicit : resolve(cwd, explicit);
    if (!exists(p)) throw new UsageError('CONFIG_NOT_FOUND', `config file ${explicit} does not exist`, { file: explicit });
    if (!formatOf(p))
      throw new UsageError('BAD_CONFIG', `config file ${explicit}: unsupported extension; use .yml, .yaml, .json or .jsonnet`, {
        file: explicit,
      });
    return p;
  }
  for (const name of CONFIG_NAMES) {
    const p = join(cwd, name);
    if (exists(p)) return p;
  }
  throw new UsageError(
    'CONFIG_NOT_FOUND',
    `no config file in ${cwd} (looked for ${CONFIG_NAMES.join(', ')})`,
    'pass --config FILE, or create one with `cortado init`',
  );
}
