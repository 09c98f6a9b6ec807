// `cortado iam-policy`: prints the least-privilege IAM policy for the commands you use (scoped by the config when there is one).
import type { CliCommand } from '../command.js';
import { stringOption } from '../command.js';

export const iamPolicyCommand: CliCommand = {
  usage: 'cortado iam-policy [command ...] [--config FILE]',
  options: {},
  help: `Reads the config when there is one (no AWS call): the service and family scope the resources, and the
template functions the definitions use (ssm, secretsmanager_arn, tfstate on S3) and assume_role_arn add
what they need.

Examples:
  cortado iam-policy deploy rollback status
  cortado iam-policy deploy --config ecspresso.yml > deploy-policy.json`,
  async run(args, host) {
    const { buildPolicy, configFeatures } = await import('../../deploy/iam-policy.js');
    const { checkCommands } = await import('../../deploy/iam-actions.js');
    checkCommands(args.positionals);
    let config;
    try {
      const { loadConfig } = await import('../../config/load-config.js');
      const { version } = await import('../../core/version.js');
      const configPath = stringOption(args, 'config');
      config = (await loadConfig({ cwd: process.cwd(), env: process.env, version: version(), ...(configPath ? { configPath } : {}) })).config;
    } catch (e) {
      if (stringOption(args, 'config')) throw e;
    }
    const policy = buildPolicy(args.positionals, await configFeatures(config));
    host.result(JSON.stringify(policy, null, 2), policy);
    return 0;
  },
};
