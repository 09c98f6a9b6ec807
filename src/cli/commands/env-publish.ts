// `cortado env publish`: writes the endpoints JSON a frontend reads to switch between previews, without losing a concurrent update.
import { UsageError } from '../../core/errors.js';
import { publishEndpoints } from '../../preview/index.js';
import type { CliCommand } from '../command.js';
import { stringOption } from '../command.js';
import { noPositionals, withPreview } from './env-options.js';

export const envPublish: CliCommand = {
  usage: 'cortado env publish [--to s3://BUCKET/KEY | --to FILE]',
  options: { to: { type: 'string' } },
  help: `Options:
  --to TARGET            s3://BUCKET/KEY or a file path (default: preview.publish from the config)

The document has one section per app ({"version":1,"apps":{"web":{"domain":...,"environments":
[{"name","url","image","updatedAt"}]}}}); other apps' sections are kept. On S3 the write is
conditional (If-Match on the ETag read, If-None-Match for a new key) and a lost race starts over
from a fresh read, so concurrent publishes never lose each other's updates. A file is replaced
atomically (write beside it, then rename).

Exits 2 (nothing written) when there is no target, or the target holds something else.

Examples:
  cortado env publish --to s3://my-frontend-config/previews.json
  cortado env publish --to public/previews.json`,
  async run(args, host) {
    noPositionals(args, 'env publish');
    return withPreview(args, host, async (deps, signal) => {
      const to = stringOption(args, 'to') ?? deps.config.publish;
      if (!to)
        throw new UsageError('BAD_OPTION', 'env publish needs a target: --to s3://BUCKET/KEY or FILE, or preview.publish in the config');
      const r = await publishEndpoints(deps, to, signal);
      host.result(`published ${r.environments} environment(s) to ${r.target}`, r);
      return 0;
    });
  },
};
