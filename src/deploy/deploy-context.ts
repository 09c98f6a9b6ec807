// Opens what every command needs: the loaded config, lazily built AWS seams, rendered definitions, host, clock and signal.
import type { AwsClients } from '../aws/aws-clients.js';
import { createAwsClients } from '../aws/aws-clients.js';
import { UsageError } from '../core/errors.js';
import { type Clock, systemClock } from '../core/clock.js';
import { type IoHost, msg } from '../core/io-host.js';
import { version } from '../core/version.js';
import type { DeployConfig } from '../config/config-types.js';
import { definitionInputs } from '../config/renderer.js';
import { loadServiceDefinition, loadTaskDefinition, type ServiceDefinition, type TaskDefinitionInput } from '../config/definitions.js';
import { type LoadedConfig, loadConfig } from '../config/load-config.js';
import { pluginServices } from './plugin-services.js';

export const DEFAULT_POLL_INTERVAL_MS = 5_000;

/** What every command accepts: where the config is, how templates are fed, and AWS overrides. */
export interface CommonOptions {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly configPath?: string;
  readonly envfiles?: readonly string[];
  readonly extStr?: Readonly<Record<string, string>>;
  readonly extCode?: Readonly<Record<string, string>>;
  readonly region?: string;
  readonly profile?: string;
  readonly assumeRoleArn?: string;
  readonly endpoint?: string;
  readonly timeoutMs?: number;
  readonly pollIntervalMs?: number;
}

export interface Runtime {
  readonly host: IoHost;
  readonly clock?: Clock;
  readonly signal?: AbortSignal;
  /** Tests inject fake seams here; otherwise the SDK clients are built from the settings. */
  readonly clients?: AwsClients;
}

export interface DeployContext {
  readonly loaded: LoadedConfig;
  readonly config: DeployConfig;
  readonly aws: AwsClients;
  readonly host: IoHost;
  readonly clock: Clock;
  readonly signal: AbortSignal;
  readonly timeoutMs: number;
  readonly pollIntervalMs: number;
  /** Renders the task definition once (every later call returns the same value). */
  taskDefinition(): Promise<TaskDefinitionInput>;
  /** The service definition, or undefined when the config names none. */
  serviceDefinition(): Promise<ServiceDefinition | undefined>;
  /** The service name, or a UsageError when the config has none. */
  serviceName(): string;
}

export async function openContext(opts: CommonOptions, rt: Runtime): Promise<DeployContext> {
  const loaded = await loadConfig({
    cwd: opts.cwd, env: opts.env, version: version(),
    ...(opts.configPath ? { configPath: opts.configPath } : {}),
    ...(opts.envfiles ? { envfiles: opts.envfiles } : {}),
    ...(opts.extStr ? { extStr: opts.extStr } : {}),
    ...(opts.extCode ? { extCode: opts.extCode } : {}),
  });
  const { config } = loaded;
  for (const w of loaded.warnings) rt.host.notify(msg('warn', 'CONFIG_WARNING', w));
  const aws = rt.clients ?? createAwsClients({
    ...(opts.region ?? config.region ? { region: opts.region ?? config.region } : {}),
    ...(opts.profile ? { profile: opts.profile } : {}),
    ...(opts.assumeRoleArn ?? config.assumeRoleArn ? { assumeRoleArn: opts.assumeRoleArn ?? config.assumeRoleArn } : {}),
    ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
  }, opts.env);
  const inputs = definitionInputs(loaded, pluginServices(aws, rt.signal));
  let td: Promise<TaskDefinitionInput> | undefined;
  let sd: Promise<ServiceDefinition | undefined> | undefined;
  const warn = (ws: readonly string[]) => { for (const w of ws) rt.host.notify(msg('warn', 'DEFINITION_WARNING', w)); };
  return {
    loaded, config, aws, host: rt.host,
    clock: rt.clock ?? systemClock,
    signal: rt.signal ?? new AbortController().signal,
    timeoutMs: opts.timeoutMs ?? config.timeoutMs,
    pollIntervalMs: opts.pollIntervalMs ?? config.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS,
    taskDefinition: () => (td ??= loadTaskDefinition(config.taskDefinitionPath, inputs).then((l) => { warn(l.warnings); return l.value; })),
    serviceDefinition: () => (sd ??= config.serviceDefinitionPath
      ? loadServiceDefinition(config.serviceDefinitionPath, inputs).then((l) => { warn(l.warnings); return l.value; })
      : Promise.resolve(undefined)),
    serviceName() {
      if (!config.service) throw new UsageError('NO_SERVICE', `${config.path}: "service" is not set; this command works on a service`, 'add service: <name> to the config');
      return config.service;
    },
  };
}
