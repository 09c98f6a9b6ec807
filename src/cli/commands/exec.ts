// `cortado exec`: a shell (or a command) in a running task through ECS Exec and the Session Manager plugin.
import { spawn } from 'node:child_process';
import type { CliCommand } from '../command.js';
import { stringOption } from '../command.js';
import { withContext } from './deploy-options.js';

export const execCommand: CliCommand = {
  usage: 'cortado exec [--command CMD] [--task ID] [--container NAME]',
  options: { command: { type: 'string' }, task: { type: 'string' }, container: { type: 'string' } },
  help: `The service needs enableExecuteCommand: true and its task role the ssmmessages permissions.

Options:
  --command CMD      what to run (default sh)
  --task ID          which task (default: the first running task of the service)
  --container NAME   which container (default: the first)

Examples:
  cortado exec
  cortado exec --command "bin/rails console" --container app`,
  async run(args, host) {
    const command = stringOption(args, 'command');
    const task = stringOption(args, 'task');
    const container = stringOption(args, 'container');
    const plan = await withContext(args, host, async (ctx) =>
      (await import('../../deploy/exec.js')).prepareExec(ctx, {
        path: process.env.PATH,
        ...(command ? { command } : {}),
        ...(task ? { taskId: task } : {}),
        ...(container ? { container } : {}),
      }),
    );
    return new Promise<number>((resolve) => {
      const child = spawn(plan.program, [...plan.args], { stdio: 'inherit' });
      child.on('exit', (code) => resolve(code ?? 1));
      child.on('error', () => resolve(1));
    });
  },
};
