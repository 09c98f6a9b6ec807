// Puts a service definition (from a file or from DescribeServices) in one canonical form with AWS's defaults filled on both sides.
import type { Service } from '@aws-sdk/client-ecs';
import type { ServiceDefinition } from '../config/definitions.js';
import { byJson, type Json, prune, sortBy } from '../diff/prune.js';

/** DescribeServices' fields that a service definition can set (ecspresso compares the UpdateService input plus tags). */
const DEFINITION_FIELDS = [
  'loadBalancers',
  'serviceRegistries',
  'desiredCount',
  'launchType',
  'capacityProviderStrategy',
  'platformVersion',
  'deploymentConfiguration',
  'placementConstraints',
  'placementStrategy',
  'networkConfiguration',
  'healthCheckGracePeriodSeconds',
  'schedulingStrategy',
  'deploymentController',
  'tags',
  'enableECSManagedTags',
  'propagateTags',
  'enableExecuteCommand',
  'availabilityZoneRebalancing',
] as const;

/** Fields DescribeServices reports only under the PRIMARY deployment (as ecspresso reads them). */
const DEPLOYMENT_FIELDS = ['serviceConnectConfiguration', 'volumeConfigurations', 'vpcLatticeConfigurations'] as const;

/** A described service as a service definition (what `init` writes and `diff` compares with). */
export function serviceAsDefinition(svc: Service): ServiceDefinition {
  const out: Record<string, unknown> = {};
  for (const k of DEFINITION_FIELDS) if (svc[k] !== undefined) out[k] = svc[k];
  const primary = svc.deploymentController?.type === 'CODE_DEPLOY' ? undefined : svc.deployments?.find((d) => d.status === 'PRIMARY');
  for (const k of DEPLOYMENT_FIELDS) if (primary?.[k] !== undefined) out[k] = primary[k];
  return out as ServiceDefinition;
}

/** `{enabled: false}` means none; a service's discoveryName defaults to its portName (AWS fills it in). */
function serviceConnect(sd: ServiceDefinition): unknown {
  const sc = sd.serviceConnectConfiguration;
  if (!sc || sc.enabled === false) return undefined;
  return {
    ...sc,
    services: sc.services?.map((x) => (x.discoveryName === x.portName ? { ...x, discoveryName: undefined } : x)),
  };
}

/**
 * Fields AWS fills with a value we cannot predict, or that UpdateService leaves alone when left out (monitoring, read
 * from the service revision): compared only when the local definition sets them.
 */
const ONLY_WHEN_SET = ['desiredCount', 'availabilityZoneRebalancing', 'monitoring'] as const;

type CircuitBreaker = NonNullable<NonNullable<ServiceDefinition['deploymentConfiguration']>['deploymentCircuitBreaker']>;

/** AWS's documented defaults (resetOnHealthyTask true, threshold BOUNDED_PERCENT 50) mean the same as leaving them out. */
function circuitBreaker(cb: CircuitBreaker | undefined): CircuitBreaker {
  const out = { ...(cb ?? { enable: false, rollback: false }) };
  if (out.resetOnHealthyTask === true) delete out.resetOnHealthyTask;
  const tc = out.thresholdConfiguration;
  if (tc && tc.type === 'BOUNDED_PERCENT' && tc.value === 50) delete out.thresholdConfiguration;
  return out;
}

function deploymentConfiguration(sd: ServiceDefinition): Record<string, unknown> | undefined {
  const daemon = sd.schedulingStrategy === 'DAEMON';
  const dc = sd.deploymentConfiguration ?? {};
  return {
    ...dc,
    maximumPercent: dc.maximumPercent ?? (daemon ? 100 : 200),
    minimumHealthyPercent: dc.minimumHealthyPercent ?? (daemon ? 0 : 100),
    deploymentCircuitBreaker: daemon ? dc.deploymentCircuitBreaker : circuitBreaker(dc.deploymentCircuitBreaker),
    earlySuccessCriteria: dc.earlySuccessCriteria?.enable ? dc.earlySuccessCriteria : undefined,
    strategy: dc.strategy ?? 'ROLLING',
    alarms: dc.alarms && !dc.alarms.enable && !dc.alarms.rollback && !dc.alarms.alarmNames?.length ? undefined : dc.alarms,
  };
}

/** Pure: the canonical form of a service definition. `local` tells which optional fields count. */
export function normalizeServiceDefinition(sd: ServiceDefinition, local: ServiceDefinition, ignoreTags: readonly string[] = []): Json {
  const base: Record<string, unknown> = { ...sd };
  delete base.serviceName;
  delete base.role;
  delete base.clientToken;
  for (const k of ONLY_WHEN_SET) if (local[k] === undefined) delete base[k];
  const vpc = sd.networkConfiguration?.awsvpcConfiguration;
  const fargate = sd.launchType === 'FARGATE' || sd.capacityProviderStrategy?.some((c) => c.capacityProvider?.startsWith('FARGATE'));
  return (
    prune({
      ...base,
      platformVersion: sd.platformVersion ?? (fargate ? 'LATEST' : undefined),
      schedulingStrategy: sd.schedulingStrategy ?? 'REPLICA',
      deploymentConfiguration: deploymentConfiguration(sd),
      deploymentController: sd.deploymentController ?? { type: 'ECS' },
      networkConfiguration: vpc
        ? {
            awsvpcConfiguration: {
              ...vpc,
              assignPublicIp: vpc.assignPublicIp ?? 'DISABLED',
              subnets: vpc.subnets ? [...vpc.subnets].sort() : undefined,
              securityGroups: vpc.securityGroups ? [...vpc.securityGroups].sort() : undefined,
            },
          }
        : sd.networkConfiguration,
      healthCheckGracePeriodSeconds: sd.healthCheckGracePeriodSeconds || undefined,
      propagateTags: sd.propagateTags ?? 'NONE',
      enableECSManagedTags: sd.enableECSManagedTags ?? false,
      enableExecuteCommand: sd.enableExecuteCommand ?? false,
      loadBalancers: sortBy(sd.loadBalancers, byJson),
      serviceRegistries: sortBy(sd.serviceRegistries, byJson),
      placementConstraints: sortBy(sd.placementConstraints, byJson),
      placementStrategy: sd.placementStrategy,
      serviceConnectConfiguration: serviceConnect(sd),
      volumeConfigurations: sd.volumeConfigurations?.length ? sd.volumeConfigurations : undefined,
      vpcLatticeConfigurations: sd.vpcLatticeConfigurations?.length ? sd.vpcLatticeConfigurations : undefined,
      capacityProviderStrategy: sortBy(sd.capacityProviderStrategy, (c) => c.capacityProvider ?? ''),
      tags: sortBy(
        sd.tags?.filter((t) => !ignoreTags.includes(t.key ?? '')),
        (t) => t.key ?? '',
      ),
    }) ?? {}
  );
}
