// One poll of the service: its counts (and its canary's), its running tasks' load from the source, summed; no decision here.
import type { Service } from '@aws-sdk/client-ecs';
import { UsageError } from '../core/errors.js';
import type { AutoscaleEcs } from './autoscale-aws.js';
import { isHttpSource, type AutoscaleSpec } from './autoscale-spec.js';
import type { createTaskDiscovery } from './task-discovery.js';
import { sumLoad, type LoadSource, type TaskLoad } from './sources/load-source.js';

export interface ServiceCounts {
  readonly name: string;
  readonly arn: string;
  readonly desired: number;
  readonly running: number;
  readonly pending: number;
  /** More than one deployment, or the primary still rolling out. */
  readonly deploying: boolean;
  readonly targetGroupArn?: string;
  readonly containerPort?: number;
}

export interface PollView {
  readonly at: number;
  readonly service: ServiceCounts;
  readonly canary?: ServiceCounts;
  readonly unit: string;
  readonly tasks: readonly TaskLoad[];
  readonly load: number | undefined;
  readonly missing: number;
  /** Why a service-wide source has no value this poll. */
  readonly sourceError?: string;
}

export function countsOf(s: Service): ServiceCounts {
  const primary = s.deployments?.find((d) => d.status === 'PRIMARY');
  const lb = s.loadBalancers?.find((l) => l.targetGroupArn) ?? s.loadBalancers?.[0];
  return {
    name: s.serviceName!,
    arn: s.serviceArn!,
    desired: s.desiredCount ?? 0,
    running: s.runningCount ?? 0,
    pending: s.pendingCount ?? 0,
    deploying: (s.deployments?.length ?? 0) > 1 || primary?.rolloutState === 'IN_PROGRESS',
    ...(lb?.targetGroupArn ? { targetGroupArn: lb.targetGroupArn } : {}),
    ...(lb?.containerPort !== undefined ? { containerPort: lb.containerPort } : {}),
  };
}

/** The scaled service and its canary (if configured) in one DescribeServices call. */
export async function describeScaled(
  ecs: Pick<AutoscaleEcs, 'describeServices'>,
  spec: Pick<AutoscaleSpec, 'cluster' | 'service' | 'canaryService'>,
  signal: AbortSignal,
): Promise<{ service: ServiceCounts; canary?: ServiceCounts }> {
  const names = [spec.service, ...(spec.canaryService ? [spec.canaryService] : [])];
  const out = await ecs.describeServices({ cluster: spec.cluster, services: names }, signal);
  const find = (n: string) => out.services?.find((s) => s.serviceName === n && s.status === 'ACTIVE');
  const svc = find(spec.service);
  if (!svc)
    throw new UsageError(
      'AUTOSCALE_SERVICE_NOT_FOUND',
      `service ${spec.service} was not found (or is not ACTIVE) in cluster ${spec.cluster}`,
      'check autoscale.service (or service:) and cluster: in the config',
    );
  const canary = spec.canaryService ? find(spec.canaryService) : undefined;
  return { service: countsOf(svc), ...(canary ? { canary: countsOf(canary) } : {}) };
}

export interface ObserveDeps {
  readonly ecs: Pick<AutoscaleEcs, 'describeServices'>;
  readonly discovery: ReturnType<typeof createTaskDiscovery>;
  readonly source: LoadSource;
  readonly now: () => number;
}

export async function observe(spec: AutoscaleSpec, deps: ObserveDeps, signal: AbortSignal): Promise<PollView> {
  const { service, canary } = await describeScaled(deps.ecs, spec, signal);
  const http = isHttpSource(spec.source) ? spec.source : undefined;
  const port = http ? (http.port ?? service.containerPort) : undefined;
  const [mine, theirs] = await Promise.all([
    deps.discovery.running(service.name, port, signal),
    canary ? deps.discovery.running(canary.name, http ? (http.port ?? canary.containerPort) : undefined, signal) : [],
  ]);
  const tasks = [...mine, ...theirs];
  const reading = await deps.source.read(tasks, signal);
  const { load, missing } = sumLoad(reading, tasks.length);
  return {
    at: deps.now(),
    service,
    ...(canary ? { canary } : {}),
    unit: deps.source.unit,
    tasks: reading.tasks,
    load,
    missing,
    ...(reading.error ? { sourceError: reading.error } : {}),
  };
}
