// The flags every command family shares, and the SessionOptions they become: parsed once, by the host, for every command.
import { UsageError } from '../core/errors.js';
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

/** The host's own flags (how to print), accepted by every command, before or after its words. */
export const HOST_OPTIONS: OptionSpec = {
  output: { type: 'string', short: 'o' },
  'no-color': { type: 'boolean' },
  debug: { type: 'boolean' },
  verbose: { type: 'boolean', short: 'v' },
};

export type SharedFlag = keyof typeof SHARED_OPTIONS & string;

/**
 * Where a flag's value may also come from, in order (a flag on the command line beats them all): CORTADO_ + the flag in
 * upper snake case, then ecspresso's own variable where ecspresso reads one (kong tags in ecspresso's cli.go). Repeatable
 * flags split their variable: envfile on commas, ext-str/ext-code on semicolons (kong's map separator: Jsonnet code has commas).
 */
export const FLAG_ENV: Readonly<Record<string, readonly string[]>> = {
  config: ['CORTADO_CONFIG', 'ECSPRESSO_CONFIG'],
  envfile: ['CORTADO_ENVFILE', 'ECSPRESSO_ENVFILE'],
  'ext-str': ['CORTADO_EXT_STR', 'ECSPRESSO_EXT_STR'],
  'ext-code': ['CORTADO_EXT_CODE', 'ECSPRESSO_EXT_CODE'],
  region: ['CORTADO_REGION'],
  profile: ['CORTADO_PROFILE'],
  'assume-role-arn': ['CORTADO_ASSUME_ROLE_ARN', 'ECSPRESSO_ASSUME_ROLE_ARN'],
  'endpoint-url': ['CORTADO_ENDPOINT_URL'],
  timeout: ['CORTADO_TIMEOUT', 'ECSPRESSO_TIMEOUT'],
  'poll-interval': ['CORTADO_POLL_INTERVAL'],
  strict: ['CORTADO_STRICT'],
  output: ['CORTADO_OUTPUT'],
  'no-color': ['CORTADO_NO_COLOR'],
  debug: ['CORTADO_DEBUG', 'ECSPRESSO_DEBUG'],
  verbose: ['CORTADO_VERBOSE'],
};

const SEPARATOR: Readonly<Record<string, RegExp>> = { envfile: /,/, 'ext-str': /;/, 'ext-code': /;/ };
const TRUE = /^(1|true|yes|on)$/i;
const FALSE = /^(0|false|no|off|)$/i;

/** The shared and host flags the environment sets (names as the flags'), for the flags the command line left unset. */
export function flagsFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  accepted: readonly string[],
): Record<string, string | boolean | string[]> {
  const out: Record<string, string | boolean | string[]> = {};
  const spec: OptionSpec = { ...SHARED_OPTIONS, ...HOST_OPTIONS };
  for (const name of accepted) {
    const from = FLAG_ENV[name]?.find((v) => env[v] !== undefined);
    const raw = from === undefined ? undefined : env[from];
    if (from === undefined || raw === undefined) continue;
    const o = spec[name];
    if (o?.type === 'boolean') {
      if (!TRUE.test(raw) && !FALSE.test(raw))
        throw new UsageError('BAD_OPTION', `${from} expects true or false (1/0), got ${JSON.stringify(raw)}`);
      if (TRUE.test(raw)) out[name] = true;
    } else if (o?.multiple) {
      const parts = raw
        .split(SEPARATOR[name] ?? /,/)
        .map((x) => x.trim())
        .filter(Boolean);
      if (parts.length) out[name] = parts;
    } else if (raw !== '') {
      out[name] = raw;
    }
  }
  // ecspresso's colour switch is positive (ECSPRESSO_COLOR=false); NO_COLOR (no-color.org) is anyone's.
  if (
    accepted.includes('no-color') &&
    out['no-color'] === undefined &&
    ((env.NO_COLOR ?? '') !== '' || (env.ECSPRESSO_COLOR !== undefined && FALSE.test(env.ECSPRESSO_COLOR)))
  )
    out['no-color'] = true;
  return out;
}

function text(args: ParsedArgs, name: string): string | undefined {
  const v = args.values[name];
  return typeof v === 'string' ? v : undefined;
}

/** A repeatable flag's values, each also split as ecspresso's kong splits it (--envfile a,b; --ext-str k=v;k2=v2). */
function splitValues(raw: unknown, option: string): string[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  return (raw as string[]).flatMap((v) =>
    v
      .split(SEPARATOR[option] ?? /,/)
      .map((x) => x.trim())
      .filter(Boolean),
  );
}

function pairs(raw: unknown, option: string): Record<string, string> | undefined {
  return parseKeyValues(splitValues(raw, option), `--${option}`);
}

function duration(args: ParsedArgs, name: string): number | undefined {
  const raw = text(args, name);
  return raw === undefined ? undefined : readDurationOption(raw, `--${name}`);
}

/** The session options of a parsed command line (shared flags may stand before or after the subcommand). */
export function sessionOptionsFrom(args: ParsedArgs, env: Readonly<Record<string, string | undefined>>, cwd: string): SessionOptions {
  const envfiles = splitValues(args.values.envfile, 'envfile');
  const extStr = pairs(args.values['ext-str'], 'ext-str');
  const extCode = pairs(args.values['ext-code'], 'ext-code');
  const timeoutMs = duration(args, 'timeout');
  const pollIntervalMs = duration(args, 'poll-interval');
  const s = (n: string) => text(args, n);
  return {
    cwd,
    env,
    ...(s('config') ? { configPath: s('config')! } : {}),
    ...(envfiles?.length ? { envfiles } : {}),
    ...(extStr ? { extStr } : {}),
    ...(extCode ? { extCode } : {}),
    ...(s('region') ? { region: s('region')! } : {}),
    ...(s('profile') ? { profile: s('profile')! } : {}),
    ...(s('assume-role-arn') ? { assumeRoleArn: s('assume-role-arn')! } : {}),
    ...(s('endpoint-url') ? { endpoint: s('endpoint-url')! } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(pollIntervalMs !== undefined ? { pollIntervalMs } : {}),
    ...(args.values.strict === true ? { strict: true } : {}),
  };
}
