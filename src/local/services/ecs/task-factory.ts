// Builds a new task record (PROVISIONING) from a task definition, for RunTask and for the service scheduler.
import { decimalId, hexId, uuid } from '../../ids.js';
import type { EcsContext } from './ecs-context.js';
import { containerArn, taskArn } from './ecs-names.js';
import type { ContainerRecord, Json, LoadBalancerRef, TagRecord, TaskDefinitionRecord, TaskRecord } from './ecs-state.js';

export interface NewTask {
  readonly cluster: string;
  readonly taskDefinition: TaskDefinitionRecord;
  readonly launchType: string;
  readonly platformVersion?: string;
  readonly networkConfiguration?: Json;
  readonly overrides: Json;
  readonly group: string;
  readonly startedBy?: string;
  readonly serviceName?: string;
  readonly deploymentId?: string;
  readonly loadBalancers: readonly LoadBalancerRef[];
  readonly tags: readonly TagRecord[];
  readonly enableExecuteCommand: boolean;
  readonly containerInstanceArn?: string;
  readonly capacityProviderName?: string;
}

/** Fargate's platform version when LATEST (or nothing) is asked for. */
export const FARGATE_LATEST = '1.4.0';

const mac = (): string => hexId(6).match(/../g)!.join(':');

function containers(ctx: EcsContext, cluster: string, id: string, td: TaskDefinitionRecord): ContainerRecord[] {
  const defs = (td.body.containerDefinitions as Json[] | undefined) ?? [];
  return defs.map((d) => {
    const ports = ((d.portMappings as Json[] | undefined) ?? [])
      .filter((p) => typeof p.containerPort === 'number')
      .map((p) => ({ containerPort: p.containerPort as number, protocol: String(p.protocol ?? 'tcp') }));
    return {
      name: String(d.name),
      arn: containerArn(ctx.scope, cluster, uuid()),
      image: String(d.image),
      runtimeId: `${id}-${decimalId(10)}`,
      lastStatus: 'PENDING',
      healthStatus: 'UNKNOWN',
      essential: d.essential !== false,
      ports,
      ...(typeof d.cpu === 'number' ? { cpu: d.cpu } : {}),
      ...(typeof d.memory === 'number' ? { memory: d.memory } : {}),
      ...(typeof d.memoryReservation === 'number' ? { memoryReservation: d.memoryReservation } : {}),
    };
  });
}

export function newTaskRecord(ctx: EcsContext, spec: NewTask, ip: string): TaskRecord {
  const id = hexId(16);
  const td = spec.taskDefinition;
  const subnets = ((spec.networkConfiguration?.awsvpcConfiguration as Json | undefined)?.subnets as string[] | undefined) ?? [];
  const cpu = (spec.overrides.cpu as string | undefined) ?? (td.body.cpu as string | undefined);
  const memory = (spec.overrides.memory as string | undefined) ?? (td.body.memory as string | undefined);
  const platformVersion =
    spec.launchType === 'FARGATE'
      ? spec.platformVersion === undefined || spec.platformVersion === 'LATEST'
        ? FARGATE_LATEST
        : spec.platformVersion
      : undefined;
  return {
    arn: taskArn(ctx.scope, spec.cluster, id),
    id,
    clusterName: spec.cluster,
    taskDefinitionArn: td.arn,
    launchType: spec.launchType,
    group: spec.group,
    overrides: spec.overrides,
    tags: [...spec.tags],
    enableExecuteCommand: spec.enableExecuteCommand,
    loadBalancers: spec.loadBalancers,
    containers: containers(ctx, spec.cluster, id, td),
    lastStatus: 'PROVISIONING',
    desiredStatus: 'RUNNING',
    healthStatus: 'UNKNOWN',
    createdAt: ctx.now(),
    version: 1,
    ip,
    attachmentStatus: 'PRECREATED',
    eni: {
      attachmentId: uuid(),
      networkInterfaceId: `eni-${hexId(9).slice(0, 17)}`,
      macAddress: mac(),
      subnetId: subnets[0] ?? 'subnet-local',
    },
    stamp: ctx.env.consistency.stamp(),
    ...(platformVersion ? { platformVersion } : {}),
    ...(cpu !== undefined ? { cpu } : {}),
    ...(memory !== undefined ? { memory } : {}),
    ...(spec.startedBy !== undefined ? { startedBy: spec.startedBy } : {}),
    ...(spec.serviceName !== undefined ? { serviceName: spec.serviceName } : {}),
    ...(spec.deploymentId !== undefined ? { deploymentId: spec.deploymentId } : {}),
    ...(spec.networkConfiguration !== undefined ? { networkConfiguration: spec.networkConfiguration } : {}),
    ...(spec.containerInstanceArn !== undefined ? { containerInstanceArn: spec.containerInstanceArn } : {}),
    ...(spec.capacityProviderName !== undefined ? { capacityProviderName: spec.capacityProviderName } : {}),
  };
}
