// What a template plugin is (tfstate, ssm, secretsmanager): template functions, Jsonnet native functions, and the AWS reads it needs.
import type { TemplateFunction } from '../template/template-render.js';

export type NativeValue = string | number | boolean | null;

/** A Jsonnet native function: `std.native("name")(args...)`. */
export interface NativeFunction {
  readonly name: string;
  readonly params: readonly string[];
  readonly fn: (...args: NativeValue[]) => unknown;
}

export interface TemplatePlugin {
  readonly name: string;
  /** Whether the plugin is on without being listed (ssm, secretsmanager), as in ecspresso. */
  readonly builtIn: boolean;
  readonly functions: ReadonlyMap<string, TemplateFunction>;
  readonly natives: readonly NativeFunction[];
}

/** The AWS reads plugins make; the deploy layer implements them on the SDK clients (config/ never builds a client). */
export interface PluginServices {
  getParameter(name: string): Promise<{ readonly name: string; readonly type: string; readonly value: string }>;
  describeSecretArn(secretId: string): Promise<string>;
  getObjectText(bucket: string, key: string): Promise<string>;
}

/** One entry of `plugins:` in the config, checked for shape. */
export interface PluginSpec {
  readonly name: string;
  readonly config: Readonly<Record<string, unknown>>;
  readonly funcPrefix: string;
}

export interface PluginContext {
  /** Directory of the config file: relative tfstate paths start there. */
  readonly dir: string;
  readonly configPath: string;
  readonly services: PluginServices;
}
