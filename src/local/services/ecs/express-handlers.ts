// CreateExpressGatewayService, UpdateExpressGatewayService, DescribeExpressGatewayService, DeleteExpressGatewayService: an
// Express service is an ECS service (resourceManagementType ECS) plus the load balancing, security group and scaling ECS makes for it.
import { hexId } from '../../ids.js';
import type { Handler } from '../../service.js';
import { type EcsContext, findCluster, lookupService, runnableTaskDefinition } from './ecs-context.js';
import { clusterNotFound, invalidParameter, serviceNotActive, serviceNotFound } from './ecs-errors.js';
import { clusterArn, clusterNameOf, DEFAULT_CLUSTER, serviceRefOf } from './ecs-names.js';
import type { Json, ServiceRecord } from './ecs-state.js';
import { tagsView } from './ecs-tags.js';
import {
  defaultLogGroup,
  type ExpressSettings,
  MAIN_CONTAINER,
  reportedContainer,
  settingsOf,
  settingsProblem,
  taskDefinitionInput,
} from './express-config.js';
import {
  applyHealthCheck,
  applyScaling,
  callerOf,
  defaultNetwork,
  type ExpressResources,
  provision,
  releaseBack,
  releaseFront,
} from './express-resources.js';

/** One configuration revision of an Express service. */
export interface ExpressConfiguration {
  readonly settings: ExpressSettings;
  readonly taskDefinitionArn: string;
  readonly serviceRevisionArn: string;
  readonly createdAt: number;
}

/** What ServiceRecord.express holds. */
export interface ExpressRecord {
  readonly infrastructureRoleArn: string;
  readonly resources: ExpressResources;
  readonly endpoint: string;
  configurations: ExpressConfiguration[];
  updatedAt: number;
  /** The target group and security group are gone (the service's tasks had stopped). */
  released?: boolean;
}

const revisionOf = (svc: ServiceRecord): string => svc.deployments[0]?.serviceRevisionArn ?? '';

function configurationView(ctx: EcsContext, ex: ExpressRecord, c: ExpressConfiguration): Json {
  const s = c.settings;
  const pc = reportedContainer(s, ex.resources.logGroup);
  return {
    serviceRevisionArn: c.serviceRevisionArn,
    ...(s.executionRoleArn ? { executionRoleArn: s.executionRoleArn } : {}),
    ...(s.taskRoleArn ? { taskRoleArn: s.taskRoleArn } : {}),
    taskDefinitionArn: c.taskDefinitionArn,
    cpu: s.cpu,
    memory: s.memory,
    cpuArchitecture: s.cpuArchitecture,
    networkConfiguration: s.networkConfiguration,
    healthCheckPath: s.healthCheckPath,
    ...(pc ? { primaryContainer: pc } : {}),
    scalingTarget: s.scalingTarget,
    ingressPaths: [{ accessType: 'PUBLIC', endpoint: ex.endpoint }],
    createdAt: new Date(c.createdAt),
  };
}

/** Configurations whose service revision still has a live deployment (during a deployment, old and new); else the newest. */
function activeConfigurations(svc: ServiceRecord, ex: ExpressRecord): ExpressConfiguration[] {
  const live = new Set(svc.deployments.filter((d) => d.status !== 'INACTIVE').map((d) => d.serviceRevisionArn));
  const matching = [...ex.configurations]
    .reverse()
    .filter((c, i, all) => live.has(c.serviceRevisionArn) && all.findIndex((o) => o.serviceRevisionArn === c.serviceRevisionArn) === i);
  return matching.length ? matching : ex.configurations.slice(-1);
}

function expressView(ctx: EcsContext, svc: ServiceRecord, withTags: boolean): Json {
  const ex = svc.express!;
  return {
    cluster: clusterArn(ctx.scope, svc.clusterName),
    serviceName: svc.name,
    serviceArn: svc.arn,
    infrastructureRoleArn: ex.infrastructureRoleArn,
    status: { statusCode: svc.status },
    ...(svc.currentServiceDeployment ? { currentDeployment: svc.currentServiceDeployment } : {}),
    activeConfigurations: activeConfigurations(svc, ex).map((c) => configurationView(ctx, ex, c)),
    ...(withTags ? { tags: tagsView(svc.tags) } : {}),
    createdAt: new Date(svc.createdAt),
    updatedAt: new Date(ex.updatedAt),
  };
}

/** The Express service an ARN names (ServiceNotFoundException for other services too). */
function expressService(ctx: EcsContext, ref: unknown): ServiceRecord {
  const { cluster, name } = serviceRefOf(String(ref));
  const svc = lookupService(ctx, cluster ?? DEFAULT_CLUSTER, name);
  if (!svc?.express) throw serviceNotFound();
  return svc;
}

const mainPort = (ctx: EcsContext, tdArn: string): number => {
  const body = runnableTaskDefinition(ctx, tdArn).body;
  const main = ((body.containerDefinitions as Json[] | undefined) ?? []).find((c) => c.name === MAIN_CONTAINER);
  const port = ((main?.portMappings as Json[] | undefined) ?? [])[0]?.containerPort;
  if (typeof port !== 'number')
    throw invalidParameter(`The task definition must have a container named ${MAIN_CONTAINER} with a single TCP port mapping.`);
  return port;
};

const TD_FIELDS = ['primaryContainer', 'cpu', 'memory', 'cpuArchitecture', 'executionRoleArn', 'taskRoleArn'] as const;

export function expressHandlers(ctx: EcsContext): Record<string, Handler> {
  const call = callerOf(() => ctx.env.seams.caller);
  const region = ctx.scope.region;
  const register = async (family: string, s: ExpressSettings, logGroup: string): Promise<string> => {
    if (s.taskDefinitionArn) return s.taskDefinitionArn;
    const out = await call('ecs', 'RegisterTaskDefinition', taskDefinitionInput(family, s, region, logGroup));
    return String((out.taskDefinition as Json).taskDefinitionArn);
  };
  return {
    async CreateExpressGatewayService(input) {
      const problem = settingsProblem(input, true);
      if (problem) throw invalidParameter(problem);
      const clusterName = clusterNameOf(input.cluster);
      if (!ctx.state.clusters[clusterName] || ctx.state.clusters[clusterName]!.status !== 'ACTIVE') {
        // [DG]: Express creates the default cluster when it does not exist; another missing cluster is an error.
        if (clusterName !== DEFAULT_CLUSTER) throw clusterNotFound();
        await call('ecs', 'CreateCluster', { clusterName });
      }
      findCluster(ctx, clusterName);
      const image = String((input.primaryContainer as Json | undefined)?.image ?? 'service');
      const name =
        (input.serviceName as string | undefined) ??
        `${(image.split('/').pop() ?? 'service').split(/[:@]/)[0]!.replace(/[^A-Za-z0-9_-]/g, '-')}-${hexId(4)}`;
      const existing = lookupService(ctx, clusterName, name);
      if (existing && existing.status !== 'INACTIVE') throw invalidParameter('Creation of service was not idempotent.');
      const net = await defaultNetwork(call);
      const given = input.networkConfiguration as Json | undefined;
      const givenSubnets = (given?.subnets as string[] | undefined) ?? [];
      const logGroup = String(
        ((input.primaryContainer as Json | undefined)?.awsLogsConfiguration as Json | undefined)?.logGroup ??
          defaultLogGroup(clusterName, name),
      );
      const draft = settingsOf(input, undefined, { subnets: net.subnets, securityGroups: [] });
      const resources = await provision(call, {
        cluster: clusterName,
        service: name,
        settings: draft,
        vpcId: net.vpcId,
        logGroup,
        lbSubnets: givenSubnets.length >= 2 ? givenSubnets : net.subnets,
      });
      const settings = settingsOf(input, undefined, { subnets: net.subnets, securityGroups: [resources.securityGroupId] });
      const tdArn = await register(name, settings, logGroup);
      const port = mainPort(ctx, tdArn);
      await call('ecs', 'CreateService', {
        cluster: clusterName,
        serviceName: name,
        taskDefinition: tdArn,
        desiredCount: settings.scalingTarget.minTaskCount,
        launchType: 'FARGATE',
        networkConfiguration: {
          awsvpcConfiguration: {
            subnets: settings.networkConfiguration.subnets,
            securityGroups: settings.networkConfiguration.securityGroups,
            assignPublicIp: givenSubnets.length ? 'DISABLED' : 'ENABLED',
          },
        },
        loadBalancers: [{ targetGroupArn: resources.targetGroupArn, containerName: MAIN_CONTAINER, containerPort: port }],
        ...(input.tags ? { tags: input.tags } : {}),
      });
      const svc = lookupService(ctx, clusterName, name)!;
      const now = ctx.now();
      svc.express = {
        infrastructureRoleArn: String(input.infrastructureRoleArn),
        resources,
        endpoint: `https://${name.toLowerCase().slice(0, 40)}-${hexId(4)}.ecs.${region}.on.aws`,
        configurations: [{ settings, taskDefinitionArn: tdArn, serviceRevisionArn: revisionOf(svc), createdAt: now }],
        updatedAt: now,
      };
      await applyScaling(call, resources, settings);
      return { service: expressView(ctx, svc, true) };
    },

    async UpdateExpressGatewayService(input) {
      const svc = expressService(ctx, input.serviceArn);
      if (svc.status !== 'ACTIVE') throw serviceNotActive();
      const problem = settingsProblem(input, false);
      if (problem) throw invalidParameter(problem);
      const ex = svc.express!;
      const current = ex.configurations[ex.configurations.length - 1]!;
      const settings = settingsOf(input, current.settings, current.settings.networkConfiguration);
      const tdChanged =
        input.taskDefinitionArn !== undefined || TD_FIELDS.some((k) => JSON.stringify(settings[k]) !== JSON.stringify(current.settings[k]));
      const tdArn = tdChanged ? await register(svc.name, settings, ex.resources.logGroup) : current.taskDefinitionArn;
      if (settings.healthCheckPath !== current.settings.healthCheckPath)
        await applyHealthCheck(call, ex.resources, settings.healthCheckPath);
      if (JSON.stringify(settings.scalingTarget) !== JSON.stringify(current.settings.scalingTarget))
        await applyScaling(call, ex.resources, settings);
      const st = settings.scalingTarget;
      const desired = Math.min(Math.max(svc.desiredCount, Number(st.minTaskCount)), Number(st.maxTaskCount));
      const nc = settings.networkConfiguration;
      const ncChanged = JSON.stringify(nc) !== JSON.stringify(current.settings.networkConfiguration);
      await call('ecs', 'UpdateService', {
        cluster: svc.clusterName,
        service: svc.name,
        taskDefinition: tdArn,
        desiredCount: desired,
        ...(ncChanged ? { networkConfiguration: { awsvpcConfiguration: { subnets: nc.subnets, securityGroups: nc.securityGroups } } } : {}),
      });
      const now = ctx.now();
      const next: ExpressConfiguration = { settings, taskDefinitionArn: tdArn, serviceRevisionArn: revisionOf(svc), createdAt: now };
      ex.configurations.push(next);
      ex.updatedAt = now;
      return {
        service: {
          serviceArn: svc.arn,
          cluster: clusterArn(ctx.scope, svc.clusterName),
          serviceName: svc.name,
          status: { statusCode: svc.status },
          targetConfiguration: configurationView(ctx, ex, next),
          createdAt: new Date(svc.createdAt),
          updatedAt: new Date(now),
        },
      };
    },

    DescribeExpressGatewayService(input) {
      const svc = expressService(ctx, input.serviceArn);
      const include = (input.include as string[] | undefined) ?? [];
      return { service: expressView(ctx, svc, include.includes('TAGS')) };
    },

    async DeleteExpressGatewayService(input) {
      const svc = expressService(ctx, input.serviceArn);
      if (svc.status !== 'ACTIVE') throw serviceNotActive();
      await call('ecs', 'DeleteService', { cluster: svc.clusterName, service: svc.name, force: true });
      await releaseFront(call, svc.express!.resources);
      svc.express!.updatedAt = ctx.now();
      return { service: expressView(ctx, svc, false) };
    },
  };
}

/** Once a deleted Express service's tasks are gone (INACTIVE), its target group and security group go too. */
export function startExpressSweep(ctx: EcsContext): () => void {
  const call = callerOf(() => ctx.env.seams.caller);
  let busy = false;
  return ctx.env.clock.every(1000, () => {
    if (busy) return;
    const done = Object.values(ctx.state.services).filter((s) => s.express && !s.express.released && s.status === 'INACTIVE');
    if (!done.length) return;
    busy = true;
    void (async () => {
      for (const s of done) {
        s.express!.released = true;
        await releaseBack(call, s.express!.resources).catch(() => {
          s.express!.released = false;
        });
      }
    })().finally(() => {
      busy = false;
    });
  });
}
