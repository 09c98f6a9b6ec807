// `cortado register`: registers the rendered task definition as a new revision.
import type { CliCommand } from '../command.js';
import { flag, withContext } from './deploy-options.js';

export const registerCommand: CliCommand = {
  usage: 'cortado register [--dry-run]',
  options: { 'dry-run': { type: 'boolean' } },
  help: `Options:
  --dry-run   print the task definition that would be registered

Examples:
  cortado register
  cortado register --dry-run --output json`,
  async run(args, host) {
    const r = await withContext(args, host, async (ctx) =>
      (await import('../../deploy/register.js')).register(ctx, { dryRun: flag(args, 'dry-run') }),
    );
    host.result(r.dryRun ? JSON.stringify(r.taskDefinition, null, 2) : (r.taskDefinitionArn ?? ''), r);
    return 0;
  },
};
