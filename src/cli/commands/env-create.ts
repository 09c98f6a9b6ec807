// `cortado env create`: a preview environment for a branch, copied from the reference service, reachable at its own host name.
import { UsageError } from '../../core/errors.js';
import { parseKeyValues, VARIABLE_NAME } from '../../config/key-value.js';
import { createEnv, parseDuration, type ImageOverride } from '../../preview/index.js';
import type { CliCommand, ParsedArgs } from '../command.js';
import { envInterrupted } from '../interrupted.js';
import { stringOption } from '../command.js';
import { withPreview, theName } from './env-options.js';

function imageOf(args: ParsedArgs): ImageOverride {
  const image = stringOption(args, 'image');
  const tag = stringOption(args, 'tag');
  if (image !== undefined && tag !== undefined)
    throw new UsageError('BAD_OPTION', '--image and --tag are exclusive: --image replaces the whole image, --tag only its tag');
  if (image !== undefined && !/^\S+$/.test(image))
    throw new UsageError(
      'BAD_OPTION',
      `--image expects an image reference such as 123456789012.dkr.ecr.us-east-1.amazonaws.com/web:abc123, got ${JSON.stringify(image)}`,
    );
  return image !== undefined ? { kind: 'image', image } : tag !== undefined ? { kind: 'tag', tag: tag } : { kind: 'none' };
}

function environmentOf(args: ParsedArgs): Record<string, string> {
  return parseKeyValues(args.values.env as string[] | undefined, '--env', VARIABLE_NAME) ?? {};
}

function referenceOf(args: ParsedArgs): { cluster: string; service: string } | undefined {
  const from = stringOption(args, 'from');
  if (from === undefined) return undefined;
  const m = /^([^/\s]+)\/([^/\s]+)$/.exec(from);
  if (!m) throw new UsageError('BAD_OPTION', `--from expects CLUSTER/SERVICE, got ${JSON.stringify(from)}`);
  return { cluster: m[1]!, service: m[2]! };
}

export const envCreate: CliCommand = {
  usage: 'cortado env create <name> [--image IMAGE | --tag TAG] [--env KEY=VALUE ...] [--wait] [--timeout 10m] [--from CLUSTER/SERVICE]',
  options: {
    image: { type: 'string' },
    tag: { type: 'string' },
    env: { type: 'string', multiple: true, short: 'e' },
    wait: { type: 'boolean' },
    from: { type: 'string' },
  },
  help: `<name> is the branch or pull request name, any text (feature/ABC-123_Fix login, Unicode, up to
256 characters); it becomes a DNS label, with a short hash when it had to be changed to fit.

Options:
  --image IMAGE          run this image in the preview (default: the reference's)
  --tag TAG              run the reference's image with this tag instead
  --env KEY=VALUE        set an environment variable in the preview's container (repeatable);
                         applied over preview.environment from the config
  --wait                 wait until the tasks run and pass the load balancer's health checks
  --timeout D            (shared) how long --wait waits (default 10m)
  --from CLUSTER/SERVICE copy this service instead of preview.reference

Creates, with only true dependencies in sequence: a task definition copied from the reference, a
target group with the reference's health check and attributes, a host-header rule on the shared
listener, an ECS service, and a Route 53 alias record; all tagged cortado:env. Run it again with a
new image and it registers a revision and updates the service. If it fails, it removes what it made.

Examples:
  cortado env create feature/ABC-123_Fix-login --tag "$GITHUB_SHA"
  cortado env create pr-42 --image 123456789012.dkr.ecr.us-east-1.amazonaws.com/web:abc123 --wait
  cortado env create pr-42 --env FEATURE_FLAGS=new-checkout --output json | jq -r .url`,
  interrupted: envInterrupted('create'),
  async run(args, host) {
    const name = theName(args, 'env create');
    const image = imageOf(args);
    const environment = environmentOf(args);
    const timeout = stringOption(args, 'timeout');
    const timeoutMs = timeout === undefined ? undefined : parseDuration(timeout, '--timeout');
    const reference = referenceOf(args);
    return withPreview(
      args,
      host,
      async (deps, signal) => {
        const r = await createEnv(
          deps,
          {
            name,
            image,
            environment,
            wait: args.values.wait === true,
            ...(timeoutMs !== undefined ? { timeoutMs } : {}),
          },
          signal,
        );
        host.result(
          `${r.url}\n  ${r.action} ${r.env}: ${r.image}${r.rulePriority !== undefined ? ` (rule priority ${r.rulePriority})` : ''}`,
          r,
        );
        return 0;
      },
      reference,
    );
  },
};
