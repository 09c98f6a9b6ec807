// Builds the plugins a config asks for (plus the built-in ones) and merges their functions, as ecspresso does with func_prefix.
import { UsageError } from '../../core/errors.js';
import type { TemplateFunction } from '../template/template-render.js';
import { createSecretsManagerPlugin } from './secretsmanager-plugin.js';
import { createSsmPlugin } from './ssm-plugin.js';
import type { NativeFunction, PluginContext, PluginSpec, TemplatePlugin } from './template-plugin.js';
import { createTfstatePlugin } from './tfstate-plugin.js';

export const PLUGIN_NAMES = ['tfstate', 'ssm', 'secretsmanager'] as const;

export function createPlugin(spec: PluginSpec, ctx: PluginContext): TemplatePlugin {
  const name = spec.name.toLowerCase();
  switch (name) {
    case 'tfstate':
      return createTfstatePlugin(spec, ctx);
    case 'ssm':
      return createSsmPlugin(ctx);
    case 'secretsmanager':
      return createSecretsManagerPlugin(ctx);
    case 'cloudformation':
      throw new UsageError(
        'UNSUPPORTED_PLUGIN',
        `${ctx.configPath}: plugin "cloudformation" (cfn_output, cfn_export) is not supported by cortado`,
        { file: ctx.configPath, field: 'plugins', hint: 'read the value with the ssm plugin or a tfstate output instead' },
      );
    default:
      throw new UsageError(
        'UNKNOWN_PLUGIN',
        `${ctx.configPath}: unknown plugin ${JSON.stringify(spec.name)}; available plugins: ${PLUGIN_NAMES.join(', ')}`,
        { file: ctx.configPath, field: 'plugins' },
      );
  }
}

export interface PluginFunctions {
  readonly functions: ReadonlyMap<string, TemplateFunction>;
  readonly natives: readonly NativeFunction[];
}

/** Built-in plugins first, then the configured ones with their prefix; a clash is an error unless the clash is a built-in listed again. */
export function pluginFunctions(
  specs: readonly PluginSpec[],
  ctx: PluginContext,
  base: ReadonlyMap<string, TemplateFunction>,
): PluginFunctions {
  const functions = new Map(base);
  const natives = new Map<string, NativeFunction>();
  const builtIns: PluginSpec[] = [
    { name: 'ssm', config: {}, funcPrefix: '' },
    { name: 'secretsmanager', config: {}, funcPrefix: '' },
  ];
  const all = [...builtIns.map((s) => ({ spec: s, builtIn: true })), ...specs.map((s) => ({ spec: s, builtIn: false }))];
  for (const { spec, builtIn } of all) {
    const plugin = createPlugin(spec, ctx);
    for (const [fname, fn] of plugin.functions) {
      const full = spec.funcPrefix + fname;
      if (functions.has(full)) {
        if (plugin.builtIn && !builtIn) continue;
        throw new UsageError(
          'PLUGIN_FUNCTION_CLASH',
          `${ctx.configPath}: template function ${full} already exists; set func_prefix on the ${spec.name} plugin`,
          { file: ctx.configPath, field: 'plugins' },
        );
      }
      functions.set(full, fn);
    }
    for (const n of plugin.natives) {
      const full = spec.funcPrefix + n.name;
      if (!natives.has(full)) natives.set(full, { ...n, name: full });
    }
  }
  return { functions, natives: [...natives.values()] };
}
