// `cortado logs`: the service's container output from CloudWatch Logs; --follow keeps reading until Ctrl-C.
import type { CliCommand } from '../command.js';
import { stringOption } from '../command.js';
import { durationOption, flag, outputHost, withContext } from './deploy-options.js';

export const logsCommand: CliCommand = {
  usage: 'cortado logs [--follow] [--since 10m] [--container NAME] [--task ID] [--filter-pattern P]',
  options: {
    follow: { type: 'boolean', short: 'f' },
    since: { type: 'string' },
    container: { type: 'string' },
    task: { type: 'string' },
    'filter-pattern': { type: 'string' },
  },
  help: `Options:
  -f, --follow           keep reading new events until Ctrl-C
  --since DURATION       start this far back (default 10m)
  --container NAME       whose logs (default: the first container logging with awslogs)
  --task ID              only this task's stream
  --filter-pattern P     CloudWatch Logs filter pattern

Examples:
  cortado logs --since 1h
  cortado logs -f --container app
  cortado logs --filter-pattern ERROR`,
  async run(args, host) {
    const sinceMs = durationOption(args, 'since');
    const container = stringOption(args, 'container');
    const task = stringOption(args, 'task');
    const pattern = stringOption(args, 'filter-pattern');
    const r = await withContext(args, outputHost(host, ['LOG_EVENT']), async (ctx) =>
      (await import('../../deploy/logs.js')).logs(ctx, {
        follow: flag(args, 'follow'),
        ...(sinceMs !== undefined ? { sinceMs } : {}),
        ...(container ? { container } : {}),
        ...(task ? { taskId: task } : {}),
        ...(pattern ? { filterPattern: pattern } : {}),
      }),
    );
    if (host.mode === 'json') host.result('', r);
    return 0;
  },
};
