// `cortado canary start`: releases a new image (or tag) through the steps with analysis, here in the foreground.
import { UsageError } from '../../core/errors.js';
import { parseKeyValues } from '../../config/key-value.js';
import { startRelease, type ReleaseSource } from '../../canary/canary-release.js';
import type { ImageChange } from '../../canary/revision.js';
import type { CliCommand } from '../command.js';
import { releaseInterrupted } from '../interrupted.js';
import { stringOption } from '../command.js';
import { renderOutcome, withRelease } from './canary-common.js';

function envPairs(raw: string[] | undefined): Record<string, string> {
  return parseKeyValues(raw, '--env') ?? {};
}

export const canaryStart: CliCommand = {
  usage: 'cortado canary start (--image IMAGE | --tag TAG | --task-definition ARN) [--env NAME=VALUE ...] [--config FILE]',
  options: {
    image: { type: 'string' },
    tag: { type: 'string' },
    'task-definition': { type: 'string' },
    env: { type: 'string', multiple: true },
  },
  help: `Registers the stable service's task definition with the new image (or tag, keeping the repository)
and extra environment, deploys it to the canary service, then moves traffic through canary.steps,
analysing canary.metrics every analysis_interval; promotes (same revision to the stable service, 100%
back to stable, canary to zero) or rolls back. State lives in tags on the canary service: Ctrl-C or a
killed controller leaves the release where it is, and \`cortado canary resume\` continues it anywhere.

Options:
  --image IMAGE          the new image, e.g. 123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/api:9f3c2e1
  --tag TAG              the same repository as the stable image, another tag
  --task-definition ARN  release this registered task definition as it is
  --env NAME=VALUE       set an environment variable on the released container (repeatable)

Examples:
  cortado canary start --tag 9f3c2e1
  cortado canary start --image cortado/demo-app:v3 --env ERROR_RATE=0.3 --output json`,
  interrupted: releaseInterrupted,
  async run(args, host) {
    const image = stringOption(args, 'image');
    const tag = stringOption(args, 'tag');
    const td = stringOption(args, 'task-definition');
    if ([image, tag, td].filter((x) => x !== undefined).length !== 1)
      throw new UsageError('BAD_OPTION', 'cortado canary start needs exactly one of --image, --tag or --task-definition');
    const env = envPairs(args.values.env as string[] | undefined);
    if (td && Object.keys(env).length)
      throw new UsageError('BAD_OPTION', '--env cannot change a task definition given with --task-definition');
    const change: ImageChange = image ? { kind: 'image', image } : tag ? { kind: 'tag', tag } : { kind: 'none' };
    return withRelease(args, host, async (r, signal) => {
      const source: ReleaseSource = td
        ? { kind: 'task-definition', arn: td }
        : { kind: 'change', change: { image: change, env, ...(r.target.spec.container ? { container: r.target.spec.container } : {}) } };
      return renderOutcome(host, r, await startRelease(r.target, r.deps, source, signal));
    });
  },
};
