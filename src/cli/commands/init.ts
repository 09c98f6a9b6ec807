// `cortado init`: writes cortado.yml and the definitions from a running service.
import { UsageError } from '../../core/errors.js';
import type { CliCommand } from '../command.js';
import { stringOption } from '../command.js';
import { withSignal } from '../command.js';
import { quietSdk } from '../session-host.js';
import { sessionOptionsFrom } from '../shared-flags.js';
import { flag } from './deploy-options.js';

export const initCommand: CliCommand = {
  usage:
    'cortado init --service NAME [--cluster NAME] [--region R] [--config cortado.yml] [--format json|yaml|jsonnet] [--[no-]express] [--force-overwrite]',
  options: {
    service: { type: 'string' },
    cluster: { type: 'string' },
    'task-definition-path': { type: 'string' },
    'service-definition-path': { type: 'string' },
    'express-definition-path': { type: 'string' },
    express: { type: 'boolean' },
    'no-express': { type: 'boolean' },
    format: { type: 'string' },
    'force-overwrite': { type: 'boolean' },
  },
  help: `Options:
  --service NAME                the service to start from (required)
  --cluster NAME                its cluster (default "default")
  --config FILE                 (shared) here: the config to write (default cortado.yml)
  --task-definition-path FILE   default ecs-task-def.<format>
  --service-definition-path FILE  default ecs-service-def.<format>
  --express-definition-path FILE  default ecs-express-def.<format>
  --express / --no-express      an Express service (ECS-managed) is written as its Express service definition and
                                express_definition in the config, as ecspresso does; --no-express writes its task and
                                service definitions instead; --express refuses a service that is not one
  --format json|yaml|jsonnet    definition format (default json)
  --force-overwrite             replace existing files

Examples:
  cortado init --cluster prod --service web
  cortado init --service web --format yaml --config deploy/cortado.yml
  cortado init --service hello --config ecspresso.yml     # an Express service: ecs-express-def.json`,
  async run(args, host) {
    const service = stringOption(args, 'service');
    if (!service) throw new UsageError('BAD_OPTION', 'cortado init needs --service NAME');
    if (flag(args, 'express') && flag(args, 'no-express')) throw new UsageError('BAD_OPTION', '--express and --no-express contradict');
    const format = stringOption(args, 'format');
    if (format !== undefined && !['json', 'yaml', 'jsonnet'].includes(format))
      throw new UsageError('BAD_OPTION', `--format expects json, yaml or jsonnet, got ${JSON.stringify(format)}`);
    const s = (n: string) => stringOption(args, n);
    quietSdk();
    const { init } = await import('../../deploy/init.js');
    const r = await withSignal((signal) =>
      init(
        {
          ...sessionOptionsFrom(args, process.env, process.cwd()),
          service,
          forceOverwrite: flag(args, 'force-overwrite'),
          ...(s('cluster') ? { cluster: s('cluster')! } : {}),
          ...(s('task-definition-path') ? { taskDefinitionPath: s('task-definition-path')! } : {}),
          ...(s('service-definition-path') ? { serviceDefinitionPath: s('service-definition-path')! } : {}),
          ...(s('express-definition-path') ? { expressDefinitionPath: s('express-definition-path')! } : {}),
          ...(flag(args, 'express') ? { express: true } : flag(args, 'no-express') ? { express: false } : {}),
          ...(format ? { format: format as 'json' | 'yaml' | 'jsonnet' } : {}),
        },
        { host, signal },
      ),
    );
    host.result(r.files.join('\n'), r);
    return 0;
  },
};
