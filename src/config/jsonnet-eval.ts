// Evaluates Jsonnet (configs and definitions) with --ext-str/--ext-code and native functions (env, must_env, tfstate, ssm, ...).
import { resolve } from 'node:path';
import { jsonnetAddonFor } from './jsonnet-addon.js';
import type { NativeFunction, NativeValue } from './plugins/template-plugin.js';

export interface JsonnetOptions {
  readonly extStr: Readonly<Record<string, string>>;
  readonly extCode: Readonly<Record<string, string>>;
  readonly natives: readonly NativeFunction[];
}

/** Throws UsageError JSONNET_NOT_INSTALLED / JSONNET_NOT_BUILT when the optional add-on is missing; evaluation errors as they come. */
export async function evaluateJsonnetFile(path: string, opts: JsonnetOptions): Promise<string> {
  const { Jsonnet } = jsonnetAddonFor(resolve(path));
  const vm = new Jsonnet();
  for (const [k, v] of Object.entries(opts.extStr)) vm.extString(k, v);
  for (const [k, v] of Object.entries(opts.extCode)) vm.extCode(k, v);
  for (const n of opts.natives) {
    vm.nativeCallback(
      n.name,
      async (...args: NativeValue[]) => {
        try {
          return await n.fn(...args);
        } catch (e) {
          // libjsonnet reports a callback failure as its message: keep the function name in it.
          throw new Error(`${n.name}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
        }
      },
      ...n.params,
    );
  }
  return vm.evaluateFile(path);
}
