// What the deploy commands share beyond the shared flags (cli/shared-flags.ts): wait options, flags, the context they open.
import type { IoMessage } from '../../core/io-host.js';
import { readDurationOption } from '../../config/duration.js';
import type { DeployContext } from '../../deploy/deploy-context.js';
import { parseWaitUntil, type WaitUntil } from '../../deploy/wait-until.js';
import { withSession } from '../session-host.js';
import type { ParsedArgs } from '../command.js';
import { stringOption } from '../command.js';
import type { ConsoleHost } from '../console-host.js';
import { suggest } from '../../core/suggest.js';
import { UsageError } from '../../core/errors.js';
import { LIFECYCLE_EVENTS } from '../../deploy/codedeploy/codedeploy-watch.js';

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

// CodeDeploy blue/green services (ecspresso's flags): --rollback-events, --auto-rollback-disabled, --wait-until codedeploy:<event>.
export const ROLLBACK_EVENTS = ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM', 'DEPLOYMENT_STOP_ON_REQUEST'] as const;

export const CODEDEPLOY_HELP = `  --rollback-events E,...  CodeDeploy services: roll back on these events (${ROLLBACK_EVENTS.join(', ')})
  --auto-rollback-disabled CodeDeploy services: no automatic rollback for this deployment
  --wait-until codedeploy:EVENT  CodeDeploy services: return once lifecycle event EVENT succeeded
                           (${LIFECYCLE_EVENTS.join(', ')})`;

/** The lifecycle event of `--wait-until codedeploy:<event>`, or undefined for another --wait-until value. */
export function codeDeployWaitEvent(args: ParsedArgs): string | undefined {
  const v = stringOption(args, 'wait-until');
  if (!v?.startsWith('codedeploy:')) return undefined;
  const event = v.slice('codedeploy:'.length);
  if (!(LIFECYCLE_EVENTS as readonly string[]).includes(event)) {
    const near = suggest(event, LIFECYCLE_EVENTS);
    throw new UsageError(
      'BAD_OPTION',
      `--wait-until codedeploy:EVENT expects one of ${LIFECYCLE_EVENTS.join(', ')}, got ${JSON.stringify(event)}${near ? ` (did you mean ${near}?)` : ''}`,
    );
  }
  return event;
}

export function rollbackEventsOption(args: ParsedArgs): string[] | undefined {
  const v = stringOption(args, 'rollback-events');
  if (v === undefined) return undefined;
  const events = v
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  const bad = events.filter((e) => !(ROLLBACK_EVENTS as readonly string[]).includes(e));
  if (bad.length || !events.length)
    throw new UsageError(
      'BAD_OPTION',
      `--rollback-events expects a comma-separated list of ${ROLLBACK_EVENTS.join(', ')}, got ${JSON.stringify(v)}`,
    );
  return events;
}
