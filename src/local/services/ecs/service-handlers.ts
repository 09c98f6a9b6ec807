// CreateService, UpdateService, DeleteService, DescribeServices, ListServices.
import { paginate } from '../../paginate.js';
import type { Handler } from '../../service.js';
import { type EcsContext, findCluster, findService, lookupService, runnableTaskDefinition, taskDefinitionByArn } from './ecs-context.js';
import { badMaxResults, badNextToken, invalidParameter, serviceNotActive, serviceNotFound } from './ecs-errors.js';
import { NAME_PATTERN, serviceArn } from './ecs-names.js';
import type { ClusterRecord, DeployableConfig, Json, ServiceRecord, TaskDefinitionRecord } from './ecs-state.js';
import { serviceKey } from './ecs-state.js';
import { checkTagCount, readTags } from './ecs-tags.js';
import { startDeployment } from './deployment-records.js';
import { checkNativeLoadBalancers } from './native-config.js';
import {
  checkLaunchType,
  checkLoadBalancers,
  checkNetworkConfiguration,
  deploymentConfigurationOf,
  needsDeployment,
} from './service-config.js';
import { serviceView } from './service-views.js';
import { checkStrategy, type LaunchChoice, launchTypeOf, resolveLaunch, strategyView } from './capacity-strategy.js';
import { addTaskSet, isCodeDeployService } from './task-set-handlers.js';

const MAX_DESCRIBE = 10;

/** Always the same key order, so configurations compare by JSON. */
function configOf(
  td: TaskDefinitionRecord,
  launch: LaunchChoice,
  platformVersion: string | undefined,
  nc: Json | undefined,
  lbs: DeployableConfig['loadBalancers'],
  registries: readonly Json[],
  attached: Attached = {},
): DeployableConfig {
  return {
    taskDefinition: td.arn,
    launchType: launch.launchType,
    ...(launch.strategy ? { capacityProviderStrategy: launch.strategy } : {}),
    ...(launch.launchType === 'FARGATE' ? { platformVersion: platformVersion ?? 'LATEST' } : {}),
    ...(nc ? { networkConfiguration: nc } : {}),
    loadBalancers: lbs,
    serviceRegistries: registries,
    ...attached,
  };
}

type Attached = Pick<DeployableConfig, 'serviceConnectConfiguration' | 'volumeConfigurations' | 'vpcLatticeConfigurations' | 'monitoring'>;

/**
 * Service Connect, EBS volume and VPC Lattice configurations: given ones replace the current ones; `{enabled: false}` and
 * an empty list remove them (ecspresso sends those to remove a configuration); left out, they stay.
 */
function attachedOf(input: Json, current: Attached = {}): Attached {
  const sc = input.serviceConnectConfiguration as Json | undefined;
  const list = (k: 'volumeConfigurations' | 'vpcLatticeConfigurations') => {
    const v = input[k] as Json[] | undefined;
    if (v === undefined) return current[k] ? { [k]: current[k] } : {};
    return v.length ? { [k]: v } : {};
  };
  return {
    ...(sc === undefined
      ? current.serviceConnectConfiguration
        ? { serviceConnectConfiguration: current.serviceConnectConfiguration }
        : {}
      : sc.enabled === false
        ? {}
        : { serviceConnectConfiguration: sc }),
    ...list('volumeConfigurations'),
    ...list('vpcLatticeConfigurations'),
    ...monitoringOf(input.monitoring, current.monitoring),
  };
}

/** Given, `monitoring` replaces the revision's (no metric configurations: none); left out, it stays. */
function monitoringOf(raw: unknown, current: Json | undefined): Pick<DeployableConfig, 'monitoring'> {
  if (raw === undefined) return current ? { monitoring: current } : {};
  const m = checkMonitoring(raw);
  return (m.metricConfigurations as Json[]).length > 0 ? { monitoring: m } : {};
}

/**
 * UpdateService's `capacityProviderStrategy`: left out, the service keeps its own; an empty list goes back to the launch
 * type the strategy's providers run as; otherwise the strategy must suit the cluster.
 */
function updatedLaunch(svc: ServiceRecord, raw: unknown, cluster: ClusterRecord): LaunchChoice {
  const current = svc.config.capacityProviderStrategy;
  if (!Array.isArray(raw)) return { launchType: svc.config.launchType, ...(current ? { strategy: current } : {}) };
  if (raw.length === 0) return { launchType: svc.config.launchType };
  const items = checkStrategy(raw as Json[], cluster.capacityProviders);
  return { launchType: launchTypeOf(items[0]!.capacityProvider), strategy: strategyView(raw as Json[]) };
}

function checkServiceName(name: string): void {
  if (!NAME_PATTERN.test(name)) {
    throw invalidParameter(
      'Service name can have up to 255 characters: letters (uppercase and lowercase), numbers, underscores, and hyphens.',
    );
  }
}

function checkDesired(n: unknown): number {
  const desired = typeof n === 'number' ? n : 0;
  if (desired < 0) throw invalidParameter('desiredCount must be greater than or equal to 0.');
  return desired;
}

/** [API:ECS MonitoringConfiguration, MetricConfiguration]: CPUUtilization/MemoryUtilization at 20 or 60 s, at most 5 entries. */
function checkMonitoring(raw: unknown): Json {
  const configs = ((raw as Json | null)?.metricConfigurations ?? []) as unknown;
  if (!Array.isArray(configs) || configs.length > 5)
    throw invalidParameter('monitoring.metricConfigurations must be a list of at most 5 metric configurations.');
  for (const c of configs as Json[]) {
    const names = c.metricNames as unknown;
    if (!Array.isArray(names) || names.some((n) => n !== 'CPUUtilization' && n !== 'MemoryUtilization'))
      throw invalidParameter('The supported metric names are CPUUtilization and MemoryUtilization.');
    if (c.resolutionSeconds !== 20 && c.resolutionSeconds !== 60)
      throw invalidParameter('The valid values for resolutionSeconds are 20 and 60.');
  }
  return { metricConfigurations: configs as Json[] };
}

/**
 * [API:ECS UpdateService]: a CODE_DEPLOY service's task definition, load balancers, network configuration and platform
 * version change only through a CodeDeploy deployment. Sending the current value again is accepted (our choice).
 */
function checkCodeDeployUpdate(svc: ServiceRecord, input: Json): void {
  const td = input.taskDefinition as string | undefined;
  if (td !== undefined && td !== svc.config.taskDefinition)
    throw invalidParameter(
      'Unable to update task definition on services with a CODE_DEPLOY deployment controller. Use AWS CodeDeploy to trigger a new deployment.',
    );
  const changed = (k: 'loadBalancers' | 'networkConfiguration' | 'platformVersion') =>
    input[k] !== undefined && JSON.stringify(input[k]) !== JSON.stringify(svc.config[k]);
  for (const k of ['loadBalancers', 'networkConfiguration', 'platformVersion'] as const)
    if (changed(k))
      throw invalidParameter(
        `Unable to update ${k} on services with a CODE_DEPLOY deployment controller. Use AWS CodeDeploy to trigger a new deployment.`,
      );
  if (input.forceNewDeployment === true)
    throw invalidParameter(
      'Unable to force a new deployment on services with a CODE_DEPLOY deployment controller. Use AWS CodeDeploy to trigger a new deployment.',
    );
}

export function serviceHandlers(ctx: EcsContext): Record<string, Handler> {
  return {
    CreateService: (input) => {
      const cluster = findCluster(ctx, input.cluster);
      const name = String(input.serviceName);
      checkServiceName(name);
      if (input.schedulingStrategy === 'DAEMON') throw invalidParameter('cortado local emulates the REPLICA scheduling strategy only.');
      const controller = (input.deploymentController as Json | undefined) ?? { type: 'ECS' };
      if (controller.type !== 'ECS' && controller.type !== 'CODE_DEPLOY')
        throw invalidParameter(
          `cortado local emulates the ECS and CODE_DEPLOY deployment controllers only, not ${String(controller.type)}.`,
        );
      if (input.taskDefinition === undefined) throw invalidParameter('TaskDefinition must be specified.');
      const td = runnableTaskDefinition(ctx, String(input.taskDefinition));
      const launch = resolveLaunch(input.launchType, input.capacityProviderStrategy, cluster);
      const launchType = launch.launchType;
      checkLaunchType(td, launchType);
      const nc = input.networkConfiguration as Json | undefined;
      checkNetworkConfiguration(td, nc, launchType, ctx.env.seams.network);
      const lbs = checkLoadBalancers(td, input.loadBalancers as Json[] | undefined, ctx.env.seams.targets);
      const deploymentConfiguration = deploymentConfigurationOf(input.deploymentConfiguration as Json | undefined);
      checkNativeLoadBalancers(deploymentConfiguration, lbs);
      const desiredCount = checkDesired(input.desiredCount);
      const tags = readTags(input.tags);
      checkTagCount(tags);
      const existing = lookupService(ctx, cluster.name, name);
      if (existing && existing.status !== 'INACTIVE') throw invalidParameter('Creation of service was not idempotent.');

      const svc: ServiceRecord = {
        arn: serviceArn(ctx.scope, cluster.name, name),
        name,
        clusterName: cluster.name,
        status: 'ACTIVE',
        desiredCount,
        config: configOf(
          td,
          launch,
          input.platformVersion as string | undefined,
          nc,
          lbs,
          (input.serviceRegistries as Json[] | undefined) ?? [],
          attachedOf(input),
        ),
        deploymentConfiguration,
        deploymentController: controller,
        ...(typeof input.healthCheckGracePeriodSeconds === 'number'
          ? { healthCheckGracePeriodSeconds: input.healthCheckGracePeriodSeconds }
          : lbs.length > 0
            ? { healthCheckGracePeriodSeconds: 0 }
            : {}),
        enableECSManagedTags: input.enableECSManagedTags === true,
        enableExecuteCommand: input.enableExecuteCommand === true,
        propagateTags: (input.propagateTags as string | undefined) ?? 'NONE',
        schedulingStrategy: 'REPLICA',
        placementConstraints: (input.placementConstraints as Json[] | undefined) ?? [],
        placementStrategy: (input.placementStrategy as Json[] | undefined) ?? [],
        ...(input.availabilityZoneRebalancing ? { availabilityZoneRebalancing: String(input.availabilityZoneRebalancing) } : {}),
        tags,
        createdAt: ctx.now(),
        createdBy: `arn:aws:iam::${ctx.scope.accountId}:root`,
        ...(input.role ? { roleArn: String(input.role) } : {}),
        events: [],
        deployments: [],
        notices: {},
        stamp: ctx.env.consistency.stamp(),
      };
      ctx.state.services[serviceKey(cluster.name, name)] = svc;
      if (isCodeDeployService(svc)) addTaskSet(ctx, svc, svc.config, { primary: true, scalePercent: 100 });
      else startDeployment(ctx, svc, svc.config);
      ctx.engine.kick();
      return { service: serviceView(ctx, svc, true) };
    },

    UpdateService: (input) => {
      const cluster = findCluster(ctx, input.cluster);
      const svc = findService(ctx, cluster.name, String(input.service));
      if (svc.status !== 'ACTIVE') throw serviceNotActive();
      if (isCodeDeployService(svc)) checkCodeDeployUpdate(svc, input);
      const td =
        input.taskDefinition !== undefined
          ? runnableTaskDefinition(ctx, String(input.taskDefinition))
          : taskDefinitionByArn(ctx, svc.config.taskDefinition);
      if (!td) throw invalidParameter('TaskDefinition not found.');
      const launch = updatedLaunch(svc, input.capacityProviderStrategy, cluster);
      const launchType = launch.launchType;
      checkLaunchType(td, launchType);
      const nc = (input.networkConfiguration as Json | undefined) ?? svc.config.networkConfiguration;
      checkNetworkConfiguration(td, nc, launchType, ctx.env.seams.network);
      const lbs =
        input.loadBalancers !== undefined
          ? checkLoadBalancers(td, input.loadBalancers as Json[], ctx.env.seams.targets)
          : svc.config.loadBalancers;
      const deploymentConfiguration =
        input.deploymentConfiguration !== undefined
          ? deploymentConfigurationOf(input.deploymentConfiguration as Json, svc.deploymentConfiguration)
          : svc.deploymentConfiguration;
      checkNativeLoadBalancers(deploymentConfiguration, lbs);
      const desiredCount = input.desiredCount !== undefined ? checkDesired(input.desiredCount) : svc.desiredCount;
      const config = configOf(
        td,
        launch,
        (input.platformVersion as string | undefined) ?? svc.config.platformVersion,
        nc,
        lbs,
        (input.serviceRegistries as Json[] | undefined) ?? svc.config.serviceRegistries,
        attachedOf(input, svc.config),
      );

      // Everything checked: apply.
      svc.deploymentConfiguration = deploymentConfiguration;
      svc.desiredCount = desiredCount;
      if (typeof input.healthCheckGracePeriodSeconds === 'number') svc.healthCheckGracePeriodSeconds = input.healthCheckGracePeriodSeconds;
      if (typeof input.enableExecuteCommand === 'boolean') svc.enableExecuteCommand = input.enableExecuteCommand;
      if (typeof input.enableECSManagedTags === 'boolean') svc.enableECSManagedTags = input.enableECSManagedTags;
      if (typeof input.propagateTags === 'string') svc.propagateTags = input.propagateTags;
      if (input.placementConstraints !== undefined) svc.placementConstraints = input.placementConstraints as Json[];
      if (input.placementStrategy !== undefined) svc.placementStrategy = input.placementStrategy as Json[];
      if (!isCodeDeployService(svc) && (needsDeployment(svc.config, config) || input.forceNewDeployment === true))
        startDeployment(ctx, svc, config);
      // A new capacity provider strategy alone starts no deployment [API:ECS UpdateService]: the next one uses it.
      else {
        const { capacityProviderStrategy: _old, ...rest } = svc.config;
        const strategy = config.capacityProviderStrategy;
        svc.config = { ...rest, launchType: config.launchType, ...(strategy ? { capacityProviderStrategy: strategy } : {}) };
      }
      const primary = svc.deployments.find((d) => d.status === 'PRIMARY');
      if (primary) {
        primary.desiredCount = desiredCount;
        primary.updatedAt = ctx.now();
      }
      ctx.engine.kick();
      return { service: serviceView(ctx, svc, false) };
    },

    DeleteService: (input) => {
      const cluster = findCluster(ctx, input.cluster);
      const svc = findService(ctx, cluster.name, String(input.service));
      if (svc.status === 'INACTIVE') throw serviceNotFound();
      if (svc.status === 'ACTIVE') {
        if (svc.desiredCount > 0 && input.force !== true)
          throw invalidParameter('The service cannot be stopped while it is scaled above 0.');
        svc.desiredCount = 0;
        svc.status = 'DRAINING';
        ctx.engine.kick();
      }
      return { service: serviceView(ctx, svc, false) };
    },

    DescribeServices: (input) => {
      const cluster = findCluster(ctx, input.cluster);
      const refs = input.services as string[];
      if (refs.length > MAX_DESCRIBE) throw invalidParameter(`You can specify up to ${MAX_DESCRIBE} services in a single request.`);
      const withTags = ((input.include as string[] | undefined) ?? []).includes('TAGS');
      const services: Json[] = [];
      const failures: Json[] = [];
      for (const ref of refs) {
        const svc = lookupService(ctx, cluster.name, ref);
        if (svc) services.push(serviceView(ctx, svc, withTags));
        else failures.push({ arn: ref.startsWith('arn:') ? ref : serviceArn(ctx.scope, cluster.name, ref), reason: 'MISSING' });
      }
      return { services, failures };
    },

    ListServices: (input) => {
      const cluster = findCluster(ctx, input.cluster);
      const arns = Object.values(ctx.state.services)
        .filter((s) => s.clusterName === cluster.name && s.status === 'ACTIVE' && ctx.visible(s))
        .filter((s) => input.launchType === undefined || s.config.launchType === input.launchType)
        .filter((s) => input.schedulingStrategy === undefined || s.schedulingStrategy === input.schedulingStrategy)
        .map((s) => s.arn)
        .sort();
      const page = paginate(
        arns,
        input,
        { defaultSize: 10, maxSize: 100, badToken: badNextToken, badSize: badMaxResults(100) },
        `svc:${cluster.name}:${String(input.launchType ?? '')}`,
      );
      return { serviceArns: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
    },
  };
}
