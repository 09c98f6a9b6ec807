// Reads what the jobs default to from AWS (the cluster ARN, the service's revision and network, each task definition) and checks it.
import type { ContainerOverride, Service, TaskDefinition, TaskOverride } from '@aws-sdk/client-ecs';
import { awsErrorCode } from '../aws/aws-call.js';
import { CortadoError, UsageError } from '../core/errors.js';
import { suggest } from '../config/shape/shape.js';
import type { ContainerChange, JobSpec } from './job-spec.js';
import type { ResolvedJob } from './schedule-input.js';
import type { SchedulesDeps } from './schedules-deps.js';

export interface Resolved {
  readonly jobs: readonly ResolvedJob[];
  readonly clusterArn: string;
  /** Every task definition the jobs run (for the role's policy: its task and execution roles). */
  readonly taskDefinitions: readonly TaskDefinition[];
}

async function clusterArnOf(deps: SchedulesDeps): Promise<string> {
  if (deps.cluster.startsWith('arn:')) return deps.cluster;
  const ecs = await deps.aws.ecs();
  const out = await ecs.describeClusters({ clusters: [deps.cluster] }, deps.signal);
  const c = out.clusters?.find((x) => x.status !== 'INACTIVE');
  if (!c?.clusterArn)
    throw new CortadoError('CLUSTER_NOT_FOUND', `cluster ${deps.cluster} does not exist`, {
      source: 'user',
      hint: 'check cluster: in the config',
    });
  return c.clusterArn;
}

async function serviceOf(deps: SchedulesDeps): Promise<Service> {
  const ecs = await deps.aws.ecs();
  const out = await ecs.describeServices({ cluster: deps.cluster, services: [deps.service!] }, deps.signal);
  const s = out.services?.find((x) => x.status !== 'INACTIVE');
  if (!s)
    throw new CortadoError(
      'SERVICE_NOT_FOUND',
      `service ${deps.service} does not exist in cluster ${deps.cluster}: jobs without task_definition run its revision`,
      {
        source: 'user',
        hint: 'deploy the service first, or give each job a task_definition',
      },
    );
  return s;
}

function jobError(
  deps: SchedulesDeps,
  job: JobSpec,
  field: string,
  message: string,
  code: 'SCHEDULE_TASK_DEFINITION' | 'SCHEDULE_NETWORK' | 'SCHEDULE_CONFIG',
) {
  const f = `schedules.jobs.${job.name}.${field}`;
  return new UsageError(code, `${deps.spec.file}: ${f}: ${message}`, { file: deps.spec.file, field: f });
}

function overridesFor(deps: SchedulesDeps, job: JobSpec, td: TaskDefinition): TaskOverride | undefined {
  const names = (td.containerDefinitions ?? []).map((c) => c.name!).filter(Boolean);
  const essential = td.containerDefinitions?.find((c) => c.essential !== false)?.name ?? names[0];
  const containerOverrides: ContainerOverride[] = Object.entries(job.containers)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, c]: [string, ContainerChange]) => {
      const container = name === '' ? essential : name;
      if (!container || !names.includes(container)) {
        const s = suggest(name, names);
        throw jobError(
          deps,
          job,
          name === job.mainContainer ? 'container' : `containers.${name}`,
          `no container ${JSON.stringify(name)} in ${td.family}:${td.revision}${s ? ` (did you mean "${s}"?)` : ''} (containers: ${names.join(', ')})`,
          'SCHEDULE_CONFIG',
        );
      }
      return {
        name: container,
        ...(c.command ? { command: [...c.command] } : {}),
        ...(c.environment
          ? {
              environment: Object.keys(c.environment)
                .sort()
                .map((k) => ({ name: k, value: c.environment![k]! })),
            }
          : {}),
        ...(c.cpu !== undefined ? { cpu: c.cpu } : {}),
        ...(c.memory !== undefined ? { memory: c.memory } : {}),
      };
    });
  const o: TaskOverride = {
    ...(containerOverrides.length ? { containerOverrides } : {}),
    ...(job.taskCpu ? { cpu: job.taskCpu } : {}),
    ...(job.taskMemory ? { memory: job.taskMemory } : {}),
  };
  return Object.keys(o).length ? o : undefined;
}

/** Reads and checks everything the jobs need; a missing task definition or network is bad input (exit 2), named by job and field. */
export async function resolveJobs(deps: SchedulesDeps, only?: readonly JobSpec[]): Promise<Resolved> {
  const jobs = only ?? deps.spec.jobs;
  const clusterArn = await clusterArnOf(deps);
  const needsService = jobs.some((j) => j.taskDefinition.kind === 'service' || j.network.kind === 'service');
  const service = needsService && deps.service ? await serviceOf(deps) : undefined;
  const ecs = await deps.aws.ecs();
  const described = new Map<string, Promise<TaskDefinition | undefined>>();
  const describe = (ref: string) => {
    let p = described.get(ref);
    if (!p) {
      p = ecs.describeTaskDefinition({ taskDefinition: ref }, deps.signal).then(
        (o) => (o.taskDefinition?.status === 'INACTIVE' ? undefined : o.taskDefinition),
        (e: unknown) => {
          if (awsErrorCode(e) === 'ClientException' || awsErrorCode(e) === 'InvalidParameterException') return undefined;
          throw e;
        },
      );
      described.set(ref, p);
    }
    return p;
  };
  const out: ResolvedJob[] = [];
  for (const job of jobs) {
    const ref = job.taskDefinition.kind === 'named' ? job.taskDefinition.ref : service?.taskDefinition;
    if (!ref)
      throw jobError(deps, job, 'task_definition', 'is required: the config names no service to take it from', 'SCHEDULE_TASK_DEFINITION');
    const td = await describe(ref);
    if (!td?.taskDefinitionArn)
      throw jobError(
        deps,
        job,
        'task_definition',
        `${ref} is not an ACTIVE task definition (register it first)`,
        'SCHEDULE_TASK_DEFINITION',
      );
    const net =
      job.network.kind === 'given'
        ? job.network
        : {
            ...(service?.networkConfiguration ? { networkConfiguration: service.networkConfiguration } : {}),
            ...(service?.launchType ? { launchType: service.launchType } : {}),
            ...(service?.capacityProviderStrategy?.length
              ? {
                  capacityProviderStrategy: service.capacityProviderStrategy.map((c) => ({
                    capacityProvider: c.capacityProvider!,
                    ...(c.weight !== undefined ? { weight: c.weight } : {}),
                    ...(c.base !== undefined ? { base: c.base } : {}),
                  })),
                }
              : {}),
            ...(service?.platformVersion ? { platformVersion: service.platformVersion } : {}),
          };
    if (td.networkMode === 'awsvpc' && !net.networkConfiguration?.awsvpcConfiguration)
      throw jobError(
        deps,
        job,
        'network_configuration',
        `${td.family}:${td.revision} uses the awsvpc network mode: give network_configuration.awsvpcConfiguration (subnets, securityGroups)${deps.service ? '' : ' or a service to take it from'}`,
        'SCHEDULE_NETWORK',
      );
    const overrides = overridesFor(deps, job, td);
    out.push({
      spec: job,
      clusterArn,
      taskDefinitionArn: td.taskDefinitionArn,
      ...(net.launchType ? { launchType: net.launchType } : {}),
      ...(net.capacityProviderStrategy?.length ? { capacityProviderStrategy: net.capacityProviderStrategy } : {}),
      ...(net.platformVersion ? { platformVersion: net.platformVersion } : {}),
      ...(net.networkConfiguration ? { networkConfiguration: net.networkConfiguration } : {}),
      ...(overrides ? { overrides } : {}),
    });
  }
  const tds = (await Promise.all([...described.values()])).filter((t): t is TaskDefinition => t !== undefined);
  return { jobs: out, clusterArn, taskDefinitions: tds };
}
