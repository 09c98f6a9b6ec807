// The deploy engine's context: the session (config, seams, host, clock, signal) plus the definitions it renders once.
import type { AwsClients } from '../aws/aws-clients.js';
import { UsageError } from '../core/errors.js';
import type { Clock } from '../core/clock.js';
import { type IoHost, msg } from '../core/io-host.js';
import type { DeployConfig } from '../config/config-types.js';
import { definitionInputs } from '../config/renderer.js';
import { renderFile } from '../config/render-file.js';
import {
  type ExpressServiceDefinition,
  loadExpressServiceDefinition,
  loadServiceDefinition,
  loadTaskDefinition,
  type ServiceDefinition,
  type TaskDefinitionInput,
} from '../config/definitions.js';
import type { LoadedConfig } from '../config/load-config.js';
import type { Session } from '../session/index.js';
import { pluginServices } from './plugin-services.js';

/** What `init` needs before any config exists: where messages go, cancellation, and (in tests) fake seams. */
export interface Runtime {
  readonly host: IoHost;
  readonly clock?: Clock;
  readonly signal?: AbortSignal;
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
  /** The Express service definition (express_service_definition), or undefined when the config names none. */
  expressDefinition(): Promise<ExpressServiceDefinition | undefined>;
  /** The service name, or a UsageError when the config has none. */
  serviceName(): string;
  /** Another task definition file (run --task-def), rendered with the same functions and plugins. */
  taskDefinitionFrom(path: string): Promise<TaskDefinitionInput>;
  /** Any JSON/YAML/Jsonnet file rendered as a template with the same functions (run --overrides-file). */
  renderFile(path: string, what: string): Promise<unknown>;
}

/** The task definition file a deploy command needs; configs for canary releases or previews alone may have none. */
export function taskDefinitionPathOf(config: DeployConfig): string {
  if (!config.taskDefinitionPath) {
    throw new UsageError(
      'BAD_CONFIG',
      `${config.path}: field "task_definition": is required by this command (the task definition file, e.g. ecs-task-def.json)`,
      'add task_definition: <file> to the config',
    );
  }
  return config.taskDefinitionPath;
}

/** The deploy engine's view of a session: the definitions rendered once, on the session's seams and plugins. */
export function openDeployContext(session: Session): DeployContext {
  const { loaded, config, aws, io } = session;
  const inputs = definitionInputs(loaded, pluginServices(aws, session.signal));
  let td: Promise<TaskDefinitionInput> | undefined;
  let sd: Promise<ServiceDefinition | undefined> | undefined;
  let xd: Promise<ExpressServiceDefinition | undefined> | undefined;
  const warn = (ws: readonly string[]) => {
    for (const w of ws) io.notify(msg('warn', 'DEFINITION_WARNING', w));
  };
  return {
    loaded,
    config,
    aws,
    host: io,
    clock: session.clock,
    signal: session.signal,
    timeoutMs: session.timeoutMs,
    pollIntervalMs: session.pollIntervalMs,
    taskDefinition: () =>
      (td ??= loadTaskDefinition(taskDefinitionPathOf(config), inputs).then((l) => {
        warn(l.warnings);
        return l.value;
      })),
    serviceDefinition: () =>
      (sd ??= config.serviceDefinitionPath
        ? loadServiceDefinition(config.serviceDefinitionPath, inputs).then((l) => {
            warn(l.warnings);
            return l.value;
          })
        : Promise.resolve(undefined)),
    expressDefinition: () =>
      (xd ??= config.expressServiceDefinitionPath
        ? loadExpressServiceDefinition(config.expressServiceDefinitionPath, inputs).then((l) => {
            warn(l.warnings);
            return l.value;
          })
        : Promise.resolve(undefined)),
    taskDefinitionFrom: (path) =>
      loadTaskDefinition(path, inputs).then((l) => {
        warn(l.warnings);
        return l.value;
      }),
    renderFile: (path, what) => renderFile(path, what, inputs),
    serviceName() {
      if (!config.service)
        throw new UsageError(
          'NO_SERVICE',
          `${config.path}: "service" is not set; this command works on a service`,
          'add service: <name> to the config',
        );
      return config.service;
    },
  };
}
