// What a task needs before its containers start: resolved images, environments (with secrets), log streams; or why it cannot start.
import type { LogSink, SecretReader } from '../../env.js';
import type { ImageResolver, ProcessResolution } from '../../runtime/index.js';
import type { Json, TaskRecord } from './ecs-state.js';

export interface LogTarget {
  readonly group: string;
  readonly stream: string;
}

export interface PreparedContainer {
  readonly name: string;
  readonly image: string;
  readonly command?: readonly string[];
  readonly entryPoint?: readonly string[];
  readonly workingDirectory?: string;
  readonly environment: Readonly<Record<string, string>>;
  readonly ports: readonly number[];
  readonly essential: boolean;
  readonly healthCheck?: Json;
  readonly stopTimeoutS: number;
  readonly log?: LogTarget;
  readonly resolution: ProcessResolution;
}

export type Preparation =
  | { readonly kind: 'ok'; readonly containers: readonly PreparedContainer[] }
  | { readonly kind: 'error'; readonly reason: string; readonly container?: string };

export interface PrepareDeps {
  readonly secrets?: SecretReader;
  readonly logs?: LogSink;
  readonly resolver: ImageResolver;
  readonly region: string;
  readonly metadataUri: (runtimeId: string) => string;
}

/** StopTask's default grace before SIGKILL [API:ECS StopTask]. */
export const DEFAULT_STOP_TIMEOUT_S = 30;

const pairs = (list: unknown): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const kv of Array.isArray(list) ? (list as Json[]) : []) if (typeof kv.name === 'string') out[kv.name] = String(kv.value ?? '');
  return out;
};

const secretSource = (valueFrom: string): string => (valueFrom.includes(':secretsmanager:') ? 'asm' : 'ssm');

function resolveSecrets(
  def: Json,
  secrets: SecretReader | undefined,
): { readonly env: Record<string, string> } | { readonly error: string } {
  const env: Record<string, string> = {};
  for (const s of Array.isArray(def.secrets) ? (def.secrets as Json[]) : []) {
    const valueFrom = String(s.valueFrom);
    const result = secrets?.resolve(valueFrom) ?? { kind: 'error' as const, reason: `no secret store answers ${valueFrom}` };
    if (result.kind === 'error') {
      return {
        error: `ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from ${secretSource(valueFrom)}: ${result.reason}`,
      };
    }
    env[String(s.name)] = result.value;
  }
  return { env };
}

function logTarget(
  def: Json,
  task: TaskRecord,
  runtimeId: string,
  logs: LogSink | undefined,
): { readonly log?: LogTarget } | { readonly error: string } {
  const cfg = def.logConfiguration as Json | undefined;
  if (cfg?.logDriver !== 'awslogs') return {};
  const options = (cfg.options as Record<string, string> | undefined) ?? {};
  const group = options['awslogs-group'];
  if (group === undefined || group === '') {
    return {
      error:
        'ResourceInitializationError: failed to validate logger args: awslogs-group is required for the awslogs log driver : exit status 1',
    };
  }
  const prefix = options['awslogs-stream-prefix'];
  const stream = prefix ? `${prefix}/${String(def.name)}/${task.id}` : runtimeId;
  if (!logs) return { log: { group, stream } };
  if (!logs.groupExists(group)) {
    if (options['awslogs-create-group'] !== 'true') {
      return {
        error:
          'ResourceInitializationError: failed to validate logger args: create stream has been retried 1 times: failed to create Cloudwatch log stream: ResourceNotFoundException: The specified log group does not exist. : exit status 1',
      };
    }
    logs.createGroup(group);
  }
  return { log: { group, stream } };
}

/** The task definition's containers, with container overrides applied, resolved as far as they can be. */
export function prepareTask(task: TaskRecord, td: Json, deps: PrepareDeps): Preparation {
  const overrides = Array.isArray(task.overrides.containerOverrides) ? (task.overrides.containerOverrides as Json[]) : [];
  const defs = Array.isArray(td.containerDefinitions) ? (td.containerDefinitions as Json[]) : [];
  const out: PreparedContainer[] = [];
  for (const def of defs) {
    const name = String(def.name);
    const record = task.containers.find((c) => c.name === name);
    const runtimeId = record?.runtimeId ?? task.id;
    const override = overrides.find((o) => o.name === name) ?? {};
    const secrets = resolveSecrets(def, deps.secrets);
    if ('error' in secrets) return { kind: 'error', reason: secrets.error, container: name };
    const log = logTarget(def, task, runtimeId, deps.logs);
    if ('error' in log) return { kind: 'error', reason: log.error, container: name };
    const environment = {
      ...pairs(def.environment),
      ...pairs(override.environment),
      ...secrets.env,
      AWS_REGION: deps.region,
      AWS_DEFAULT_REGION: deps.region,
      AWS_EXECUTION_ENV: task.launchType === 'FARGATE' ? 'AWS_ECS_FARGATE' : 'AWS_ECS_EC2',
      ECS_CONTAINER_METADATA_URI_V4: deps.metadataUri(runtimeId),
      ECS_CONTAINER_METADATA_URI: deps.metadataUri(runtimeId),
    };
    const command = (override.command as string[] | undefined) ?? (def.command as string[] | undefined);
    const entryPoint = def.entryPoint as string[] | undefined;
    const workingDirectory = def.workingDirectory as string | undefined;
    const ports = (Array.isArray(def.portMappings) ? (def.portMappings as Json[]) : [])
      .map((p) => p.containerPort)
      .filter((p): p is number => typeof p === 'number');
    const resolution = deps.resolver.resolve({
      taskId: task.id,
      containerName: name,
      image: String(def.image),
      environment,
      host: task.ip,
      ports,
      ...(command ? { command } : {}),
      ...(entryPoint ? { entryPoint } : {}),
      ...(workingDirectory ? { workingDirectory } : {}),
    });
    if (resolution.kind === 'not-found') return { kind: 'error', reason: resolution.reason, container: name };
    out.push({
      name,
      image: String(def.image),
      environment,
      ports,
      resolution,
      essential: def.essential !== false,
      stopTimeoutS: typeof def.stopTimeout === 'number' ? def.stopTimeout : DEFAULT_STOP_TIMEOUT_S,
      ...(command ? { command } : {}),
      ...(entryPoint ? { entryPoint } : {}),
      ...(workingDirectory ? { workingDirectory } : {}),
      ...(def.healthCheck ? { healthCheck: def.healthCheck as Json } : {}),
      ...(log.log ? { log: log.log } : {}),
    });
  }
  return { kind: 'ok', containers: out };
}
