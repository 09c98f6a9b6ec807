// The preview's task definition and service, copied from the reference's with the overrides applied (pure: AWS API shapes in, out).
import type {
  CreateServiceCommandInput,
  DeploymentConfiguration,
  RegisterTaskDefinitionCommandInput,
  Service,
  TaskDefinition,
} from '@aws-sdk/client-ecs';
import { changedTaskDefinition, type ImageChange } from '../ecs/task-definition-change.js';
import { ecsTags, type TagMap } from './preview-tags.js';

/** A whole image, a new tag for the reference's image, or the reference's image as it is. */
export type ImageOverride = ImageChange;

export interface Overrides {
  readonly image: ImageOverride;
  /** Applied over the container's environment: config first, then the command line. */
  readonly environment: Readonly<Record<string, string>>;
}

export function taskDefinitionInput(
  ref: TaskDefinition,
  family: string,
  container: string,
  o: Overrides,
  tags: TagMap,
): RegisterTaskDefinitionCommandInput {
  return { ...changedTaskDefinition(ref, container, { image: o.image, env: o.environment }), family, tags: ecsTags(tags) };
}

/** The image the preview runs, for messages and `env ls`. */
export const imageOf = (
  td: { containerDefinitions?: ReadonlyArray<{ name?: string | undefined; image?: string | undefined }> | undefined },
  container: string,
): string => td.containerDefinitions?.find((c) => c.name === container)?.image ?? td.containerDefinitions?.[0]?.image ?? '';

function deploymentOf(ref: Service): DeploymentConfiguration | undefined {
  const d = ref.deploymentConfiguration;
  if (!d) return undefined;
  // Alarms name the reference's own CloudWatch alarms; a preview is not judged by them.
  const { maximumPercent, minimumHealthyPercent, deploymentCircuitBreaker } = d;
  return {
    ...(maximumPercent !== undefined ? { maximumPercent } : {}),
    ...(minimumHealthyPercent !== undefined ? { minimumHealthyPercent } : {}),
    ...(deploymentCircuitBreaker ? { deploymentCircuitBreaker } : {}),
  };
}

export interface ServicePlacement {
  readonly cluster: string;
  readonly name: string;
  readonly taskDefinitionArn: string;
  readonly targetGroupArn: string;
  readonly container: string;
  readonly port: number;
  readonly desiredCount: number;
  readonly tags: TagMap;
}

/** The reference's network, capacity, placement and deployment settings, on the preview's target group; Cloud Map registries are not copied. */
export function serviceInput(ref: Service, p: ServicePlacement): CreateServiceCommandInput {
  const deployment = deploymentOf(ref);
  return {
    cluster: p.cluster,
    serviceName: p.name,
    taskDefinition: p.taskDefinitionArn,
    desiredCount: p.desiredCount,
    ...(ref.capacityProviderStrategy?.length
      ? { capacityProviderStrategy: ref.capacityProviderStrategy }
      : ref.launchType
        ? { launchType: ref.launchType }
        : {}),
    ...(ref.platformVersion ? { platformVersion: ref.platformVersion } : {}),
    ...(ref.networkConfiguration ? { networkConfiguration: ref.networkConfiguration } : {}),
    loadBalancers: [{ targetGroupArn: p.targetGroupArn, containerName: p.container, containerPort: p.port }],
    ...(ref.healthCheckGracePeriodSeconds !== undefined ? { healthCheckGracePeriodSeconds: ref.healthCheckGracePeriodSeconds } : {}),
    ...(deployment ? { deploymentConfiguration: deployment } : {}),
    ...(ref.placementConstraints?.length ? { placementConstraints: ref.placementConstraints } : {}),
    ...(ref.placementStrategy?.length ? { placementStrategy: ref.placementStrategy } : {}),
    ...(ref.enableExecuteCommand ? { enableExecuteCommand: true } : {}),
    tags: ecsTags(p.tags),
  };
}
