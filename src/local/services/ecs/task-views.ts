// Task and container records in DescribeTasks/RunTask's output shape (Dates for timestamps).
import type { ArnScope } from './ecs-names.js';
import { clusterArn } from './ecs-names.js';
import type { ContainerRecord, Json, TaskRecord } from './ecs-state.js';
import { tagsView } from './ecs-tags.js';

const date = (ms: number | undefined): Date | undefined => (ms === undefined ? undefined : new Date(ms));

/** Drops undefined members so the JSON carries only what AWS would send. */
export const compact = <T extends Record<string, unknown>>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

const privateDnsName = (region: string, ip: string): string =>
  `ip-${ip.replaceAll('.', '-')}.${region === 'us-east-1' ? 'ec2.internal' : `${region}.compute.internal`}`;

export const isAwsvpc = (task: TaskRecord): boolean => task.networkConfiguration !== undefined;

function containerView(task: TaskRecord, c: ContainerRecord): Json {
  const awsvpc = isAwsvpc(task);
  return compact({
    containerArn: c.arn,
    taskArn: task.arn,
    name: c.name,
    image: c.image,
    runtimeId: c.runtimeId,
    lastStatus: c.lastStatus,
    exitCode: c.exitCode,
    reason: c.reason,
    networkBindings: awsvpc
      ? []
      : c.ports.map((p) => ({ bindIP: task.ip, containerPort: p.containerPort, hostPort: p.containerPort, protocol: p.protocol })),
    networkInterfaces: awsvpc ? [{ attachmentId: task.eni.attachmentId, privateIpv4Address: task.ip }] : [],
    healthStatus: c.healthStatus,
    cpu: c.cpu === undefined ? undefined : String(c.cpu),
    memory: c.memory === undefined ? undefined : String(c.memory),
    memoryReservation: c.memoryReservation === undefined ? undefined : String(c.memoryReservation),
  });
}

function attachments(scope: ArnScope, task: TaskRecord): Json[] {
  if (!isAwsvpc(task)) return [];
  return [
    {
      id: task.eni.attachmentId,
      type: 'ElasticNetworkInterface',
      status: task.attachmentStatus,
      details: [
        { name: 'subnetId', value: task.eni.subnetId },
        { name: 'networkInterfaceId', value: task.eni.networkInterfaceId },
        { name: 'macAddress', value: task.eni.macAddress },
        { name: 'privateDnsName', value: privateDnsName(scope.region, task.ip) },
        { name: 'privateIPv4Address', value: task.ip },
      ],
    },
  ];
}

export function taskView(scope: ArnScope, task: TaskRecord, withTags: boolean): Json {
  const fargate = task.launchType === 'FARGATE';
  return compact({
    attachments: attachments(scope, task),
    attributes: [{ name: 'ecs.cpu-architecture', value: 'x86_64' }],
    availabilityZone: `${scope.region}a`,
    capacityProviderName: task.capacityProviderName,
    clusterArn: clusterArn(scope, task.clusterName),
    connectivity: task.connectivityAt === undefined ? undefined : 'CONNECTED',
    containerInstanceArn: task.containerInstanceArn,
    connectivityAt: date(task.connectivityAt),
    containers: task.containers.map((c) => containerView(task, c)),
    cpu: task.cpu,
    memory: task.memory,
    createdAt: new Date(task.createdAt),
    desiredStatus: task.desiredStatus,
    enableExecuteCommand: task.enableExecuteCommand,
    ephemeralStorage: fargate ? { sizeInGiB: 20 } : undefined,
    executionStoppedAt: date(task.executionStoppedAt),
    group: task.group,
    healthStatus: task.healthStatus,
    lastStatus: task.lastStatus,
    launchType: task.launchType,
    overrides: task.overrides,
    platformVersion: task.platformVersion,
    platformFamily: fargate ? 'Linux' : undefined,
    pullStartedAt: date(task.pullStartedAt),
    pullStoppedAt: date(task.pullStoppedAt),
    startedAt: date(task.startedAt),
    startedBy: task.startedBy,
    stopCode: task.stopCode,
    stoppedAt: date(task.stoppedAt),
    stoppedReason: task.stoppedReason,
    stoppingAt: date(task.stoppingAt),
    tags: withTags ? tagsView(task.tags) : undefined,
    taskArn: task.arn,
    taskDefinitionArn: task.taskDefinitionArn,
    version: task.version,
  });
}
