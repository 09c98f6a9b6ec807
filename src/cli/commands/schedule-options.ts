// What the `cortado schedule` commands share: the --schedules flag, opening the schedule library, the job argument, time formats.
import { UsageError } from '../../core/errors.js';
import { readDurationOption } from '../../config/duration.js';
import type { SchedulesDeps } from '../../schedules/schedules-deps.js';
import type { OptionSpec, ParsedArgs } from '../command.js';
import { stringOption } from '../command.js';
import type { ConsoleHost } from '../console-host.js';
import { withSession } from '../session-host.js';

export const SCHEDULES_OPTION: OptionSpec = { schedules: { type: 'string' } };
export const SCHEDULES_HELP = '  --schedules FILE     read the jobs from FILE (a schedules: mapping) instead of the config';

/** Opens the schedule library over the command's session (the jobs are parsed, and checked, before any AWS call). */
export async function withSchedules<T>(args: ParsedArgs, host: ConsoleHost, fn: (deps: SchedulesDeps) => Promise<T>): Promise<T> {
  return withSession(args, host, async (session) => {
    const { openSchedules } = await import('../../schedules/schedules-deps.js');
    return fn(await openSchedules(session, stringOption(args, 'schedules')));
  });
}

export function jobArgument(args: ParsedArgs, command: string): string {
  if (args.positionals.length !== 1)
    throw new UsageError(
      'BAD_ARGUMENTS',
      `cortado schedule ${command} expects one job name, got ${args.positionals.length}`,
      `see cortado schedule ${command} --help`,
    );
  return args.positionals[0]!;
}

export function optionalJob(args: ParsedArgs, command: string): string | undefined {
  if (args.positionals.length > 1)
    throw new UsageError(
      'BAD_ARGUMENTS',
      `cortado schedule ${command} takes at most one job name, got ${args.positionals.length}`,
      `see cortado schedule ${command} --help`,
    );
  return args.positionals[0];
}

export function sinceOption(args: ParsedArgs, fallbackMs: number): number {
  const raw = stringOption(args, 'since');
  return raw === undefined ? fallbackMs : readDurationOption(raw, '--since');
}

/** `2026-12-07 03:00 Asia/Tokyo` (the zone's wall clock), for tables. */
export function inZone(iso: string | undefined, timeZone: string): string {
  if (!iso) return '-';
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute} ${timeZone}`;
}

export const utc = (iso: string | undefined): string => (iso ? iso.replace(/\.\d+Z$/, 'Z').replace('T', ' ') : '-');
