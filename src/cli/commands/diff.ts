// `cortado diff`: the definitions against what runs in AWS, normalised (AWS defaults on both sides, order-free lists sorted).
import type { CliCommand } from '../command.js';
import { UsageError } from '../../core/errors.js';
import { stringOption } from '../command.js';
import { useColor, withContext } from './deploy-options.js';

export const diffCommand: CliCommand = {
  usage: 'cortado diff [--exit-code] [--no-unified | --external CMD]',
  options: {
    'exit-code': { type: 'boolean' },
    unified: { type: 'boolean' },
    'no-unified': { type: 'boolean' },
    external: { type: 'string' },
  },
  help: `Options:
  --exit-code      exit 1 when there is a difference (for CI checks)
  --unified        unified diff with 3 lines of context (the default)
  --no-unified     the whole definitions, every line marked
  --external CMD   compare with your own tool: runs CMD remote/<name>.json local/<name>.json (name: service,
                   taskdef) in a temporary directory; also from ECSPRESSO_DIFF_COMMAND or CORTADO_DIFF_COMMAND.
                   CMD exiting 1 means "they differ" (diff(1)); a higher status fails the command

Output is a unified diff from AWS (---) to your files (+++), coloured on a terminal; --output json
lists the changed fields.

Examples:
  cortado diff
  cortado diff --output json | jq '.taskDefinition.changes'
  cortado diff --exit-code || echo "definitions drifted"
  cortado diff --external "difft --color=always"`,
  async run(args, host) {
    const result = await withContext(args, host, async (ctx) => (await import('../../deploy/diff.js')).diff(ctx));
    const external =
      stringOption(args, 'external') ?? (process.env.CORTADO_DIFF_COMMAND || process.env.ECSPRESSO_DIFF_COMMAND || undefined);
    const sides = [
      { name: 'service', d: result.service },
      { name: 'taskdef', d: result.taskDefinition },
    ].flatMap(({ name, d }) => (d?.texts ? [{ name, ...d.texts }] : []));
    if (external !== undefined && host.mode === 'text') {
      const status = sides.length ? await (await import('./diff-external.js')).runExternalDiff(external, sides) : 0;
      if (status > 1) throw new UsageError('EXTERNAL_DIFF_FAILED', `--external ${external} exited with status ${status}`);
      if (!sides.length) host.result('no difference', { changed: false });
      return result.changed && args.values['exit-code'] === true ? 1 : 0;
    }
    const full = args.values['no-unified'] === true ? (await import('../../diff/definition-diff.js')).fullDiff : undefined;
    const parts = full
      ? sides.map((x) => full(x))
      : [result.service?.unified, result.taskDefinition.unified].filter((p): p is string => Boolean(p));
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
