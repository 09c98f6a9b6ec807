// CreateCluster, DescribeClusters, ListClusters, DeleteCluster, UpdateClusterSettings.
import { AwsError } from '../../aws-error.js';
import { paginate } from '../../paginate.js';
import type { Handler } from '../../service.js';
import { type EcsContext, findCluster, tasksOfCluster } from './ecs-context.js';
import { badMaxResults, badNextToken, invalidParameter } from './ecs-errors.js';
import { clusterArn, clusterNameOf, DEFAULT_CLUSTER, NAME_PATTERN } from './ecs-names.js';
import type { ClusterRecord, Json } from './ecs-state.js';
import { checkTagCount, readTags, tagsView } from './ecs-tags.js';
import { compact } from './task-views.js';
import { effectiveSetting } from './account-settings.js';
import { checkClusterProviders, providerNameOf } from './capacity-providers.js';

const PENDING = new Set(['PROVISIONING', 'PENDING', 'ACTIVATING']);

function checkClusterName(name: string): void {
  if (!NAME_PATTERN.test(name)) {
    throw invalidParameter(
      'Cluster name can have up to 255 characters: letters (uppercase and lowercase), numbers, underscores, and hyphens.',
    );
  }
}

function checkSettings(settings: Json[]): void {
  for (const s of settings) {
    if (s.name === 'containerInsights' && !['enabled', 'disabled', 'enhanced'].includes(String(s.value))) {
      throw invalidParameter(
        `Invalid value for containerInsights setting: ${String(s.value)}. Valid values are enabled, disabled and enhanced.`,
      );
    }
  }
}

function statistics(ctx: EcsContext, c: ClusterRecord): Json[] {
  const tasks = tasksOfCluster(ctx, c.name);
  const services = Object.values(ctx.state.services).filter((s) => s.clusterName === c.name);
  const count = (launch: string, pred: (t: (typeof tasks)[number]) => boolean) =>
    String(tasks.filter((t) => t.launchType === launch && pred(t)).length);
  const svc = (launch: string, status: string) =>
    String(services.filter((s) => s.config.launchType === launch && s.status === status).length);
  return [
    { name: 'runningEC2TasksCount', value: count('EC2', (t) => t.lastStatus === 'RUNNING') },
    { name: 'runningFargateTasksCount', value: count('FARGATE', (t) => t.lastStatus === 'RUNNING') },
    { name: 'pendingEC2TasksCount', value: count('EC2', (t) => PENDING.has(t.lastStatus)) },
    { name: 'pendingFargateTasksCount', value: count('FARGATE', (t) => PENDING.has(t.lastStatus)) },
    { name: 'activeEC2ServiceCount', value: svc('EC2', 'ACTIVE') },
    { name: 'activeFargateServiceCount', value: svc('FARGATE', 'ACTIVE') },
    { name: 'drainingEC2ServiceCount', value: svc('EC2', 'DRAINING') },
    { name: 'drainingFargateServiceCount', value: svc('FARGATE', 'DRAINING') },
  ];
}

export function clusterView(ctx: EcsContext, c: ClusterRecord, include: readonly string[] = []): Json {
  const tasks = tasksOfCluster(ctx, c.name);
  return compact({
    clusterArn: c.arn,
    clusterName: c.name,
    status: c.status,
    registeredContainerInstancesCount: Object.values(ctx.state.containerInstances).filter(
      (ci) => ci.clusterName === c.name && ci.status !== 'INACTIVE',
    ).length,
    runningTasksCount: tasks.filter((t) => t.lastStatus === 'RUNNING').length,
    pendingTasksCount: tasks.filter((t) => PENDING.has(t.lastStatus)).length,
    activeServicesCount: Object.values(ctx.state.services).filter((s) => s.clusterName === c.name && s.status === 'ACTIVE').length,
    statistics: include.includes('STATISTICS') ? statistics(ctx, c) : [],
    tags: include.includes('TAGS') ? tagsView(c.tags) : [],
    settings: include.includes('SETTINGS') ? c.settings : undefined,
    configuration: include.includes('CONFIGURATIONS') ? c.configuration : undefined,
    capacityProviders: c.capacityProviders,
    defaultCapacityProviderStrategy: c.defaultCapacityProviderStrategy,
    serviceConnectDefaults: c.serviceConnectDefaults,
    attachments: include.includes('ATTACHMENTS') ? [] : undefined,
  });
}

export function clusterHandlers(ctx: EcsContext): Record<string, Handler> {
  return {
    CreateCluster: (input) => {
      const name = typeof input.clusterName === 'string' ? input.clusterName : DEFAULT_CLUSTER;
      checkClusterName(name);
      const tags = readTags(input.tags);
      checkTagCount(tags);
      // Without settings, Container Insights follows the containerInsights account setting [API:ECS PutAccountSetting].
      const settings = (input.settings as Json[] | undefined) ?? [
        { name: 'containerInsights', value: effectiveSetting(ctx, 'containerInsights').value },
      ];
      checkSettings(settings);
      const providers = ((input.capacityProviders as string[] | undefined) ?? []).map(providerNameOf);
      const strategy = checkClusterProviders(ctx, name, providers, (input.defaultCapacityProviderStrategy as Json[] | undefined) ?? []);
      const existing = ctx.state.clusters[name];
      // CreateCluster is idempotent for an ACTIVE cluster: AWS answers with the existing one.
      if (existing && existing.status === 'ACTIVE') return { cluster: clusterView(ctx, existing) };
      const c: ClusterRecord = {
        name,
        arn: clusterArn(ctx.scope, name),
        status: 'ACTIVE',
        tags,
        settings,
        ...(input.configuration ? { configuration: input.configuration as Json } : {}),
        capacityProviders: providers,
        defaultCapacityProviderStrategy: strategy,
        ...(input.serviceConnectDefaults ? { serviceConnectDefaults: input.serviceConnectDefaults as Json } : {}),
        createdAt: ctx.now(),
        stamp: ctx.env.consistency.stamp(),
      };
      ctx.state.clusters[name] = c;
      return { cluster: clusterView(ctx, c, ['TAGS', 'SETTINGS']) };
    },

    DescribeClusters: (input) => {
      const refs = (input.clusters as string[] | undefined) ?? [DEFAULT_CLUSTER];
      const include = (input.include as string[] | undefined) ?? [];
      const clusters: Json[] = [];
      const failures: Json[] = [];
      for (const ref of refs) {
        const c = ctx.state.clusters[clusterNameOf(ref)];
        if (c && ctx.visible(c)) clusters.push(clusterView(ctx, c, include));
        else failures.push({ arn: clusterArn(ctx.scope, clusterNameOf(ref)), reason: 'MISSING' });
      }
      return { clusters, failures };
    },

    ListClusters: (input) => {
      const arns = Object.values(ctx.state.clusters)
        .filter((c) => c.status === 'ACTIVE' && ctx.visible(c))
        .map((c) => c.arn)
        .sort();
      const page = paginate(
        arns,
        input,
        { defaultSize: 100, maxSize: 100, badToken: badNextToken, badSize: badMaxResults(100) },
        'clusters',
      );
      return { clusterArns: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
    },

    DeleteCluster: (input) => {
      const c = findCluster(ctx, input.cluster);
      const services = Object.values(ctx.state.services).filter((s) => s.clusterName === c.name && s.status !== 'INACTIVE');
      if (services.length > 0)
        throw new AwsError('ClusterContainsServicesException', 'The Cluster cannot be deleted while Services are active.');
      if (tasksOfCluster(ctx, c.name).some((t) => t.lastStatus !== 'STOPPED')) {
        throw new AwsError('ClusterContainsTasksException', 'The Cluster cannot be deleted while Tasks are active.');
      }
      c.status = 'INACTIVE';
      return { cluster: clusterView(ctx, c) };
    },

    UpdateClusterSettings: (input) => {
      const c = findCluster(ctx, input.cluster);
      const settings = input.settings as Json[];
      checkSettings(settings);
      for (const s of settings) {
        const i = c.settings.findIndex((x) => x.name === s.name);
        if (i >= 0) c.settings[i] = s;
        else c.settings.push(s);
      }
      return { cluster: clusterView(ctx, c, ['SETTINGS']) };
    },
  };
}
