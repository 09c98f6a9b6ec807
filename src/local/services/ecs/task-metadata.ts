// The task metadata endpoint v4 (ECS_CONTAINER_METADATA_URI_V4), served under /_cortado/ecs/metadata/.
import type { ControlHandler } from '../../service.js';
import type { EcsContext } from './ecs-context.js';
import { taskDefinitionByArn } from './ecs-context.js';
import { clusterArn } from './ecs-names.js';
import type { ContainerRecord, Json, TaskRecord } from './ecs-state.js';
import { compact } from './task-views.js';

export const METADATA_PREFIX = 'ecs/metadata';

const iso = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString());

/** `<taskId>-<n>` (the container's runtime id, as Fargate's URI ends) or `<taskId>/<container>`. */
export function locate(ctx: EcsContext, rest: string): { task: TaskRecord; container: ContainerRecord; tail: string } | undefined {
  const parts = rest.split('/').filter((p) => p !== '');
  const [first = '', second] = parts;
  const runtime = /^([0-9a-f]{32})-\d+$/.exec(first);
  if (runtime) {
    const task = ctx.state.tasks[runtime[1]!];
    const container = task?.containers.find((c) => c.runtimeId === first);
    return task && container ? { task, container, tail: parts.slice(1).join('/') } : undefined;
  }
  const task = ctx.state.tasks[first];
  const container = task?.containers.find((c) => c.name === second);
  return task && container ? { task, container, tail: parts.slice(2).join('/') } : undefined;
}

function containerMetadata(ctx: EcsContext, task: TaskRecord, c: ContainerRecord): Json {
  const td = taskDefinitionByArn(ctx, task.taskDefinitionArn);
  const def = ((td?.body.containerDefinitions as Json[] | undefined) ?? []).find((d) => d.name === c.name);
  const log = def?.logConfiguration as Json | undefined;
  return compact({
    DockerId: c.runtimeId,
    Name: c.name,
    DockerName: `ecs-${td?.family ?? 'task'}-${td?.revision ?? 0}-${c.name}`,
    Image: c.image,
    ImageID: '',
    Labels: {
      'com.amazonaws.ecs.cluster': clusterArn(ctx.scope, task.clusterName),
      'com.amazonaws.ecs.container-name': c.name,
      'com.amazonaws.ecs.task-arn': task.arn,
      'com.amazonaws.ecs.task-definition-family': td?.family ?? '',
      'com.amazonaws.ecs.task-definition-version': String(td?.revision ?? ''),
    },
    DesiredStatus: task.desiredStatus === 'RUNNING' ? 'RUNNING' : 'STOPPED',
    KnownStatus: c.lastStatus,
    Limits: { CPU: c.cpu ?? 0, Memory: c.memory ?? c.memoryReservation ?? 0 },
    CreatedAt: iso(task.pullStoppedAt),
    StartedAt: iso(task.startedAt),
    ExitCode: c.exitCode,
    Type: 'NORMAL',
    ContainerARN: c.arn,
    LogDriver: log?.logDriver,
    LogOptions: log?.options,
    Health: c.healthStatus === 'UNKNOWN' ? undefined : { status: c.healthStatus },
    Networks: [
      {
        NetworkMode: task.networkConfiguration ? 'awsvpc' : String(td?.body.networkMode ?? 'bridge'),
        IPv4Addresses: [task.ip],
        AttachmentIndex: 0,
        MACAddress: task.eni.macAddress,
      },
    ],
  });
}

function taskMetadata(ctx: EcsContext, task: TaskRecord): Json {
  const td = taskDefinitionByArn(ctx, task.taskDefinitionArn);
  return compact({
    Cluster: clusterArn(ctx.scope, task.clusterName),
    TaskARN: task.arn,
    Family: td?.family,
    Revision: String(td?.revision ?? ''),
    DesiredStatus: task.desiredStatus,
    KnownStatus: task.lastStatus,
    Limits: compact({
      CPU: task.cpu === undefined ? undefined : Number(task.cpu) / 1024,
      Memory: task.memory === undefined ? undefined : Number(task.memory),
    }),
    PullStartedAt: iso(task.pullStartedAt),
    PullStoppedAt: iso(task.pullStoppedAt),
    AvailabilityZone: `${ctx.scope.region}a`,
    LaunchType: task.launchType,
    Containers: task.containers.map((c) => containerMetadata(ctx, task, c)),
    ServiceName: task.serviceName,
  });
}

export const metadataRoute =
  (ctx: EcsContext): ControlHandler =>
  (_req, rest) => {
    const found = locate(ctx, rest);
    if (!found) return { status: 404, body: { error: `no task container for metadata path ${rest}` } };
    if (found.tail === '') return { status: 200, body: containerMetadata(ctx, found.task, found.container) };
    if (found.tail === 'task') return { status: 200, body: taskMetadata(ctx, found.task) };
    return { status: 404, body: { error: `cortado local serves the container and /task metadata only, not /${found.tail}` } };
  };
