// `cortado status`: the service's deployments, tasks and recent events.
import type { StatusResult } from '../../deploy/status.js';
import { formatEvent } from '../../deploy/deployment-status.js';
import type { CliCommand } from '../command.js';
import { numberOption } from '../command.js';
import { shortenArns } from '../terminal/resource-name.js';
import { renderTable } from '../terminal/table.js';
import { terminalOf } from '../terminal/terminal-of.js';
import { withContext } from './deploy-options.js';

/** Deployments and tasks as tables fitted to the terminal; events as lines (whole, with short resource names). */
export function renderServiceStatus(s: StatusResult, width?: number): string {
  const fit = width ? { width } : {};
  const deployments =
    s.deployments.length === 0
      ? 'no deployments'
      : renderTable(
          ['DEPLOYMENT', 'STATUS', 'TASK DEFINITION', 'RUNNING', 'ROLLOUT'],
          s.deployments.map((d) => [
            d.id ?? '-',
            d.status ?? '-',
            d.taskDefinition,
            `${d.runningCount ?? 0}/${d.desiredCount ?? 0}${d.failedTasks ? `, ${d.failedTasks} failed` : ''}`,
            d.rolloutState ?? '-',
          ]),
          fit,
        );
  const tasks =
    s.tasks.length === 0
      ? 'no tasks'
      : renderTable(
          ['TASK', 'TASK DEFINITION', 'STATUS', 'HEALTH'],
          s.tasks.map((t) => [t.taskId, t.taskDefinition, t.lastStatus ?? '?', t.healthStatus ?? '-']),
          fit,
        );
  return [
    `service ${s.service} (cluster ${s.cluster}): ${s.status ?? '?'}, task definition ${s.taskDefinition}`,
    `tasks: ${s.runningCount ?? 0} running, ${s.pendingCount ?? 0} pending, ${s.desiredCount ?? 0} desired`,
    ...(s.express
      ? [
          `Express service: ${s.express.statusCode ?? '?'}${s.express.endpoint ? `, ${s.express.endpoint}` : ''}${s.express.activeConfigurations > 1 ? `, ${s.express.activeConfigurations} active configurations (deploying)` : ''}`,
        ]
      : []),
    '',
    deployments,
    '',
    tasks,
    '',
    'events:',
    ...(s.events.length ? s.events.map((e) => `  ${shortenArns(formatEvent(e))}`) : ['  (none)']),
  ].join('\n');
}

export const statusCommand: CliCommand = {
  usage: 'cortado status [--events N]',
  options: { events: { type: 'string' } },
  help: `Options:
  --events N   how many recent service events to show (default 10)

Examples:
  cortado status
  cortado status --events 30
  cortado status --output json | jq -r .taskDefinition`,
  async run(args, host) {
    const events = numberOption(args, 'events', { min: 0, max: 100, integer: true });
    const { status } = await import('../../deploy/status.js');
    const r = await withContext(args, host, (ctx) => status(ctx, events !== undefined ? { events } : {}));
    host.result(renderServiceStatus(r, terminalOf(host).width), r);
    return 0;
  },
};
