// Everything a definition file is rendered with: env functions, the plugins' functions (with prefixes) and Jsonnet natives.
import { envNatives, type LoadedConfig } from './load-config.js';
import { pluginFunctions } from './plugins/plugin-factory.js';
import type { PluginServices } from './plugins/template-plugin.js';
import type { RenderInputs } from './render-file.js';
import { envFunctions } from './template/env-functions.js';

export function definitionInputs(loaded: LoadedConfig, services: PluginServices): RenderInputs {
  const { config } = loaded;
  const base = envFunctions(loaded.env);
  const { functions, natives } = pluginFunctions(config.plugins, { dir: config.dir, configPath: config.path, services }, base);
  return {
    functions,
    natives: [...envNatives(loaded.env), ...natives],
    extStr: loaded.extStr,
    extCode: loaded.extCode,
    ...(loaded.strict ? { strict: true } : {}),
  };
}
