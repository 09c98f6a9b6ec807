// Pure: the CreateService and UpdateService inputs a service definition and deploy options make.
import type { CreateServiceCommandInput, UpdateServiceCommandInput } from '@aws-sdk/client-ecs';
import type { ServiceDefinition } from '../config/definitions.js';

/** Fields UpdateService takes from a service definition (launchType and schedulingStrategy cannot change). */
const UPDATABLE = [
  'capacityProviderStrategy',
  'deploymentConfiguration',
  'networkConfiguration',
  'placementConstraints',
  'placementStrategy',
  'platformVersion',
  'healthCheckGracePeriodSeconds',
  'enableExecuteCommand',
  'enableECSManagedTags',
  'loadBalancers',
  'propagateTags',
  'serviceRegistries',
  'serviceConnectConfiguration',
  'volumeConfigurations',
  'vpcLatticeConfigurations',
  'availabilityZoneRebalancing',
  'monitoring',
] as const;

export interface UpdateChoice {
  readonly taskDefinitionArn: string;
  /** --tasks N; otherwise desiredCount is left alone (auto scaling owns it). */
  readonly desiredCount?: number;
  readonly forceNewDeployment: boolean;
}

export function updateServiceInput(
  cluster: string,
  service: string,
  sd: ServiceDefinition | undefined,
  choice: UpdateChoice,
): UpdateServiceCommandInput {
  const input: Record<string, unknown> = {
    cluster,
    service,
    taskDefinition: choice.taskDefinitionArn,
    forceNewDeployment: choice.forceNewDeployment,
  };
  for (const k of UPDATABLE) if (sd?.[k] !== undefined) input[k] = sd[k];
  if (choice.desiredCount !== undefined) input.desiredCount = choice.desiredCount;
  return input as unknown as UpdateServiceCommandInput;
}

export function createServiceInput(
  cluster: string,
  service: string,
  sd: ServiceDefinition,
  taskDefinitionArn: string,
  desiredCount: number | undefined,
): CreateServiceCommandInput {
  const { serviceName: _ignored, ...rest } = sd;
  return {
    ...rest,
    cluster,
    serviceName: service,
    taskDefinition: taskDefinitionArn,
    desiredCount: desiredCount ?? sd.desiredCount ?? 1,
  } as CreateServiceCommandInput;
}
