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
import { isExpressService } from './express-service.js';
import { describeExpressForInit } from './init-express.js';

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
  /** Where an Express service's definition goes (default ecs-express-def.<format>). */
  readonly expressDefinitionPath?: string;
  /** undefined: write an Express service's definition when the service is one; true: require it; false: write task/service definitions. */
  readonly express?: boolean;
}

export interface InitResult {
  readonly files: readonly string[];
  readonly taskDefinition: string;
  /** The service is an Express service and its Express service definition was written. */
  readonly express?: boolean;
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
  const xdPath = abs(o.expressDefinitionPath ?? `ecs-express-def.${EXT[format]}`);
  const refuseExisting = (files: readonly string[]) => {
    const existing = o.forceOverwrite ? [] : files.filter((f) => existsSync(f));
    if (existing.length)
      throw new UsageError('FILE_EXISTS', `init would overwrite ${existing.join(', ')}`, 'pass --force-overwrite, or choose other paths');
  };
  // Before any call, what is written in either case (the rest once the service says whether it is an Express service).
  refuseExisting(o.express === undefined ? [configPath] : o.express ? [configPath, xdPath] : [configPath, tdPath, sdPath]);
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
  const rel = (p: string) => relative(dirname(configPath), p) || p;
  const head = [...(aws.settings.region ? [`region: ${aws.settings.region}`] : []), `cluster: ${cluster}`, `service: ${o.service}`];
  const write = async (written: readonly (readonly [string, string])[]) => {
    for (const [path, text] of written) {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, text);
      rt.host.notify(msg('info', 'FILE_WRITTEN', `wrote ${path}`));
    }
  };
  if (isExpressService(svc) && o.express !== false) {
    refuseExisting([configPath, xdPath]);
    const xd = await describeExpressForInit(ecs, svc, rt.signal);
    // ECS rolls an Express service out as a canary with bake times: ecspresso's init doubles the timeout for it.
    const config = [...head, `express_definition: ${rel(xdPath)}`, `timeout: ${formatDuration(2 * DEFAULT_TIMEOUT_MS)}`];
    await write([
      [xdPath, await serialize(xd, format)],
      [configPath, `${config.join('\n')}\n`],
    ]);
    return { files: [configPath, xdPath], taskDefinition: svc.taskDefinition!, express: true };
  }
  if (o.express) throw new UsageError('BAD_OPTION', `service ${o.service} in cluster ${cluster} is not an Express service (--express)`);
  refuseExisting([configPath, tdPath, sdPath]);
  const files = [configPath, tdPath, sdPath];
  const td = await ecs.describeTaskDefinition({ taskDefinition: svc.taskDefinition!, include: ['TAGS'] }, rt.signal);
  const taskDef = prune(taskDefinitionAsInput(td.taskDefinition!, td.tags));
  const serviceDef = prune(serviceAsDefinition(svc));
  const config = [
    ...head,
    `service_definition: ${rel(sdPath)}`,
    `task_definition: ${rel(tdPath)}`,
    `timeout: ${formatDuration(DEFAULT_TIMEOUT_MS)}`,
  ].join('\n');
  await write([
    [tdPath, await serialize(taskDef, format)],
    [sdPath, await serialize(serviceDef, format)],
    [configPath, `${config}\n`],
  ]);
  return { files, taskDefinition: svc.taskDefinition! };
}
