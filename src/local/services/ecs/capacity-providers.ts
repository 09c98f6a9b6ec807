// Create/Describe/Update/DeleteCapacityProvider and PutClusterCapacityProviders; the Auto Scaling groups are not emulated.
import { AwsError } from '../../aws-error.js';
import { paginate } from '../../paginate.js';
import type { Handler } from '../../service.js';
import { clusterView } from './cluster-handlers.js';
import { type EcsContext, findCluster } from './ecs-context.js';
import { badMaxResults, badNextToken, clientError, invalidParameter } from './ecs-errors.js';
import { clusterNameOf, NAME_PATTERN } from './ecs-names.js';
import type { CapacityProviderRecord, ClusterRecord, Json } from './ecs-state.js';
import { checkTagCount, readTags } from './ecs-tags.js';
import { asgProviderOf, fargateView, notFound, providerArn, providerNameOf, providerView, reserved } from './capacity-provider-views.js';

export { providerNameOf } from './capacity-provider-views.js';
import { checkStrategy, FARGATE_PROVIDERS, isFargateProvider, strategyView } from './capacity-strategy.js';

const activeClusters = (ctx: EcsContext): ClusterRecord[] => Object.values(ctx.state.clusters).filter((c) => c.status === 'ACTIVE');

/** Whether a task that has not stopped, or an ACTIVE service's strategy, uses the provider in the cluster. */
function inUse(ctx: EcsContext, cluster: string, provider: string): boolean {
  const tasks = Object.values(ctx.state.tasks).some(
    (t) => t.clusterName === cluster && t.capacityProviderName === provider && t.lastStatus !== 'STOPPED',
  );
  const services = Object.values(ctx.state.services).some(
    (s) =>
      s.clusterName === cluster &&
      s.status !== 'INACTIVE' &&
      (s.config.capacityProviderStrategy ?? []).some((i) => i.capacityProvider === provider),
  );
  return tasks || services;
}

/**
 * Checks a cluster's providers and default strategy (CreateCluster, PutClusterCapacityProviders): each provider exists,
 * an Auto Scaling group provider belongs to no other cluster, and the strategy uses only the listed providers.
 */
export function checkClusterProviders(ctx: EcsContext, cluster: string, providers: readonly string[], strategy: readonly Json[]): Json[] {
  for (const name of providers) {
    if (isFargateProvider(name)) continue;
    const p = ctx.state.capacityProviders[name];
    if (!p || p.status !== 'ACTIVE')
      throw invalidParameter(`The specified capacity provider ${name} does not exist. Specify a valid capacity provider and try again.`);
    const other = activeClusters(ctx).find((c) => c.name !== cluster && c.capacityProviders.includes(name));
    if (other)
      throw invalidParameter(`The specified capacity provider ${name} is already associated with another cluster (${other.name}).`);
  }
  checkStrategy(strategy, providers);
  return strategyView(strategy);
}

export function capacityProviderHandlers(ctx: EcsContext): Record<string, Handler> {
  const state = ctx.state;
  const find = (ref: string): CapacityProviderRecord => {
    const name = providerNameOf(ref);
    if (isFargateProvider(name)) throw reserved();
    const p = state.capacityProviders[name];
    if (!p || p.status !== 'ACTIVE') throw notFound();
    return p;
  };
  return {
    CreateCapacityProvider: (input) => {
      const name = String(input.name);
      if (!NAME_PATTERN.test(name))
        throw invalidParameter('The capacity provider name can have up to 255 letters, numbers, underscores (_) and hyphens (-).');
      if (/^(aws|ecs|fargate)/i.test(name))
        throw invalidParameter('The capacity provider name cannot be prefixed with "aws", "ecs", or "fargate".');
      if (input.managedInstancesProvider !== undefined)
        throw invalidParameter('cortado local does not emulate Amazon ECS Managed Instances capacity providers.');
      const raw = input.autoScalingGroupProvider as Json | undefined;
      if (!raw) throw invalidParameter('autoScalingGroupProvider must be specified.');
      const asg = asgProviderOf(raw);
      const tags = readTags(input.tags);
      checkTagCount(tags);
      if (state.capacityProviders[name]?.status === 'ACTIVE')
        throw clientError(
          'The specified capacity provider already exists. To change the configuration of an existing capacity provider, update the capacity provider.',
        );
      const group = String(asg.autoScalingGroupArn);
      if (
        Object.values(state.capacityProviders).some(
          (p) => p.status === 'ACTIVE' && p.autoScalingGroupProvider.autoScalingGroupArn === group,
        )
      )
        throw clientError('The specified Auto Scaling group ARN is already being used by another capacity provider.');
      const p: CapacityProviderRecord = {
        name,
        arn: providerArn(ctx, name),
        status: 'ACTIVE',
        updateStatus: 'CREATE_COMPLETE',
        autoScalingGroupProvider: asg,
        tags,
        stamp: ctx.env.consistency.stamp(),
      };
      state.capacityProviders[name] = p;
      return { capacityProvider: providerView(p, true) };
    },

    UpdateCapacityProvider: (input) => {
      const p = find(String(input.name));
      if (input.managedInstancesProvider !== undefined)
        throw invalidParameter('cortado local does not emulate Amazon ECS Managed Instances capacity providers.');
      const raw = (input.autoScalingGroupProvider as Json | undefined) ?? {};
      p.autoScalingGroupProvider = asgProviderOf(raw, p.autoScalingGroupProvider);
      p.updateStatus = 'UPDATE_COMPLETE';
      p.stamp = ctx.env.consistency.stamp();
      return { capacityProvider: providerView(p, false) };
    },

    DeleteCapacityProvider: (input) => {
      const p = find(String(input.capacityProvider));
      const cluster = activeClusters(ctx).find((c) => c.capacityProviders.includes(p.name));
      const service = Object.values(state.services).find(
        (s) => s.status !== 'INACTIVE' && (s.config.capacityProviderStrategy ?? []).some((i) => i.capacityProvider === p.name),
      );
      if (cluster || service)
        throw clientError(
          `The specified capacity provider is in use and cannot be removed. Remove it from the ${cluster ? `cluster ${cluster.name}` : `service ${service!.name}`} first.`,
        );
      p.status = 'INACTIVE';
      p.updateStatus = 'DELETE_COMPLETE';
      p.stamp = ctx.env.consistency.stamp();
      // AWS answers while the deletion is under way; it has finished by the next call here.
      return { capacityProvider: providerView(p, false, 'DELETE_IN_PROGRESS', 'ACTIVE') };
    },

    DescribeCapacityProviders: (input) => {
      const withTags = ((input.include as string[] | undefined) ?? []).includes('TAGS');
      const refs = input.capacityProviders as string[] | undefined;
      const only = input.cluster !== undefined ? findCluster(ctx, clusterNameOf(input.cluster)).capacityProviders : undefined;
      const view = (name: string): Json | undefined => {
        if (isFargateProvider(name)) return fargateView(ctx, name, withTags);
        const p = state.capacityProviders[name];
        return p && ctx.visible(p) ? providerView(p, withTags) : undefined;
      };
      if (refs && refs.length > 0) {
        if (refs.length > 100) throw invalidParameter('You can specify up to 100 capacity providers in a single request.');
        const capacityProviders: Json[] = [];
        const failures: Json[] = [];
        for (const ref of refs) {
          const name = providerNameOf(ref);
          const v = only && !only.includes(name) ? undefined : view(name);
          if (v) capacityProviders.push(v);
          else failures.push({ arn: ref.startsWith('arn:') ? ref : providerArn(ctx, name), reason: 'MISSING' });
        }
        return { capacityProviders, failures };
      }
      const names = [
        ...FARGATE_PROVIDERS,
        ...Object.values(state.capacityProviders)
          .filter((p) => p.status === 'ACTIVE')
          .map((p) => p.name)
          .sort(),
      ].filter((n) => only === undefined || only.includes(n));
      const page = paginate(
        names,
        input,
        { defaultSize: 10, maxSize: 10, badToken: badNextToken, badSize: badMaxResults(10) },
        `cp:${String(input.cluster ?? '')}`,
      );
      return {
        capacityProviders: page.items.map(view).filter((v): v is Json => v !== undefined),
        failures: [],
        ...(page.nextToken ? { nextToken: page.nextToken } : {}),
      };
    },

    PutClusterCapacityProviders: (input) => {
      const c = findCluster(ctx, input.cluster);
      const providers = (input.capacityProviders as string[]).map(providerNameOf);
      const strategy = checkClusterProviders(ctx, c.name, providers, input.defaultCapacityProviderStrategy as Json[]);
      const removed = c.capacityProviders.find((p) => !providers.includes(p) && inUse(ctx, c.name, p));
      if (removed !== undefined)
        throw new AwsError('ResourceInUseException', `The specified capacity provider ${removed} is in use and cannot be removed.`);
      c.capacityProviders = providers;
      c.defaultCapacityProviderStrategy = strategy;
      c.stamp = ctx.env.consistency.stamp();
      return { cluster: clusterView(ctx, c) };
    },
  };
}
