// `cortado tasks`: the task definition family's tasks; --find describes one, --stop stops one, --trace shows its life and logs.
import type { Task } from '@aws-sdk/client-ecs';
import type { TaskTrace, TasksRequest, TasksResult } from '../../deploy/tasks.js';
import { UsageError } from '../../core/errors.js';
import type { CliCommand } from '../command.js';
import { stringOption } from '../command.js';
import { renderTable } from '../terminal/table.js';
import { terminalOf } from '../terminal/terminal-of.js';
import { flag, withContext } from './deploy-options.js';

/** Pure: the request the flags ask for; two actions at once is bad input. */
export function tasksRequest(args: {
  readonly find: boolean;
  readonly stop: boolean;
  readonly trace: boolean;
  readonly force: boolean;
  readonly id?: string;
}): TasksRequest {
  const actions = (['find', 'stop', 'trace'] as const).filter((a) => args[a]);
  if (actions.length > 1) {
    throw new UsageError('BAD_OPTION', `--${actions.join(' and --')}: choose one`, 'e.g. cortado tasks --id ID --trace');
  }
  if (args.force && !args.stop) throw new UsageError('BAD_OPTION', '--force goes with --stop', 'cortado tasks --stop --id ID --force');
  const id = args.id !== undefined ? { id: args.id } : {};
  const kind = actions[0] ?? 'list';
  return kind === 'stop' ? { kind, force: args.force, ...id } : { kind, ...id };
}

const iso = (d: Date | undefined): string => (d ? d.toISOString() : '-');

function renderTrace(t: TaskTrace): string {
  return [
    `task ${t.task.taskId} (${t.task.taskDefinition}): ${t.task.lastStatus ?? '?'}`,
    ...t.timeline.map((e) => `  ${e.at.toISOString()}  ${e.what}`),
    ...t.containers.flatMap((c) => [
      `container ${c.name}${c.exitCode !== undefined ? `: exit code ${c.exitCode}` : ''}${c.reason ? ` (${c.reason})` : ''}`,
      ...(c.logs.length ? c.logs.map((l) => `  | ${l}`) : ['  (no log lines)']),
    ]),
  ].join('\n');
}

function renderResult(r: TasksResult, width: number | undefined): string {
  switch (r.kind) {
    case 'list':
      return r.tasks.length === 0
        ? 'no tasks'
        : renderTable(
            ['ID', 'TASK DEFINITION', 'LAST STATUS', 'DESIRED', 'HEALTH', 'CREATED', 'GROUP'],
            r.tasks.map((t) => [
              t.taskId,
              t.taskDefinition,
              t.lastStatus ?? '-',
              t.desiredStatus ?? '-',
              t.healthStatus ?? '-',
              iso(t.createdAt),
              t.group ?? '-',
            ]),
            width ? { width } : {},
          );
    case 'find':
      return JSON.stringify(r.task satisfies Task, null, 2);
    case 'stop':
      return `stopping ${r.task.taskId} (${r.task.taskDefinition})`;
    case 'trace':
      return renderTrace(r.trace);
  }
}

export const tasksCommand: CliCommand = {
  usage: 'cortado tasks [--id ID] [--find | --stop [--force] | --trace]',
  options: {
    id: { type: 'string' },
    find: { type: 'boolean' },
    stop: { type: 'boolean' },
    force: { type: 'boolean' },
    trace: { type: 'boolean' },
  },
  help: `Lists the tasks of the task definition family (running, and stopped ones ECS still keeps), newest first.
With --id or when only one task runs, --find describes it (DescribeTasks JSON), --stop stops it (needs --force:
cortado does not prompt) and --trace prints its lifecycle timestamps, its containers' exit codes and their last log
lines. Several tasks without --id is bad input naming them.

Options:
  --id ID      the task (its id or ARN)
  --find       describe the task
  --stop       stop the task (with --force)
  --force      confirm --stop
  --trace      the task's timeline, exit codes and last log lines

Examples:
  cortado tasks
  cortado tasks --id 0123456789abcdef --trace
  cortado tasks --id 0123456789abcdef --stop --force
  cortado tasks --output json | jq -r '.tasks[].taskId'`,
  async run(args, host) {
    const id = stringOption(args, 'id');
    const req = tasksRequest({
      find: flag(args, 'find'),
      stop: flag(args, 'stop'),
      trace: flag(args, 'trace'),
      force: flag(args, 'force'),
      ...(id !== undefined ? { id } : {}),
    });
    const r = await withContext(args, host, async (ctx) => (await import('../../deploy/tasks.js')).tasks(ctx, req));
    host.result(renderResult(r, terminalOf(host).width), r);
    return 0;
  },
};
