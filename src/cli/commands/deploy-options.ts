// What the deploy commands share beyond the shared flags (cli/shared-flags.ts): wait options, flags, the context they open.
import type { IoMessage } from '../../core/io-host.js';
import { readDurationOption } from '../../config/duration.js';
import type { DeployContext } from '../../deploy/deploy-context.js';
import { parseWaitUntil, type WaitUntil } from '../../deploy/wait-until.js';
import { withSession } from '../session-host.js';
import type { ParsedArgs } from '../command.js';
import { stringOption } from '../command.js';
import type { ConsoleHost } from '../console-host.js';

export const WAIT_HELP = `  --no-wait                return once the change is requested
  --wait-until deployed|stable|paused|ecs:<STAGE>
                           deployed: the deployment succeeded; stable (default): old tasks gone too;
                           paused: a PAUSE lifecycle hook waits (go on with \`cortado continue\`);
                           ecs:<STAGE>: the deployment reached that lifecycle stage (e.g. ecs:BAKE_TIME)`;

export function durationOption(args: ParsedArgs, name: string): number | undefined {
  const raw = stringOption(args, name);
  return raw === undefined ? undefined : readDurationOption(raw, `--${name}`);
}

export function waitUntilOption(args: ParsedArgs): WaitUntil | undefined {
  const v = stringOption(args, 'wait-until');
  return v === undefined ? undefined : parseWaitUntil(v);
}

/** Opens the deploy context over the command's session (loading the engine lazily: `--help` and `--version` never pay for the SDK). */
export async function withContext<T>(args: ParsedArgs, host: ConsoleHost, fn: (ctx: DeployContext) => Promise<T>): Promise<T> {
  return withSession(args, host, async (session) => fn((await import('../../deploy/deploy-context.js')).openDeployContext(session)));
}

/** Sends some message codes (a task's output, log events) to stdout as plain lines in text mode. */
export function outputHost(host: ConsoleHost, codes: readonly string[]): ConsoleHost {
  if (host.mode !== 'text') return host;
  return {
    mode: host.mode,
    result: (t, d) => host.result(t, d),
    error: (e) => host.error(e),
    notify(m: IoMessage) {
      if (codes.includes(m.code)) process.stdout.write(`${m.message}\n`);
      else host.notify(m);
    },
  };
}

export const useColor = (): boolean => Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;

export function flag(args: ParsedArgs, name: string): boolean {
  return args.values[name] === true;
}
