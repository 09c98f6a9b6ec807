// `cortado iam-policy`: prints the least-privilege IAM policy for the commands you use (scoped by the config when there is one).
import type { CliCommand } from '../command.js';
import { stringOption } from '../command.js';

export const iamPolicyCommand: CliCommand = {
  usage: 'cortado iam-policy [command ...] [--config FILE]',
  options: {},
  help: `Commands are named as you run them: deploy, canary start, env create, ...; a group's name alone
(canary, env, local) means all of its commands. Canary commands cover both routers (ALB weighted target
groups and ECS native). demo and local make no call to your AWS account and need no policy.

Reads the config when there is one (no AWS call): the service and family scope the resources, and the
template functions the definitions use (ssm, secretsmanager_arn, tfstate on S3) and assume_role_arn add
what they need.

Examples:
  cortado iam-policy deploy rollback status
  cortado iam-policy canary env publish
  cortado iam-policy deploy --config ecspresso.yml > deploy-policy.json`,
  async run(args, host) {
    const { buildPolicy, configFeatures } = await import('../../deploy/iam-policy.js');
    const { checkCommands, LOCAL_ONLY } = await import('../../deploy/iam-actions.js');
    const commands = checkCommands(args.positionals);
    const local = commands.filter((c) => LOCAL_ONLY.has(c));
    if (local.length) {
      const { msg } = await import('../../core/io-host.js');
      host.notify(
        msg(
          'info',
          'IAM_LOCAL_ONLY',
          `${local.join(', ')}: no call to your AWS account (they run against the local sandbox), nothing to allow`,
          { commands: local },
        ),
      );
    }
    let config;
    try {
      const { loadConfig } = await import('../../config/load-config.js');
      const { version } = await import('../../core/version.js');
      const configPath = stringOption(args, 'config');
      config = (await loadConfig({ cwd: process.cwd(), env: process.env, version: version(), ...(configPath ? { configPath } : {}) }))
        .config;
    } catch (e) {
      if (stringOption(args, 'config')) throw e;
    }
    const policy = buildPolicy(commands, await configFeatures(config));
    host.result(JSON.stringify(policy, null, 2), policy);
    return 0;
  },
};
