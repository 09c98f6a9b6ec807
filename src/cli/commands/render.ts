// `cortado render`: prints the config, the service definition or the task definition after templates and Jsonnet.
import type { CliCommand } from '../command.js';
import { COMMON_HELP, COMMON_OPTIONS, withContext } from './deploy-options.js';

export const renderCommand: CliCommand = {
  path: ['render'],
  summary: 'print the rendered config, service definition or task definition (templates, Jsonnet, plugins applied)',
  usage: 'cortado render config|servicedef|taskdef',
  options: { ...COMMON_OPTIONS },
  help: `Prints JSON. Template functions: env, must_env, json_escape, tfstate, tfstatef, ssm, secretsmanager_arn;
Jsonnet files get the same as native functions (std.native("tfstate")(...)).

${COMMON_HELP}

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
