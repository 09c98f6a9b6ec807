// `cortado register`: registers the rendered task definition as a new revision.
import type { CliCommand } from '../command.js';
import { COMMON_HELP, COMMON_OPTIONS, flag, withContext } from './deploy-options.js';

export const registerCommand: CliCommand = {
  path: ['register'],
  summary: 'register the task definition as a new revision (no service change)',
  usage: 'cortado register [--dry-run]',
  options: { ...COMMON_OPTIONS, 'dry-run': { type: 'boolean' } },
  help: `Options:
  --dry-run   print the task definition that would be registered

${COMMON_HELP}

Examples:
  cortado register
  cortado register --dry-run --output json`,
  async run(args, host) {
    const r = await withContext(args, host, async (ctx) => (await import('../../deploy/register.js')).register(ctx, { dryRun: flag(args, 'dry-run') }));
    host.result(r.dryRun ? JSON.stringify(r.taskDefinition, null, 2) : r.taskDefinitionArn ?? '', r);
    return 0;
  },
};
