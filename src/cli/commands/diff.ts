// `cortado diff`: the definitions against what runs in AWS, normalised (AWS defaults on both sides, order-free lists sorted).
import type { CliCommand } from '../command.js';
import { useColor, withContext } from './deploy-options.js';

export const diffCommand: CliCommand = {
  usage: 'cortado diff [--exit-code]',
  options: { 'exit-code': { type: 'boolean' } },
  help: `Options:
  --exit-code   exit 1 when there is a difference (for CI checks)

Output is a unified diff from AWS (---) to your files (+++), coloured on a terminal; --output json
lists the changed fields.

Examples:
  cortado diff
  cortado diff --output json | jq '.taskDefinition.changes'
  cortado diff --exit-code || echo "definitions drifted"`,
  async run(args, host) {
    const result = await withContext(args, host, async (ctx) => (await import('../../deploy/diff.js')).diff(ctx));
    const parts = [result.service?.unified, result.taskDefinition.unified].filter((p): p is string => Boolean(p));
    let text = parts.join('\n');
    if (text && useColor()) text = (await import('../../diff/definition-diff.js')).colorDiff(text);
    host.result(text || 'no difference', {
      changed: result.changed,
      ...(result.service
        ? {
            service: {
              name: result.service.name,
              exists: result.service.exists,
              changed: result.service.changed,
              changes: result.service.changes,
              unified: result.service.unified,
            },
          }
        : {}),
      taskDefinition: {
        remote: result.taskDefinition.remote,
        changed: result.taskDefinition.changed,
        changes: result.taskDefinition.changes,
        unified: result.taskDefinition.unified,
      },
    });
    return result.changed && args.values['exit-code'] === true ? 1 : 0;
  },
};
