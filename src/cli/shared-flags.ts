// The flags every command family shares, and the SessionOptions they become: parsed once, by the host, for every command.
import { readDurationOption } from '../config/duration.js';
import { parseKeyValues } from '../config/key-value.js';
import type { SessionOptions } from '../session/session-types.js';
import type { OptionSpec, ParsedArgs } from './command.js';

export const SHARED_OPTIONS: OptionSpec = {
  config: { type: 'string', short: 'c' },
  envfile: { type: 'string', multiple: true },
  'ext-str': { type: 'string', multiple: true },
  'ext-code': { type: 'string', multiple: true },
  region: { type: 'string' },
  profile: { type: 'string' },
  'assume-role-arn': { type: 'string' },
  'endpoint-url': { type: 'string' },
  timeout: { type: 'string' },
  'poll-interval': { type: 'string' },
  strict: { type: 'boolean' },
};

function text(args: ParsedArgs, name: string): string | undefined {
  const v = args.values[name];
  return typeof v === 'string' ? v : undefined;
}

function pairs(raw: unknown, option: string): Record<string, string> | undefined {
  return parseKeyValues(Array.isArray(raw) ? (raw as string[]) : undefined, `--${option}`);
}

function duration(args: ParsedArgs, name: string): number | undefined {
  const raw = text(args, name);
  return raw === undefined ? undefined : readDurationOption(raw, `--${name}`);
}

/** The session options of a parsed command line (shared flags may stand before or after the subcommand). */
export function sessionOptionsFrom(args: ParsedArgs, env: Readonly<Record<string, string | undefined>>, cwd: string): SessionOptions {
  const envfiles = args.values.envfile as string[] | undefined;
  const extStr = pairs(args.values['ext-str'], 'ext-str');
  const extCode = pairs(args.values['ext-code'], 'ext-code');
  const timeoutMs = duration(args, 'timeout');
  const pollIntervalMs = duration(args, 'poll-interval');
  const s = (n: string) => text(args, n);
  return {
    cwd, env,
    ...(s('config') ? { configPath: s('config')! } : {}),
    ...(envfiles?.length ? { envfiles } : {}),
    ...(extStr ? { extStr } : {}), ...(extCode ? { extCode } : {}),
    ...(s('region') ? { region: s('region')! } : {}),
    ...(s('profile') ? { profile: s('profile')! } : {}),
    ...(s('assume-role-arn') ? { assumeRoleArn: s('assume-role-arn')! } : {}),
    ...(s('endpoint-url') ? { endpoint: s('endpoint-url')! } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(pollIntervalMs !== undefined ? { pollIntervalMs } : {}),
    ...(args.values.strict === true ? { strict: true } : {}),
  };
}
