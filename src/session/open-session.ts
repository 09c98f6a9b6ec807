// Opens the one session a command or request works in: config loaded once, AWS seams built lazily from it, sections parsed once.
import { systemClock } from '../core/clock.js';
import { msg } from '../core/io-host.js';
import { version } from '../core/version.js';
import { loadConfig } from '../config/load-config.js';
import { sessionClients } from './session-clients.js';
import type { ConfigSection, Session, SessionOptions, SessionRuntime } from './session-types.js';

export const DEFAULT_POLL_INTERVAL_MS = 5_000;

export async function openSession(opts: SessionOptions, rt: SessionRuntime): Promise<Session> {
  const loaded = await loadConfig({
    cwd: opts.cwd,
    env: opts.env,
    version: version(),
    ...(opts.configPath ? { configPath: opts.configPath } : {}),
    ...(opts.envfiles ? { envfiles: opts.envfiles } : {}),
    ...(opts.extStr ? { extStr: opts.extStr } : {}),
    ...(opts.extCode ? { extCode: opts.extCode } : {}),
    ...(opts.strict ? { strict: true } : {}),
  });
  const { config } = loaded;
  for (const w of loaded.warnings) rt.io.notify(msg('warn', 'CONFIG_WARNING', w));
  const aws = rt.aws ?? sessionClients(opts, config, rt.observe);
  const parsed = new Map<ConfigSection<unknown>, unknown>();
  return {
    options: opts,
    io: rt.io,
    aws,
    loaded,
    config,
    clock: rt.clock ?? systemClock,
    signal: rt.signal ?? new AbortController().signal,
    timeoutMs: opts.timeoutMs ?? config.timeoutMs,
    pollIntervalMs: opts.pollIntervalMs ?? config.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS,
    section<T>(def: ConfigSection<T>): T | undefined {
      if (parsed.has(def as ConfigSection<unknown>)) return parsed.get(def as ConfigSection<unknown>) as T | undefined;
      const key = [def.key, ...(def.aliases ?? [])].find((k) => loaded.document[k] !== undefined);
      const value =
        key === undefined
          ? undefined
          : def.parse(loaded.document[key], {
              file: config.path,
              document: loaded.document,
              config,
              strict: opts.strict === true,
              warn: (message) => rt.io.notify(msg('warn', 'CONFIG_WARNING', message)),
            });
      parsed.set(def as ConfigSection<unknown>, value);
      return value;
    },
    close: () => aws.close?.(),
  };
}
