// The config layer's public surface: load the config, render definitions in the AWS API's shape.
export { loadConfig, applyEnvfiles, type ConfigInputs, type LoadedConfig } from './load-config.js';
export { definitionInputs } from './renderer.js';
export {
  loadTaskDefinition,
  loadServiceDefinition,
  prepareDefinition,
  type TaskDefinitionInput,
  type ServiceDefinition,
  type Loaded,
} from './definitions.js';
export type { DeployConfig } from './config-types.js';
export type { PluginServices } from './plugins/template-plugin.js';
export { parseDuration, formatDuration, readDuration, readDurationOption } from './duration.js';
export { parseKeyValue, parseKeyValues } from './key-value.js';
export { CONFIG_NAMES } from './find-config.js';
