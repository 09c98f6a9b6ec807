// The tfstate plugin: `tfstate "aws_lb.main.arn"` and `tfstatef "aws_subnet.s['%s'].id" "a"` from a local file or an s3:// backend.
import { readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { UsageError } from '../../core/errors.js';
import { sprintf } from '../template/sprintf.js';
import type { TemplateFunction } from '../template/template-render.js';
import { lookupState, parseState, stringifyStateValue, type TerraformState } from '../tfstate/tfstate-lookup.js';
import type { PluginContext, PluginSpec, TemplatePlugin } from './template-plugin.js';

export type StateLocation =
  { readonly kind: 'file'; readonly path: string } | { readonly kind: 's3'; readonly bucket: string; readonly key: string };

/** Pure: where the state lives, from `config.path` or `config.url`; errors name the config file and the field. */
export function stateLocation(spec: PluginSpec, ctx: Pick<PluginContext, 'dir' | 'configPath'>): StateLocation {
  const { path, url } = spec.config;
  const where = `${ctx.configPath}: plugins[tfstate].config`;
  const at = (field: string) => ({ file: ctx.configPath, field: `plugins[tfstate].config${field}` });
  if (path !== undefined && url !== undefined) throw new UsageError('BAD_CONFIG', `${where}: set either path or url, not both`, at(''));
  if (path !== undefined) {
    if (typeof path !== 'string' || !path)
      throw new UsageError('BAD_CONFIG', `${where}.path: expected a file path as a string, got ${JSON.stringify(path)}`, at('.path'));
    return { kind: 'file', path: isAbsolute(path) ? path : join(ctx.dir, path) };
  }
  if (url !== undefined) {
    if (typeof url !== 'string')
      throw new UsageError('BAD_CONFIG', `${where}.url: expected a URL as a string, got ${JSON.stringify(url)}`, at('.url'));
    const s3 = /^s3:\/\/([^/]+)\/(.+)$/.exec(url);
    if (s3) return { kind: 's3', bucket: s3[1]!, key: s3[2]! };
    if (url.startsWith('file://')) return { kind: 'file', path: url.slice('file://'.length) };
    if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) return { kind: 'file', path: isAbsolute(url) ? url : join(ctx.dir, url) };
    throw new UsageError(
      'BAD_CONFIG',
      `${where}.url: unsupported tfstate location ${JSON.stringify(url)}; cortado reads s3://bucket/key and local files`,
      at('.url'),
    );
  }
  throw new UsageError(
    'BAD_CONFIG',
    `${where}: the tfstate plugin needs path (a local terraform.tfstate) or url (s3://bucket/key)`,
    at(''),
  );
}

export function createTfstatePlugin(spec: PluginSpec, ctx: PluginContext): TemplatePlugin {
  const loc = stateLocation(spec, ctx);
  const label = loc.kind === 'file' ? loc.path : `s3://${loc.bucket}/${loc.key}`;
  let state: Promise<TerraformState> | undefined;
  const load = () =>
    (state ??= (async () => {
      let text: string;
      try {
        text = loc.kind === 'file' ? await readFile(loc.path, 'utf8') : await ctx.services.getObjectText(loc.bucket, loc.key);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`tfstate file ${label} does not exist`, { cause: e });
        throw e;
      }
      return parseState(text, label);
    })());
  const lookup = async (address: string) => stringifyStateValue(lookupState(await load(), address), address);
  const tfstate: TemplateFunction = (address) => {
    if (typeof address !== 'string') throw new Error(`expects an address string such as "aws_lb.main.arn", got ${JSON.stringify(address)}`);
    return lookup(address);
  };
  const tfstatef: TemplateFunction = (format, ...args) => {
    if (typeof format !== 'string') throw new Error(`expects a format string, got ${JSON.stringify(format)}`);
    return lookup(sprintf(format, args));
  };
  return {
    name: 'tfstate',
    builtIn: false,
    functions: new Map([
      ['tfstate', tfstate],
      ['tfstatef', tfstatef],
    ]),
    natives: [{ name: 'tfstate', params: ['address'], fn: (a) => tfstate(a) }],
  };
}
