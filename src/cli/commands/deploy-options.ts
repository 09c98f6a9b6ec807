// Options every deploy command shares (--config, --envfile, --ext-str, AWS overrides, waits) and the context they open.
import { UsageError } from '../../core/errors.js';
import type { IoMessage } from '../../core/io-host.js';
import { parseDuration } from '../../config/duration.js';
import type { CommonOptions, DeployContext } from '../../deploy/deploy-context.js';
import type { OptionSpec, ParsedArgs } from '../command.js';
import { stringOption } from '../command.js';
import type { ConsoleHost } from '../console-host.js';

export const COMMON_OPTIONS: OptionSpec = {
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
};

export const COMMON_HELP = `Common options:
  -c, --config FILE        config file (default: cortado.yml|yaml|json|jsonnet, else ecspresso.yml|... in this directory)
  --envfile FILE           read KEY=value lines into the environment templates see (repeatable)
  --ext-str K=V            Jsonnet external string variable (repeatable)
  --ext-code K=CODE        Jsonnet external code variable (repeatable)
  --region R               AWS region (default: config "region", AWS_REGION)
  --profile NAME           AWS profile
  --assume-role-arn ARN    assume this role for every call (cross-account; config: assume_role_arn)
  --endpoint-url URL       AWS endpoint (default: AWS_ENDPOINT_URL), e.g. a cortado local sandbox
  --timeout DURATION       bound every wait (default: config "timeout", 10m)
  --poll-interval DURATION how often waits poll AWS (default 5s)`;

export const WAIT_HELP = `  --no-wait                return once the change is requested
  --wait-until deployed|stable  deployed: the deployment succeeded; stable (default): old tasks gone too`;

function pairs(raw: unknown, option: string): Record<string, string> | undefined {
  if (!Array.isArray(raw) || raw.length === 0) return undefined;
  const out: Record<string, string> = {};
  for (const p of raw as string[]) {
    const i = p.indexOf('=');
    if (i <= 0) throw new UsageError('BAD_OPTION', `--${option} expects NAME=VALUE, got ${JSON.stringify(p)}`);
    out[p.slice(0, i)] = p.slice(i + 1);
  }
  return out;
}

export function durationOption(args: ParsedArgs, name: string): number | undefined {
  const raw = stringOption(args, name);
  if (raw === undefined) return undefined;
  const ms = parseDuration(raw);
  if (ms === undefined || ms <= 0) throw new UsageError('BAD_OPTION', `--${name} expects a duration such as "90s", "10m" or "500ms", got ${JSON.stringify(raw)}`);
  return ms;
}

export function commonOptions(args: ParsedArgs): CommonOptions {
  const s = (n: string) => stringOption(args, n);
  const envfiles = args.values.envfile as string[] | undefined;
  const extStr = pairs(args.values['ext-str'], 'ext-str');
  const extCode = pairs(args.values['ext-code'], 'ext-code');
  const timeoutMs = durationOption(args, 'timeout');
  const pollIntervalMs = durationOption(args, 'poll-interval');
  return {
    cwd: process.cwd(), env: process.env,
    ...(s('config') ? { configPath: s('config')! } : {}),
    ...(envfiles?.length ? { envfiles } : {}),
    ...(extStr ? { extStr } : {}), ...(extCode ? { extCode } : {}),
    ...(s('region') ? { region: s('region')! } : {}),
    ...(s('profile') ? { profile: s('profile')! } : {}),
    ...(s('assume-role-arn') ? { assumeRoleArn: s('assume-role-arn')! } : {}),
    ...(s('endpoint-url') ? { endpoint: s('endpoint-url')! } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(pollIntervalMs !== undefined ? { pollIntervalMs } : {}),
  };
}

export function waitUntilOption(args: ParsedArgs): 'deployed' | 'stable' | undefined {
  const v = stringOption(args, 'wait-until');
  if (v === undefined) return undefined;
  if (v !== 'deployed' && v !== 'stable') throw new UsageError('BAD_OPTION', `--wait-until expects deployed or stable, got ${JSON.stringify(v)}`);
  return v;
}

import { withSignal } from '../command.js';

export { withSignal };

/** The SDK warns on every run under Node 20 (which cortado supports): keep the output ours unless the user asked for it. */
export function quietSdk(): void {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
}

/** Opens the deploy context (loading the engine lazily: `--help` and `--version` never pay for the SDK). */
export async function withContext<T>(args: ParsedArgs, host: ConsoleHost, fn: (ctx: DeployContext) => Promise<T>): Promise<T> {
  quietSdk();
  const opts = commonOptions(args);
  const { openContext } = await import('../../deploy/deploy-context.js');
  return withSignal(async (signal) => fn(await openContext(opts, { host, signal })));
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
