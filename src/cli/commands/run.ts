// `cortado run`: a one-off task from the same definitions; streams its output and exits with its container's exit code.
import { UsageError } from '../../core/errors.js';
import type { CliCommand } from '../command.js';
import { runInterrupted } from '../interrupted.js';
import { numberOption, stringOption } from '../command.js';
import { flag, outputHost, withContext } from './deploy-options.js';

function parseOverrides(raw: string | undefined): Record<string, unknown> | undefined {
  let overrides: Record<string, unknown> | undefined;
  if (raw !== undefined) {
    try {
      overrides = JSON.parse(raw) as Record<string, unknown>;
    } catch (e) {
      throw new UsageError('BAD_OPTION', `--overrides expects a TaskOverride JSON object, got invalid JSON: ${(e as Error).message}`);
    }
    if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides))
      throw new UsageError('BAD_OPTION', '--overrides expects a JSON object such as {"containerOverrides":[...]}');
  }
  return overrides;
}

export const runCommand: CliCommand = {
  usage:
    'cortado run [--task-def FILE] [--overrides JSON | --overrides-file FILE] [--command CMD --watch-container NAME] [--count N] [--skip-task-definition | --latest-task-definition] [--revision N] [--no-wait | --wait-until running|stopped] [--client-token TOKEN]',
  options: {
    'dry-run': { type: 'boolean' },
    overrides: { type: 'string' },
    'overrides-file': { type: 'string' },
    command: { type: 'string' },
    count: { type: 'string' },
    'skip-task-definition': { type: 'boolean' },
    revision: { type: 'string' },
    'latest-task-definition': { type: 'boolean' },
    'no-wait': { type: 'boolean' },
    'watch-container': { type: 'string' },
    'task-def': { type: 'string' },
    'wait-until': { type: 'string' },
    'client-token': { type: 'string' },
  },
  help: `The task uses the service definition's launch type and network configuration. cortado waits for it
to stop, prints its output (awslogs), and exits with the watched container's exit code.

Options:
  --overrides JSON          RunTask overrides (TaskOverride), e.g. {"containerOverrides":[{"name":"app","command":["migrate"]}]}
  --overrides-file FILE     the same, from a file rendered like the definitions (templates, Jsonnet)
  --task-def FILE           register and run this task definition file instead of the config's
  --command CMD             shortcut: run CMD with sh -c in the watched container
  --watch-container NAME    whose exit code and logs to follow (default: the first essential container)
  --count N                 tasks to start (default 1; the first is followed)
  --skip-task-definition    use the service's task definition instead of registering one
  --latest-task-definition  use the family's newest revision instead of registering one
  --revision N              use revision N (alone, or with either of the two above, as ecspresso)
  --no-wait                 return once the task started
  --wait-until running|stopped  stopped (default): follow the task to its end; running: return once it runs
  --client-token TOKEN      RunTask's idempotency token (a retried run with the same token starts no second task)
  --dry-run                 say what would run

Examples:
  cortado run --command "bin/migrate" --watch-container app
  cortado run --overrides '{"containerOverrides":[{"name":"app","environment":[{"name":"MODE","value":"batch"}]}]}'
  cortado run --latest-task-definition --no-wait`,
  interrupted: runInterrupted,
  async run(args, host) {
    const count = numberOption(args, 'count', { min: 1, max: 10, integer: true });
    const revision = numberOption(args, 'revision', { min: 1, integer: true });
    const raw = stringOption(args, 'overrides');
    const file = stringOption(args, 'overrides-file');
    if (raw !== undefined && file !== undefined)
      throw new UsageError('BAD_OPTION', '--overrides and --overrides-file cannot be used together');
    const waitUntil = stringOption(args, 'wait-until');
    if (waitUntil !== undefined && waitUntil !== 'running' && waitUntil !== 'stopped')
      throw new UsageError('BAD_OPTION', `--wait-until expects running or stopped, got ${JSON.stringify(waitUntil)}`);
    if (waitUntil !== undefined && flag(args, 'no-wait'))
      throw new UsageError('BAD_OPTION', '--no-wait and --wait-until cannot be used together');
    const taskDef = stringOption(args, 'task-def');
    const clientToken = stringOption(args, 'client-token');
    const watch = stringOption(args, 'watch-container');
    const overrides = parseOverrides(raw);
    const command = stringOption(args, 'command');
    const out = outputHost(host, ['TASK_LOG']);
    const r = await withContext(args, out, async (ctx) =>
      (await import('../../deploy/run-task.js')).runTask(ctx, {
        dryRun: flag(args, 'dry-run'),
        skipTaskDefinition: flag(args, 'skip-task-definition'),
        latestTaskDefinition: flag(args, 'latest-task-definition'),
        noWait: flag(args, 'no-wait'),
        ...(overrides ? { overrides } : {}),
        ...(command !== undefined ? { command: ['sh', '-c', command] } : {}),
        ...(count !== undefined ? { count } : {}),
        ...(revision !== undefined ? { revision } : {}),
        ...(watch ? { watchContainer: watch } : {}),
        ...(file !== undefined ? { overridesFile: file } : {}),
        ...(taskDef !== undefined ? { taskDefinitionPath: taskDef } : {}),
        ...(waitUntil !== undefined ? { waitUntil: waitUntil as 'running' | 'stopped' } : {}),
        ...(clientToken !== undefined ? { clientToken } : {}),
      }),
    );
    if (host.mode === 'json') host.result('', r);
    if (r.status !== 'stopped') {
      if (host.mode === 'text') host.result(r.taskArns.join('\n'), r);
      return 0;
    }
    return r.exitCode ?? 1;
  },
};
