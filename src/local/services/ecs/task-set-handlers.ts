// Task sets of CODE_DEPLOY services: CreateTaskSet, DescribeTaskSets, UpdateTaskSet, UpdateServicePrimaryTaskSet, DeleteTaskSet.
import { decimalId } from '../../ids.js';
import type { Handler } from '../../service.js';
import { type EcsContext, findCluster, findService, runnableTaskDefinition, tasksOfService } from './ecs-context.js';
import { invalidParameter, serviceNotActive } from './ecs-errors.js';
import { taskSetArn } from './ecs-names.js';
import type { DeployableConfig, Json, ServiceRecord, TaskSetRecord } from './ecs-state.js';
import { checkLaunchType, checkLoadBalancers, checkNetworkConfiguration } from './service-config.js';
import { counts, views } from './service-views.js';
import { computedDesiredCount } from './task-set-decision.js';
import { compact } from './task-views.js';

const taskSetNotFound = () => invalidParameter('The specified task set does not exist.');

export const isCodeDeployService = (svc: ServiceRecord): boolean => svc.deploymentController.type === 'CODE_DEPLOY';

/** Adds a task set to a service (CreateService adds the first one as PRIMARY, at 100 percent). */
export function addTaskSet(
  ctx: EcsContext,
  svc: ServiceRecord,
  config: DeployableConfig,
  opts: { readonly primary: boolean; readonly scalePercent: number; readonly externalId?: string; readonly startedBy?: string },
): TaskSetRecord {
  const id = `ecs-svc/${decimalId()}`;
  const now = ctx.now();
  const set: TaskSetRecord = {
    id,
    arn: taskSetArn(ctx.scope, svc.clusterName, svc.name, id),
    status: opts.primary ? 'PRIMARY' : 'ACTIVE',
    ...(opts.startedBy ? { startedBy: opts.startedBy } : {}),
    ...(opts.externalId ? { externalId: opts.externalId } : {}),
    config,
    scalePercent: opts.scalePercent,
    createdAt: now,
    updatedAt: now,
    stabilityStatus: 'STABILIZING',
    stabilityStatusAt: now,
  };
  (svc.taskSets ??= []).unshift(set);
  if (opts.primary) svc.config = config;
  return set;
}

export function taskSetView(ctx: EcsContext, svc: ServiceRecord, set: TaskSetRecord): Json {
  const c = counts(tasksOfService(ctx, svc).filter((t) => t.deploymentId === set.id));
  return compact({
    id: set.id,
    taskSetArn: set.arn,
    serviceArn: svc.arn,
    clusterArn: svc.arn.replace(/:service\/([^/]+)\/.*$/, ':cluster/$1'),
    startedBy: set.startedBy,
    externalId: set.externalId,
    status: set.status,
    taskDefinition: set.config.taskDefinition,
    computedDesiredCount: set.status === 'DRAINING' ? 0 : computedDesiredCount(svc.desiredCount, set.scalePercent),
    pendingCount: c.pending,
    runningCount: c.running,
    createdAt: new Date(set.createdAt),
    updatedAt: new Date(set.updatedAt),
    launchType: set.config.launchType,
    platformVersion: set.config.platformVersion,
    networkConfiguration: set.config.networkConfiguration,
    loadBalancers: set.config.loadBalancers,
    serviceRegistries: set.config.serviceRegistries,
    scale: { value: set.scalePercent, unit: 'PERCENT' },
    stabilityStatus: set.stabilityStatus,
    stabilityStatusAt: new Date(set.stabilityStatusAt),
    tags: [],
  });
}

views.taskSet = taskSetView;

function scaleOf(raw: unknown): number {
  const s = (raw as Json | undefined) ?? {};
  const value = typeof s.value === 'number' ? s.value : 100;
  if (value < 0 || value > 100) throw invalidParameter('scale value must be between 0 and 100.');
  return value;
}

function taskSetService(ctx: EcsContext, input: Json): ServiceRecord {
  const cluster = findCluster(ctx, input.cluster);
  const svc = findService(ctx, cluster.name, String(input.service));
  if (svc.status !== 'ACTIVE') throw serviceNotActive();
  if (!isCodeDeployService(svc) && svc.deploymentController.type !== 'EXTERNAL')
    throw invalidParameter('Task sets are only supported for services using the CODE_DEPLOY or EXTERNAL deployment controller.');
  return svc;
}

function findSet(svc: ServiceRecord, ref: unknown): TaskSetRecord {
  const set = svc.taskSets?.find((s) => s.id === ref || s.arn === ref);
  if (!set) throw taskSetNotFound();
  return set;
}

export function taskSetHandlers(ctx: EcsContext): Record<string, Handler> {
  // A change is visible at once: only a new resource waits out the consistency delay (its visibility is fixed at creation).
  const touched = (_svc: ServiceRecord) => {
    ctx.engine.kick();
  };
  return {
    CreateTaskSet: (input) => {
      const svc = taskSetService(ctx, input);
      const td = runnableTaskDefinition(ctx, String(input.taskDefinition));
      const launchType = (input.launchType as string | undefined) ?? svc.config.launchType;
      checkLaunchType(td, launchType);
      const nc = (input.networkConfiguration as Json | undefined) ?? svc.config.networkConfiguration;
      checkNetworkConfiguration(td, nc, launchType);
      const lbs = checkLoadBalancers(td, input.loadBalancers as Json[] | undefined, ctx.env.seams.targets);
      const config: DeployableConfig = {
        taskDefinition: td.arn,
        launchType,
        ...(launchType === 'FARGATE' ? { platformVersion: (input.platformVersion as string | undefined) ?? 'LATEST' } : {}),
        ...(nc ? { networkConfiguration: nc } : {}),
        loadBalancers: lbs,
        serviceRegistries: (input.serviceRegistries as Json[] | undefined) ?? [],
      };
      const set = addTaskSet(ctx, svc, config, {
        primary: false,
        scalePercent: scaleOf(input.scale),
        ...(typeof input.externalId === 'string' ? { externalId: input.externalId } : {}),
        ...(typeof input.startedBy === 'string' ? { startedBy: input.startedBy } : {}),
      });
      touched(svc);
      return { taskSet: taskSetView(ctx, svc, set) };
    },
    DescribeTaskSets: (input) => {
      const svc = taskSetService(ctx, input);
      const refs = input.taskSets as string[] | undefined;
      const sets = (svc.taskSets ?? []).filter((s) => !refs || refs.includes(s.id) || refs.includes(s.arn));
      const failures = (refs ?? []).filter((r) => !sets.some((s) => s.id === r || s.arn === r)).map((arn) => ({ arn, reason: 'MISSING' }));
      return { taskSets: sets.map((s) => taskSetView(ctx, svc, s)), failures };
    },
    UpdateTaskSet: (input) => {
      const svc = taskSetService(ctx, input);
      const set = findSet(svc, input.taskSet);
      set.scalePercent = scaleOf(input.scale);
      set.updatedAt = ctx.now();
      touched(svc);
      return { taskSet: taskSetView(ctx, svc, set) };
    },
    UpdateServicePrimaryTaskSet: (input) => {
      const svc = taskSetService(ctx, input);
      const set = findSet(svc, input.primaryTaskSet);
      if (set.status === 'DRAINING') throw invalidParameter('A DRAINING task set cannot become the primary task set.');
      const now = ctx.now();
      for (const s of svc.taskSets ?? [])
        if (s.status === 'PRIMARY') {
          s.status = 'ACTIVE';
          s.updatedAt = now;
        }
      set.status = 'PRIMARY';
      set.updatedAt = now;
      svc.config = set.config;
      touched(svc);
      return { taskSet: taskSetView(ctx, svc, set) };
    },
    DeleteTaskSet: (input) => {
      const svc = taskSetService(ctx, input);
      const set = findSet(svc, input.taskSet);
      if (set.status === 'PRIMARY' && input.force !== true)
        throw invalidParameter('The primary task set cannot be deleted; set another task set as primary first.');
      set.status = 'DRAINING';
      set.updatedAt = ctx.now();
      touched(svc);
      return { taskSet: taskSetView(ctx, svc, set) };
    },
  };
}
