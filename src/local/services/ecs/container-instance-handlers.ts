// EC2 launch type: RegisterContainerInstance (from an EC2 instance record), List/Describe/DeregisterContainerInstances.
import { hexId } from '../../ids.js';
import { paginate } from '../../paginate.js';
import type { Handler } from '../../service.js';
import { type EcsContext, findCluster } from './ecs-context.js';
import { badMaxResults, badNextToken, invalidParameter } from './ecs-errors.js';
import type { ContainerInstanceRecord, Json, TaskRecord } from './ecs-state.js';
import { readTags, tagsView } from './ecs-tags.js';
import { containerInstanceArn, remainingOf, tasksOn, type Resources } from './task-placement.js';
import { taskDefinitionByArn } from './ecs-context.js';
import { taskNeeds } from './task-placement.js';

/** Memory the sandbox keeps back from an instance's total for the OS and the agent (AWS registers a little less than the total). */
export const RESERVED_MEMORY_MIB = 256;
const AGENT = { agentVersion: '1.88.0', agentHash: 'cortado0', dockerVersion: 'DockerVersion: 25.0.8' };
const PORTS = ['22', '2375', '2376', '51678', '51679'];

/** The instance id in an identity document: AWS's signed JSON document, of which the sandbox reads `instanceId` only. */
function instanceIdOf(doc: unknown): string {
  try {
    const parsed = JSON.parse(String(doc)) as { instanceId?: unknown };
    if (typeof parsed.instanceId === 'string') return parsed.instanceId;
  } catch {
    /* refused below */
  }
  throw invalidParameter('instanceIdentityDocument must be a JSON document naming the instanceId of an EC2 instance.');
}

const resources = (cpu: number, memory: number) => [
  { name: 'CPU', type: 'INTEGER', doubleValue: 0, longValue: 0, integerValue: cpu },
  { name: 'MEMORY', type: 'INTEGER', doubleValue: 0, longValue: 0, integerValue: memory },
  { name: 'PORTS', type: 'STRINGSET', doubleValue: 0, longValue: 0, integerValue: 0, stringSetValue: PORTS },
  { name: 'PORTS_UDP', type: 'STRINGSET', doubleValue: 0, longValue: 0, integerValue: 0, stringSetValue: [] },
];

/** What a placed task holds on its instance (its definition's cpu/memory, overrides included). */
export const placedNeeds =
  (ctx: EcsContext) =>
  (t: TaskRecord): Resources => {
    const td = taskDefinitionByArn(ctx, t.taskDefinitionArn);
    return td ? taskNeeds(td, t.overrides) : { cpu: 0, memory: 0 };
  };

export function containerInstanceHandlers(ctx: EcsContext): Record<string, Handler> {
  const needs = placedNeeds(ctx);
  const find = (cluster: string, ref: string): ContainerInstanceRecord | undefined => {
    const id = ref.includes('/') ? ref.slice(ref.lastIndexOf('/') + 1) : ref;
    const ci = ctx.state.containerInstances[id];
    return ci && ci.clusterName === cluster ? ci : undefined;
  };
  const view = (ci: ContainerInstanceRecord, withTags: boolean): Json => {
    const left = remainingOf(ctx, ci, needs);
    const tasks = tasksOn(ctx, ci);
    const ec2 = ctx.env.seams.network?.instance(ci.ec2InstanceId);
    return {
      containerInstanceArn: ci.arn,
      ec2InstanceId: ci.ec2InstanceId,
      version: ci.version,
      versionInfo: AGENT,
      remainingResources: resources(left.cpu, left.memory),
      registeredResources: resources(ci.cpu, ci.memory),
      status: ci.status,
      agentConnected: ci.status !== 'INACTIVE' && (ec2 === undefined || ec2.state === 'pending' || ec2.state === 'running'),
      runningTasksCount: tasks.filter((t) => t.lastStatus === 'RUNNING').length,
      pendingTasksCount: tasks.filter((t) => t.lastStatus !== 'RUNNING').length,
      attributes: ci.attributes,
      registeredAt: new Date(ci.registeredAt),
      attachments: [],
      ...(withTags ? { tags: tagsView(ci.tags) } : {}),
    };
  };

  return {
    RegisterContainerInstance(input) {
      const cluster = findCluster(ctx, input.cluster ?? 'default');
      const instanceId = instanceIdOf(input.instanceIdentityDocument);
      const network = ctx.env.seams.network;
      const ec2 = network?.instance(instanceId);
      if (network && (!ec2 || (ec2.state !== 'pending' && ec2.state !== 'running')))
        throw invalidParameter(`The instance ${instanceId} is not a running EC2 instance in this account and region.`);
      const existing = Object.values(ctx.state.containerInstances).find(
        (ci) => ci.ec2InstanceId === instanceId && ci.clusterName === cluster.name && ci.status !== 'INACTIVE',
      );
      if (existing) return { containerInstance: view(existing, false) };
      const total = (input.totalResources as Json[] | undefined) ?? [];
      const given = (name: string) => total.find((r) => r.name === name)?.integerValue as number | undefined;
      const id = hexId(16);
      const zone = ec2?.availabilityZone ?? `${ctx.scope.region}a`;
      const instanceType = ec2?.instanceType ?? 'm5.large';
      const ci: ContainerInstanceRecord = {
        arn: containerInstanceArn(ctx, cluster.name, id),
        id,
        clusterName: cluster.name,
        ec2InstanceId: instanceId,
        instanceType,
        availabilityZone: zone,
        status: 'ACTIVE',
        cpu: given('CPU') ?? (ec2 ? ec2.vcpus * 1024 : 2048),
        memory: given('MEMORY') ?? (ec2 ? ec2.memoryMiB - RESERVED_MEMORY_MIB : 7936),
        attributes: [
          ...((input.attributes as Json[] | undefined) ?? []),
          { name: 'ecs.availability-zone', value: zone },
          { name: 'ecs.instance-type', value: instanceType },
          { name: 'ecs.os-type', value: 'linux' },
          { name: 'ecs.cpu-architecture', value: 'x86_64' },
          { name: 'ecs.ami-id', value: 'ami-00000000000000000' },
        ],
        tags: readTags(input.tags),
        registeredAt: ctx.now(),
        version: 1,
        stamp: ctx.env.consistency.stamp(),
      };
      ctx.state.containerInstances[id] = ci;
      ctx.engine.kick();
      return { containerInstance: view(ci, false) };
    },

    ListContainerInstances(input) {
      const cluster = findCluster(ctx, input.cluster ?? 'default');
      if (input.filter !== undefined) throw invalidParameter('cortado local does not evaluate cluster query language filters.');
      const status = input.status as string | undefined;
      const arns = Object.values(ctx.state.containerInstances)
        .filter((ci) => ci.clusterName === cluster.name && ctx.visible(ci))
        .filter((ci) => (status === undefined ? ci.status !== 'INACTIVE' : ci.status === status))
        .sort((a, b) => a.registeredAt - b.registeredAt || (a.id < b.id ? -1 : 1))
        .map((ci) => ci.arn);
      const page = paginate(
        arns,
        input,
        { defaultSize: 100, maxSize: 100, badToken: badNextToken, badSize: badMaxResults(100) },
        `ci:${cluster.name}:${status ?? ''}`,
      );
      return { containerInstanceArns: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
    },

    DescribeContainerInstances(input) {
      const cluster = findCluster(ctx, input.cluster ?? 'default');
      const refs = input.containerInstances as string[];
      if (refs.length > 100) throw invalidParameter('You can specify up to 100 container instances in a single request.');
      const withTags = ((input.include as string[] | undefined) ?? []).includes('TAGS');
      const containerInstances: Json[] = [];
      const failures: Json[] = [];
      for (const ref of refs) {
        const ci = find(cluster.name, ref);
        if (ci && ctx.visible(ci)) containerInstances.push(view(ci, withTags));
        else failures.push({ arn: ref.startsWith('arn:') ? ref : containerInstanceArn(ctx, cluster.name, ref), reason: 'MISSING' });
      }
      return { containerInstances, failures };
    },

    DeregisterContainerInstance(input) {
      const cluster = findCluster(ctx, input.cluster ?? 'default');
      const ci = find(cluster.name, String(input.containerInstance));
      if (!ci || ci.status === 'INACTIVE') throw invalidParameter('The referenced container instance was not found.');
      const running = tasksOn(ctx, ci);
      if (running.length > 0 && input.force !== true)
        throw invalidParameter('Found running tasks on the instance. Use force to deregister the container instance anyway.');
      // Forced: the tasks are stopped, as the agent's loss would stop them; services place replacements elsewhere.
      for (const t of running)
        ctx.engine.stop(t, { code: 'UserInitiated', reason: 'Container instance deregistration forced by user', cause: 'user' });
      ci.status = 'INACTIVE';
      ci.version++;
      ctx.engine.kick();
      return { containerInstance: view(ci, false) };
    },
  };
}
