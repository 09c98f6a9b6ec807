// `init`: writes a config and definitions from a running service (read-only fields stripped), so `diff` starts empty.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative } from 'node:path';
import type { AwsClients } from '../aws/aws-clients.js';
import { sessionClients } from '../session/session-clients.js';
import { UsageError } from '../core/errors.js';
import { msg } from '../core/io-host.js';
import { formatDuration } from '../config/duration.js';
import { DEFAULT_TIMEOUT_MS } from '../config/config-types.js';
import type { Runtime } from './deploy-context.js';
import { serviceAsDefinition } from './normalize-service-definition.js';
import { taskDefinitionAsInput } from './normalize-task-definition.js';
import { prune } from '../diff/prune.js';

export type DefinitionFormat = 'json' | 'yaml' | 'jsonnet';

export interface InitOptions {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly service: string;
  readonly cluster?: string;
  readonly region?: string;
  readonly profile?: string;
  readonly assumeRoleArn?: string;
  readonly endpoint?: string;
  readonly configPath?: string;
  readonly taskDefinitionPath?: string;
  readonly serviceDefinitionPath?: string;
  readonly format?: DefinitionFormat;
  readonly forceOverwrite?: boolean;
}

export interface InitResult {
  readonly files: readonly string[];
  readonly taskDefinition: string;
}

const EXT: Readonly<Record<DefinitionFormat, string>> = { json: 'json', yaml: 'yml', jsonnet: 'jsonnet' };

async function serialize(value: unknown, format: DefinitionFormat): Promise<string> {
  if (format === 'yaml') return (await import('yaml')).stringify(value);
  return `${JSON.stringify(value, null, 2)}\n`;
}

export async function init(o: InitOptions, rt: Runtime): Promise<InitResult> {
  const format = o.format ?? 'json';
  const abs = (p: string) => (isAbsolute(p) ? p : join(o.cwd, p));
  const configPath = abs(o.configPath ?? 'cortado.yml');
  const tdPath = abs(o.taskDefinitionPath ?? `ecs-task-def.${EXT[format]}`);
  const sdPath = abs(o.serviceDefinitionPath ?? `ecs-service-def.${EXT[format]}`);
  const files = [configPath, tdPath, sdPath];
  if (!o.forceOverwrite) {
    const existing = files.filter((f) => existsSync(f));
    if (existing.length)
      throw new UsageError('FILE_EXISTS', `init would overwrite ${existing.join(', ')}`, 'pass --force-overwrite, or choose other paths');
  }
  const cluster = o.cluster ?? 'default';
  const aws: AwsClients = rt.clients ?? sessionClients(o);
  const ecs = await aws.ecs();
  let svc;
  try {
    svc = (await ecs.describeServices({ cluster, services: [o.service], include: ['TAGS'] }, rt.signal)).services?.[0];
  } catch (e) {
    if ((e as { awsCode?: string }).awsCode === 'ClusterNotFoundException')
      throw new UsageError('CLUSTER_NOT_FOUND', `cluster ${cluster} not found`);
    throw e;
  }
  if (!svc || svc.status === 'INACTIVE') throw new UsageError('SERVICE_NOT_FOUND', `service ${o.service} not found in cluster ${cluster}`);
  const td = await ecs.describeTaskDefinition({ taskDefinition: svc.taskDefinition!, include: ['TAGS'] }, rt.signal);
  const taskDef = prune(taskDefinitionAsInput(td.taskDefinition!, td.tags));
  const serviceDef = prune(serviceAsDefinition(svc));
  const rel = (p: string) => relative(dirname(configPath), p) || p;
  const config = [
    ...(aws.settings.region ? [`region: ${aws.settings.region}`] : []),
    `cluster: ${cluster}`,
    `service: ${o.service}`,
    `service_definition: ${rel(sdPath)}`,
    `task_definition: ${rel(tdPath)}`,
    `timeout: ${formatDuration(DEFAULT_TIMEOUT_MS)}`,
  ].join('\n');
  for (const [path, text] of [
    [tdPath, await serialize(taskDef, format)],
    [sdPath, await serialize(serviceDef, format)],
    [configPath, `${config}\n`],
  ] as const) {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text);
    rt.host.notify(msg('info', 'FILE_WRITTEN', `wrote ${path}`));
  }
  return { files, taskDefinition: svc.taskDefinition! };
}
