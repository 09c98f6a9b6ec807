// `cortado render`: prints the config, the service definition or the task definition after templates and Jsonnet.
import type { CliCommand } from '../command.js';
import { withContext } from './deploy-options.js';

export const renderCommand: CliCommand = {
  usage: 'cortado render config|servicedef|taskdef [more targets...]',
  options: {},
  help: `Prints JSON; several targets print one after the other (--output json: an object keyed by target). Template functions: env, must_env, json_escape, tfstate, tfstatef, ssm, secretsmanager_arn;
Jsonnet files get the same as native functions (std.native("tfstate")(...)).

Examples:
  cortado render taskdef
  cortado render servicedef taskdef
  IMAGE_TAG=abc123 cortado render taskdef --config ecspresso.yml
  cortado render servicedef --envfile .env.production`,
  async run(args, host) {
    const { renderTarget, render } = await import('../../deploy/render.js');
    const targets = (args.positionals.length ? args.positionals : [undefined]).map(renderTarget);
    const values = await withContext(args, host, async (ctx) => {
      const out: unknown[] = [];
      for (const t of targets) out.push(await render(ctx, t));
      return out;
    });
    if (targets.length === 1) host.result(JSON.stringify(values[0], null, 2), values[0]);
    else host.result(values.map((v) => JSON.stringify(v, null, 2)).join('\n'), Object.fromEntries(targets.map((t, i) => [t, values[i]])));
    return 0;
  },
};
