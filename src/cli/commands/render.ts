// `cortado render`: prints the config, the service definition or the task definition after templates and Jsonnet.
import type { CliCommand } from '../command.js';
import { withContext } from './deploy-options.js';

export const renderCommand: CliCommand = {
  usage: 'cortado render config|servicedef|taskdef',
  options: {},
  help: `Prints JSON. Template functions: env, must_env, json_escape, tfstate, tfstatef, ssm, secretsmanager_arn;
Jsonnet files get the same as native functions (std.native("tfstate")(...)).

Examples:
  cortado render taskdef
  IMAGE_TAG=abc123 cortado render taskdef --config ecspresso.yml
  cortado render servicedef --envfile .env.production`,
  async run(args, host) {
    const { renderTarget, render } = await import('../../deploy/render.js');
    const what = renderTarget(args.positionals[0]);
    const value = await withContext(args, host, (ctx) => render(ctx, what));
    host.result(JSON.stringify(value, null, 2), value);
    return 0;
  },
};
