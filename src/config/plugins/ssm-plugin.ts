// The ssm plugin: `ssm "/path/name"` reads a parameter (SecureString decrypted), `ssm "/list" 1` an element of a StringList.
import type { TemplateFunction } from '../template/template-render.js';
import type { PluginContext, TemplatePlugin } from './template-plugin.js';

/** Pure: the value a parameter gives for an optional index, with ecspresso's rules for StringList. */
export function parameterValue(
  p: { readonly name: string; readonly type: string; readonly value: string },
  index: number | undefined,
): string {
  if (p.type === 'StringList') {
    if (index === undefined)
      throw new Error(`parameter ${p.name} is a StringList: pass the index as the second argument, e.g. ssm "${p.name}" 0`);
    const values = p.value.split(',');
    if (!Number.isInteger(index) || index < 0 || index >= values.length)
      throw new Error(`index ${index} is out of range for ${p.name} (${values.length} values)`);
    return values[index]!;
  }
  if (index !== undefined) throw new Error(`the index argument works only for StringList parameters; ${p.name} is a ${p.type}`);
  return p.value;
}

export function createSsmPlugin(ctx: PluginContext): TemplatePlugin {
  const cache = new Map<string, Promise<{ name: string; type: string; value: string }>>();
  const get = (name: string) => {
    let p = cache.get(name);
    if (!p) {
      p = ctx.services.getParameter(name);
      cache.set(name, p);
    }
    return p;
  };
  const ssm: TemplateFunction = async (name, ...rest) => {
    if (typeof name !== 'string') throw new Error(`expects a parameter name as a string, got ${JSON.stringify(name)}`);
    if (rest.length > 1) throw new Error(`takes at most 2 arguments, got ${rest.length + 1}`);
    const idx = rest[0];
    if (idx !== undefined && typeof idx !== 'number') throw new Error(`the index must be a number, got ${JSON.stringify(idx)}`);
    return parameterValue(await get(name), idx);
  };
  return {
    name: 'ssm',
    builtIn: true,
    functions: new Map([['ssm', ssm]]),
    natives: [
      { name: 'ssm', params: ['name'], fn: (n) => ssm(n) },
      { name: 'ssm_list', params: ['name', 'index'], fn: (n, i) => ssm(n, i) },
    ],
  };
}
