// `cortado tag <dir>`: prints the image tag for a Dockerfile's directory (its last commit hash); --exists checks ECR for it.
import { UsageError } from '../../core/errors.js';
import type { AwsClients } from '../../aws/aws-clients.js';
import type { CliCommand } from '../command.js';
import { stringOption } from '../command.js';
import { withSignal } from '../command.js';
import { quietSdk } from '../session-host.js';
import { sessionOptionsFrom } from '../shared-flags.js';

export const tagCommand: CliCommand = {
  usage: 'cortado tag <dir> [--exists --repository NAME [--registry-id ID]]',
  options: { exists: { type: 'boolean' }, repository: { type: 'string' }, 'registry-id': { type: 'string' } },
  help: `Unrelated commits do not change the tag, so they do not redeploy.

Options:
  --exists            exit 0 when REPOSITORY already has the tag, 1 when it does not (skip the build)
  --repository NAME   the ECR repository (with --exists)
  --registry-id ID    the registry's account id (default: yours)

Examples:
  cortado tag app/
  docker build -t "$REPO:$(cortado tag app/)" app/
  cortado tag app/ --exists --repository shop/api || make push`,
  async run(args, host) {
    const dir = args.positionals[0];
    if (!dir || args.positionals.length > 1)
      throw new UsageError('BAD_ARGUMENTS', 'cortado tag takes one directory, e.g. cortado tag app/');
    const exists = args.values.exists === true;
    const repository = stringOption(args, 'repository');
    if (exists && !repository) throw new UsageError('BAD_OPTION', '--exists needs --repository NAME');
    const registryId = stringOption(args, 'registry-id');
    const lib = await import('../../deploy/tag.js');
    let aws: AwsClients | undefined;
    if (exists) {
      quietSdk();
      const { sessionClients } = await import('../../session/session-clients.js');
      aws = sessionClients(sessionOptionsFrom(args, process.env, process.cwd()));
    }
    const r = await withSignal((signal) =>
      lib.imageTag(
        { cwd: process.cwd(), dir, ...(exists && repository ? { repository } : {}), ...(registryId ? { registryId } : {}) },
        aws,
        signal,
      ),
    );
    host.result(exists ? `${r.tag} ${r.exists ? 'exists' : 'does not exist'} in ${repository}` : r.tag, r);
    return exists && !r.exists ? 1 : 0;
  },
};
