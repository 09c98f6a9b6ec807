// Express Mode services (express_service_definition): deploy creates or updates them through Create/UpdateExpressGatewayService,
// diff compares the definition with the active configuration, delete and status know them, as ecspresso does.
import type { ECSExpressGatewayService, ExpressGatewayServiceConfiguration, Service, Tag } from '@aws-sdk/client-ecs';
import { UsageError } from '../core/errors.js';
import { msg } from '../core/io-host.js';
import type { ExpressServiceDefinition } from '../config/definitions.js';
import { type DefinitionDiff, diffDefinitions } from '../diff/definition-diff.js';
import type { Json as Canonical } from '../diff/prune.js';
import type { DeployContext } from './deploy-context.js';
import { findService, taskDefinitionName } from './service-lookup.js';

/** DescribeServices says which services ECS manages as Express services. */
export const isExpressService = (svc: Service | undefined): boolean => svc?.resourceManagementType === 'ECS';

/** The service, or undefined when it (or the `default` cluster, which CreateExpressGatewayService creates) does not exist. */
export async function findExpressTarget(ctx: DeployContext, name = ctx.serviceName()): Promise<Service | undefined> {
  try {
    return await findService(ctx, name);
  } catch (e) {
    if (e instanceof UsageError && e.code === 'CLUSTER_NOT_FOUND' && ctx.config.cluster === 'default') return undefined;
    throw e;
  }
}

/** The rendered definition, or a UsageError when the config names none. */
export async function requireExpressDefinition(ctx: DeployContext): Promise<ExpressServiceDefinition> {
  const xd = await ctx.expressDefinition();
  if (!xd)
    throw new UsageError(
      'BAD_CONFIG',
      `${ctx.config.path}: field "express_service_definition": is required for an Express service`,
      'add express_service_definition: <file> to the config',
    );
  return xd;
}

/** The Express service behind a described ECS service (its ARN is the service's). */
export async function describeExpress(ctx: DeployContext, svc: Service): Promise<ECSExpressGatewayService | undefined> {
  const ecs = await ctx.aws.ecs();
  const out = await ecs.describeExpressGatewayService({ serviceArn: svc.serviceArn!, include: ['TAGS'] }, ctx.signal);
  return out.service;
}

/** Pure: the configuration a deployment goes to (the newest of the active ones). */
export function targetConfiguration(x: ECSExpressGatewayService | undefined): ExpressGatewayServiceConfiguration | undefined {
  const all = [...(x?.activeConfigurations ?? [])];
  return all.sort((a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0))[0];
}

/** Pure: the service's public URL, from its configuration's ingress paths. */
export const expressEndpoint = (c: ExpressGatewayServiceConfiguration | undefined): string | undefined =>
  c?.ingressPaths?.find((p) => p.endpoint)?.endpoint;

type Json = Record<string, unknown>;

/** Pure: an Express service as the definition file would spell it (the fields CreateExpressGatewayService takes). */
export function expressAsDefinition(x: ECSExpressGatewayService): Json {
  const c = targetConfiguration(x) ?? {};
  return {
    infrastructureRoleArn: x.infrastructureRoleArn,
    executionRoleArn: c.executionRoleArn,
    taskRoleArn: c.taskRoleArn,
    taskDefinitionArn: c.taskDefinitionArn,
    cpu: c.cpu,
    memory: c.memory,
    cpuArchitecture: c.cpuArchitecture,
    healthCheckPath: c.healthCheckPath,
    networkConfiguration: c.networkConfiguration,
    primaryContainer: c.primaryContainer,
    scalingTarget: c.scalingTarget,
    tags: x.tags,
  };
}

/** Fields ECS fills in when the definition leaves them out (ecspresso ignores them in diff then; so does cortado). */
const DEFAULTED = ['cpu', 'memory', 'cpuArchitecture', 'healthCheckPath', 'networkConfiguration', 'scalingTarget', 'taskDefinitionArn'];
const DEFAULTED_IN_CONTAINER = ['containerPort', 'awsLogsConfiguration'];

const byName = (k: string) => (a: Json, b: Json) => String(a[k]).localeCompare(String(b[k]));

/** Pure: one side of the Express diff, canonical: defaults the local side leaves to ECS dropped, lists sorted, empties removed. */
export function normalizeExpress(def: Json, local: Json, ignoreTags: readonly string[]): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(def)) {
    if (v === undefined || v === null || k === 'serviceName' || k === 'cluster') continue;
    if (DEFAULTED.includes(k) && local[k] === undefined) continue;
    out[k] = v;
  }
  for (const k of ['networkConfiguration', 'scalingTarget']) {
    const v = out[k] as Json | undefined;
    const l = local[k] as Json | undefined;
    if (v && l) out[k] = Object.fromEntries(Object.entries(v).filter(([sub]) => l[sub] !== undefined));
  }
  const nc = out.networkConfiguration as Json | undefined;
  if (nc)
    out.networkConfiguration = Object.fromEntries(
      Object.entries(nc).map(([k, v]) => [k, Array.isArray(v) ? [...(v as string[])].sort() : v]),
    );
  const pc = out.primaryContainer as Json | undefined;
  const lpc = (local.primaryContainer as Json | undefined) ?? {};
  if (pc) {
    const c: Json = {};
    for (const [k, v] of Object.entries(pc)) {
      if (v === undefined || v === null || (DEFAULTED_IN_CONTAINER.includes(k) && lpc[k] === undefined)) continue;
      if (Array.isArray(v) && v.length === 0) continue;
      c[k] = k === 'environment' || k === 'secrets' ? [...(v as Json[])].sort(byName('name')) : v;
    }
    out.primaryContainer = c;
  }
  const tags = ((out.tags as Tag[] | undefined) ?? []).filter((t) => !ignoreTags.includes(t.key ?? ''));
  if (tags.length) out.tags = [...tags].sort((a, b) => String(a.key).localeCompare(String(b.key)));
  else delete out.tags;
  return out;
}

export interface ExpressDiff extends DefinitionDiff {
  readonly exists: boolean;
  readonly name: string;
  readonly taskDefinitionArn?: string;
}

/** The definition against the service's active configuration (an Express service that does not exist: everything is new). */
export async function diffExpress(ctx: DeployContext, svc?: Service | null): Promise<ExpressDiff> {
  const xd = (await requireExpressDefinition(ctx)) as unknown as Json;
  const name = ctx.serviceName();
  const found = svc === undefined ? await findExpressTarget(ctx, name) : (svc ?? undefined);
  const remote = found && isExpressService(found) ? await describeExpress(ctx, found) : undefined;
  const ignore = ctx.config.ignoreTags;
  const d = diffDefinitions(
    remote ? (normalizeExpress(expressAsDefinition(remote), xd, ignore) as Canonical) : undefined,
    normalizeExpress(xd, xd, ignore) as Canonical,
    found?.serviceArn ?? `(service ${name} does not exist)`,
    ctx.config.expressServiceDefinitionPath ?? '',
  );
  const tdArn = targetConfiguration(remote)?.taskDefinitionArn;
  return { ...d, exists: Boolean(remote), name, ...(tdArn ? { taskDefinitionArn: tdArn } : {}) };
}

/** Pure: the deploy options that do not apply to an Express service (ECS registers its task definitions and scales it). */
export function expressOptionProblem(o: {
  readonly skipTaskDefinition?: boolean;
  readonly revision?: number;
  readonly latestTaskDefinition?: boolean;
  readonly tasks?: number;
  readonly updateService?: boolean;
  readonly forceNewDeployment?: boolean;
  readonly suspendAutoScaling?: boolean;
  readonly resumeAutoScaling?: boolean;
  readonly autoScalingMin?: number;
  readonly autoScalingMax?: number;
}): string | undefined {
  const bad = [
    o.skipTaskDefinition && '--skip-task-definition',
    o.revision !== undefined && '--revision',
    o.latestTaskDefinition && '--latest-task-definition',
    o.tasks !== undefined && '--tasks',
    o.updateService === false && '--no-update-service',
    o.forceNewDeployment && '--force-new-deployment',
    o.suspendAutoScaling && '--suspend-auto-scaling',
    o.resumeAutoScaling && '--resume-auto-scaling',
    o.autoScalingMin !== undefined && '--auto-scaling-min',
    o.autoScalingMax !== undefined && '--auto-scaling-max',
  ].filter(Boolean);
  if (!bad.length) return undefined;
  return `${bad.join(', ')} ${bad.length === 1 ? 'does' : 'do'} not apply to an Express service: ECS registers its task definition from the Express service definition and scales it by its scalingTarget (change those in the file)`;
}

/** The Express service's state for `status`. */
export async function expressStatus(
  ctx: DeployContext,
  svc: Service,
): Promise<{
  readonly statusCode?: string;
  readonly endpoint?: string;
  readonly taskDefinition?: string;
  readonly activeConfigurations: number;
}> {
  const x = await describeExpress(ctx, svc);
  const c = targetConfiguration(x);
  const endpoint = expressEndpoint(c);
  return {
    ...(x?.status?.statusCode ? { statusCode: x.status.statusCode } : {}),
    ...(endpoint ? { endpoint } : {}),
    ...(c?.taskDefinitionArn ? { taskDefinition: taskDefinitionName(c.taskDefinitionArn) } : {}),
    activeConfigurations: x?.activeConfigurations?.length ?? 0,
  };
}

/** DeleteExpressGatewayService: ECS drains the service and removes the load balancing and scaling it made. */
export async function deleteExpress(ctx: DeployContext, svc: Service): Promise<void> {
  const ecs = await ctx.aws.ecs();
  await ecs.deleteExpressGatewayService({ serviceArn: svc.serviceArn! }, ctx.signal);
  ctx.host.notify(msg('info', 'SERVICE_DELETED', `deleted Express service ${svc.serviceName} (ECS removes its load balancer and scaling)`));
}
