// Capacity provider strategies: AWS's rules for a strategy, the launch type it implies, and which provider gets each task.
import { invalidParameter } from './ecs-errors.js';
import type { Json } from './ecs-state.js';

/** The capacity providers every account has [DG:"Amazon ECS clusters for Fargate"]. */
export const FARGATE_PROVIDERS: readonly string[] = ['FARGATE', 'FARGATE_SPOT'];

export const isFargateProvider = (name: string): boolean => FARGATE_PROVIDERS.includes(name);

/** What a provider's tasks run as: Fargate's providers run FARGATE tasks, Auto Scaling group providers EC2 tasks. */
export const launchTypeOf = (provider: string): 'FARGATE' | 'EC2' => (isFargateProvider(provider) ? 'FARGATE' : 'EC2');

export interface StrategyItem {
  readonly capacityProvider: string;
  readonly weight: number;
  readonly base: number;
}

export const strategyItems = (raw: readonly Json[]): StrategyItem[] =>
  raw.map((i) => ({
    capacityProvider: String(i.capacityProvider),
    weight: typeof i.weight === 'number' ? i.weight : 0,
    base: typeof i.base === 'number' ? i.base : 0,
  }));

/** The strategy as AWS reports it back (weight and base filled in). */
export const strategyView = (raw: readonly Json[]): Json[] =>
  strategyItems(raw).map((i) => ({ capacityProvider: i.capacityProvider, weight: i.weight, base: i.base }));

/**
 * [API:ECS CapacityProviderStrategyItem] and [API:ECS CreateService]: providers associated with the cluster, not mixing
 * Fargate and Auto Scaling group providers, one base at most, and a weight above zero when there are several.
 */
export function checkStrategy(raw: readonly Json[], associated: readonly string[]): StrategyItem[] {
  const items = strategyItems(raw);
  if (items.length > 20) throw invalidParameter('A capacity provider strategy can contain a maximum of 20 capacity providers.');
  const names = items.map((i) => i.capacityProvider);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup !== undefined)
    throw invalidParameter(`The capacity provider ${dup} is specified more than once in the capacity provider strategy.`);
  if (names.some((n) => !associated.includes(n)))
    throw invalidParameter(
      'The specified capacity provider strategy cannot contain a capacity provider that is not associated with the cluster. Associate the capacity provider with the cluster or specify a valid capacity provider and try again.',
    );
  const fargate = names.filter(isFargateProvider).length;
  if (fargate > 0 && fargate < names.length)
    throw invalidParameter(
      'A capacity provider strategy cannot contain a mix of capacity providers using Auto Scaling groups and Fargate providers. Specify one or the other and try again.',
    );
  if (items.filter((i) => i.base > 0).length > 1)
    throw invalidParameter('Only one capacity provider in a capacity provider strategy can have a base defined.');
  if (items.length > 1 && items.every((i) => i.weight === 0))
    throw invalidParameter('At least one capacity provider in a capacity provider strategy must have a weight greater than zero.');
  return items;
}

/**
 * The provider the next task goes to, given how many live tasks each provider already has: the provider with a base
 * until it has that many, then the one whose share of tasks above its base is furthest below its weight's share.
 */
export function nextProvider(items: readonly StrategyItem[], counts: Readonly<Record<string, number>>): string | undefined {
  const withBase = items.find((i) => i.base > 0 && (counts[i.capacityProvider] ?? 0) < i.base);
  if (withBase) return withBase.capacityProvider;
  const weighted = items.filter((i) => i.weight > 0);
  // A single provider of weight 0 still takes the tasks (AWS lets a one-item strategy have weight 0).
  const pool = weighted.length > 0 ? weighted : items.length === 1 ? items : [];
  let best: StrategyItem | undefined;
  let bestLoad = Infinity;
  for (const i of pool) {
    const above = Math.max(0, (counts[i.capacityProvider] ?? 0) - i.base);
    const load = (above + 1) / Math.max(i.weight, 1);
    // Ties go to the heavier weight (1:3 over four tasks gives 1 and 3).
    if (load < bestLoad || (load === bestLoad && best !== undefined && i.weight > best.weight)) {
      best = i;
      bestLoad = load;
    }
  }
  return best?.capacityProvider;
}

export interface LaunchChoice {
  /** What the tasks run as (FARGATE or EC2). */
  readonly launchType: string;
  /** Set when the tasks go through capacity providers (given, or the cluster's default strategy). */
  readonly strategy?: readonly Json[];
}

/**
 * [API:ECS CreateService, RunTask]: a launch type or a capacity provider strategy, never both; with neither, the cluster's
 * default strategy, and without one the EC2 launch type.
 */
export function resolveLaunch(
  launchType: unknown,
  strategy: unknown,
  cluster: { readonly capacityProviders: readonly string[]; readonly defaultCapacityProviderStrategy: readonly Json[] },
): LaunchChoice {
  const given = Array.isArray(strategy) && strategy.length > 0 ? (strategy as Json[]) : undefined;
  if (launchType !== undefined && given)
    throw invalidParameter('Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.');
  if (typeof launchType === 'string') return { launchType };
  const chosen = given ?? (cluster.defaultCapacityProviderStrategy.length > 0 ? cluster.defaultCapacityProviderStrategy : undefined);
  if (!chosen) return { launchType: 'EC2' };
  const items = checkStrategy(chosen, cluster.capacityProviders);
  return { launchType: launchTypeOf(items[0]!.capacityProvider), strategy: strategyView(chosen) };
}
