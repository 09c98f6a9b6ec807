// `cortado register`: registers the rendered task definition as a new revision.
import type { CliCommand } from '../command.js';
import { flag, withContext } from './deploy-options.js';

export const registerCommand: CliCommand = {
  usage: 'cortado register [--dry-run] [--output]',
  options: { 'dry-run': { type: 'boolean' }, 'output-task-definition': { type: 'boolean' } },
  bareFlags: { output: 'output-task-definition' },
  help: `Options:
  --dry-run   print the task definition that would be registered
  --output    alone (no value, as ecspresso's flag): print the registered task definition as JSON
              (--output json prints cortado's result object instead)

Examples:
  cortado register
  cortado register --output > registered.json
  cortado register --dry-run --output json`,
  async run(args, host) {
    const r = await withContext(args, host, async (ctx) =>
      (await import('../../deploy/register.js')).register(ctx, { dryRun: flag(args, 'dry-run') }),
    );
    if (flag(args, 'output-task-definition')) host.result(JSON.stringify(r.taskDefinition, null, 2), r.taskDefinition);
    else host.result(r.dryRun ? JSON.stringify(r.taskDefinition, null, 2) : (r.taskDefinitionArn ?? ''), r);
    return 0;
  },
};
