// `cortado exec`: a shell (or a command) in a running task, or a local port forwarded to it, through the Session Manager plugin.
import { spawn } from 'node:child_process';
import { UsageError } from '../../core/errors.js';
import type { CliCommand, ParsedArgs } from '../command.js';
import { numberOption, stringOption } from '../command.js';
import { withContext } from './deploy-options.js';

const PORT = { min: 0, max: 65535, integer: true } as const;

/** --port-forward and its ports, checked before any AWS call. */
function portForwardOf(args: ParsedArgs): { localPort: number; port: number; host?: string } | undefined {
  const port = numberOption(args, 'port', { ...PORT, min: 1 });
  const localPort = numberOption(args, 'local-port', PORT);
  const host = stringOption(args, 'host');
  if (args.values['port-forward'] !== true) {
    const stray = [port !== undefined && '--port', localPort !== undefined && '--local-port', host !== undefined && '--host'].filter(
      Boolean,
    );
    if (stray.length > 0)
      throw new UsageError('BAD_OPTION', `${stray.join(', ')} only go with --port-forward`, { field: String(stray[0]) });
    return undefined;
  }
  if (args.values.command !== undefined)
    throw new UsageError('BAD_OPTION', '--command and --port-forward do not go together: a forwarding session runs no command', {
      field: '--command',
    });
  if (port === undefined)
    throw new UsageError('BAD_OPTION', '--port-forward needs --port PORT: the port of the task (or of --host) to forward to', {
      field: '--port',
    });
  return { localPort: localPort ?? 0, port, ...(host !== undefined ? { host } : {}) };
}

export const execCommand: CliCommand = {
  usage: 'cortado exec [--id TASK] [--container NAME] [--command CMD | --port-forward --port PORT [--local-port N] [--host HOST]]',
  options: {
    command: { type: 'string' },
    id: { type: 'string' },
    task: { type: 'string' },
    container: { type: 'string' },
    'port-forward': { type: 'boolean' },
    port: { type: 'string' },
    'local-port': { type: 'string' },
    host: { type: 'string' },
  },
  help: `The service needs enableExecuteCommand: true and its task role the ssmmessages permissions; the Session Manager
plugin (session-manager-plugin) must be on PATH.

Options:
  --command CMD      what to run (default sh)
  --id TASK          which task, by id or ARN (default: the first running task of the service); --task is the same
  --container NAME   which container (default: the first)
  --port-forward     forward a local port to the task instead of running a command (SSM AWS-StartPortForwardingSession)
  --port PORT        with --port-forward: the port to reach, in the task or on --host
  --local-port N     with --port-forward: the local port (default 0: the plugin picks one and says which)
  --host HOST        with --port-forward: a host the task can reach, e.g. a database endpoint
                     (AWS-StartPortForwardingSessionToRemoteHost)

Examples:
  cortado exec
  cortado exec --command "bin/rails console" --container app
  cortado exec --port-forward --port 8080 --local-port 18080
  cortado exec --port-forward --host mydb.cluster-abc.us-east-1.rds.amazonaws.com --port 5432 --local-port 15432`,
  async run(args, host) {
    const command = stringOption(args, 'command');
    const id = stringOption(args, 'id');
    const task = stringOption(args, 'task');
    if (id !== undefined && task !== undefined && id !== task)
      throw new UsageError('BAD_OPTION', `--id ${id} and --task ${task} name different tasks: give one`, { field: '--id' });
    const taskId = id ?? task;
    const container = stringOption(args, 'container');
    const portForward = portForwardOf(args);
    const plan = await withContext(args, host, async (ctx) =>
      (await import('../../deploy/exec.js')).prepareExec(ctx, {
        path: process.env.PATH,
        ...(command ? { command } : {}),
        ...(taskId ? { taskId } : {}),
        ...(container ? { container } : {}),
        ...(portForward ? { portForward } : {}),
      }),
    );
    return new Promise<number>((resolve) => {
      const child = spawn(plan.program, [...plan.args], { stdio: 'inherit' });
      child.on('exit', (code) => resolve(code ?? 1));
      child.on('error', () => resolve(1));
    });
  },
};
