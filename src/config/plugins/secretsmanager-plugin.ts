// The secretsmanager plugin: `secretsmanager_arn "name"` gives the secret's full ARN (for task definition `secrets`).
import type { TemplateFunction } from '../template/template-render.js';
import type { PluginContext, TemplatePlugin } from './template-plugin.js';

export function createSecretsManagerPlugin(ctx: PluginContext): TemplatePlugin {
  const cache = new Map<string, Promise<string>>();
  const arn: TemplateFunction = (id) => {
    if (typeof id !== 'string') throw new Error(`expects a secret name or ARN as a string, got ${JSON.stringify(id)}`);
    let p = cache.get(id);
    if (!p) {
      p = ctx.services.describeSecretArn(id);
      cache.set(id, p);
    }
    return p;
  };
  return {
    name: 'secretsmanager',
    builtIn: true,
    functions: new Map([['secretsmanager_arn', arn]]),
    natives: [{ name: 'secretsmanager_arn', params: ['id'], fn: (id) => arn(id) }],
  };
}
