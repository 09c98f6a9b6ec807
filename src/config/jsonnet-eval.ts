// Evaluates Jsonnet (configs and definitions) with --ext-str/--ext-code and native functions (env, must_env, tfstate, ssm, ...).
import type { NativeFunction, NativeValue } from './plugins/template-plugin.js';

export interface JsonnetOptions {
  readonly extStr: Readonly<Record<string, string>>;
  readonly extCode: Readonly<Record<string, string>>;
  readonly natives: readonly NativeFunction[];
}

/** The addon is native code: loaded only when a Jsonnet file is actually evaluated. */
/** The part of @hanazuki/node-jsonnet we use (its package exports hide its type file from NodeNext resolution). */
interface JsonnetVm {
  extString(key: string, value: string): JsonnetVm;
  extCode(key: string, value: string): JsonnetVm;
  nativeCallback(name: string, fn: (...args: NativeValue[]) => unknown, ...params: string[]): JsonnetVm;
  evaluateFile(path: string): Promise<string>;
}

const MODULE = '@hanazuki/node-jsonnet';

export async function evaluateJsonnetFile(path: string, opts: JsonnetOptions): Promise<string> {
  const { Jsonnet } = (await import(MODULE)) as { Jsonnet: new () => JsonnetVm };
  const vm = new Jsonnet();
  for (const [k, v] of Object.entries(opts.extStr)) vm.extString(k, v);
  for (const [k, v] of Object.entries(opts.extCode)) vm.extCode(k, v);
  for (const n of opts.natives) {
    vm.nativeCallback(n.name, async (...args) => {
      try {
        return await n.fn(...args);
      } catch (e) {
        // libjsonnet reports a callback failure as its message: keep the function name in it.
        throw new Error(`${n.name}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
      }
    }, ...n.params);
  }
  return vm.evaluateFile(path);
}
