// `cortado render`: prints the config, the service definition or the task definition after templates and Jsonnet.
import type { CliCommand } from '../command.js';
import { withContext } from './deploy-options.js';

export const renderCommand: CliCommand = {
  usage: 'cortado render config|servicedef|taskdef|expressdef [more targets...]',
  options: {},
  help: `Prints the definitions as JSON and the config as YAML in ecspresso's shape (its keys, the timeout as 10m0s);
several targets print one after the other (--output json: an object keyed by target). service-definition and
task-definition are accepted for servicedef and taskdef; expressdef (or express-definition) is the Express service
definition (express_service_definition). Template functions: env, must_env, json_escape, tfstate, tfstatef, ssm, secretsmanager_arn;
Jsonnet files get the same as native functions (std.native("tfstate")(...)).

Examples:
  cortado render taskdef
  cortado render servicedef taskdef
  cortado render expressdef
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
    // As ecspresso prints them: the config as YAML, the definitions as the API's JSON.
    const yaml = targets.includes('config') && host.mode === 'text' ? await import('yaml') : undefined;
    const text = values.map((v, i) => (targets[i] === 'config' && yaml ? yaml.stringify(v).trimEnd() : JSON.stringify(v, null, 2)));
    if (targets.length === 1) host.result(text[0]!, values[0]);
    else host.result(text.join('\n'), Object.fromEntries(targets.map((t, i) => [t, values[i]])));
    return 0;
  },
};
