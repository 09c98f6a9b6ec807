// `cortado appspec`: prints the CodeDeploy AppSpec that deploys the service's task definition (ecspresso's appspec command).
import { UsageError } from '../../core/errors.js';
import type { CliCommand } from '../command.js';
import { stringOption } from '../command.js';
import { withContext } from './deploy-options.js';

export const appspecCommand: CliCommand = {
  usage: 'cortado appspec [--task-definition latest|current|ARN]',
  options: { 'task-definition': { type: 'string' } },
  help: `Prints the AppSpec (YAML) a CodeDeploy blue/green deployment of the service uses: the task definition, and the
container name and port of the service's load balancer, its platform version and network configuration, and
the Hooks of the config's appspec: section.

Options:
  --task-definition latest|current|ARN  latest (default): the family's newest revision; current: the one the
                                        service runs; or a task definition ARN

Examples:
  cortado appspec
  cortado appspec --task-definition current
  cortado appspec --output json`,
  async run(args, host) {
    if (args.positionals.length)
      throw new UsageError('BAD_ARGUMENTS', `cortado appspec takes no arguments, got ${JSON.stringify(args.positionals.join(' '))}`);
    const which = stringOption(args, 'task-definition') ?? 'latest';
    if (which !== 'latest' && which !== 'current' && !which.startsWith('arn:'))
      throw new UsageError(
        'BAD_OPTION',
        `--task-definition expects latest, current or a task definition ARN, got ${JSON.stringify(which)}`,
      );
    const r = await withContext(args, host, async (ctx) =>
      (await import('../../deploy/codedeploy/codedeploy-commands.js')).appSpecFor(ctx, which),
    );
    host.result(r.yaml.trimEnd(), r.appSpec);
    return 0;
  },
};
