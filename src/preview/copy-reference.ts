// The preview's task definition and service, copied from the reference's with the overrides applied (pure: AWS API shapes in, out).
import type { CreateServiceCommandInput, DeploymentConfiguration, KeyValuePair, RegisterTaskDefinitionCommandInput, Service, TaskDefinition } from '@aws-sdk/client-ecs';
import { UsageError } from '../core/errors.js';
import { ecsTags, type TagMap } from './preview-tags.js';

/** A whole image, a new tag for the reference's image, or the reference's image as it is. */
export type ImageOverride =
  | { readonly kind: 'image'; readonly value: string }
  | { readonly kind: 'tag'; readonly value: string }
  | { readonly kind: 'none' };

export interface Overrides {
  readonly image: ImageOverride;
  /** Applied over the container's environment: config first, then the command line. */
  readonly environment: Readonly<Record<string, string>>;
}

/** Fields DescribeTaskDefinition returns that RegisterTaskDefinition does not take. */
const READ_ONLY = new Set(['taskDefinitionArn', 'revision', 'status', 'requiresAttributes', 'compatibilities', 'registeredAt', 'registeredBy', 'deregisteredAt', 'deleteRequestedAt']);
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/** `repo/app:old@sha256:...` with tag `new` → `repo/app:new`: the tag replaces the tag and the digest. */
export function imageWithTag(image: string, tag: string): string {
  if (!TAG.test(tag)) throw new UsageError('BAD_OPTION', `--tag expects an image tag (letters, digits, _ . -, at most 128), got ${JSON.stringify(tag)}`);
  const bare = image.replace(/@.*$/, '');
  const slash = bare.lastIndexOf('/');
  const colon = bare.lastIndexOf(':');
  return `${colon > slash ? bare.slice(0, colon) : bare}:${tag}`;
}

function imageFor(current: string, o: ImageOverride): string {
  switch (o.kind) {
    case 'image': return o.value;
    case 'tag': return imageWithTag(current, o.value);
    case 'none': return current;
  }
}

function mergeEnvironment(current: readonly KeyValuePair[] | undefined, extra: Readonly<Record<string, string>>): KeyValuePair[] {
  const byName = new Map((current ?? []).map((kv) => [kv.name ?? '', kv.value ?? ''] as const));
  for (const [k, v] of Object.entries(extra)) byName.set(k, v);
  return [...byName.entries()].map(([name, value]) => ({ name, value }));
}

export function taskDefinitionInput(ref: TaskDefinition, family: string, container: string, o: Overrides, tags: TagMap): RegisterTaskDefinitionCommandInput {
  const copy = Object.fromEntries(Object.entries(ref).filter(([k, v]) => !READ_ONLY.has(k) && v !== undefined)) as RegisterTaskDefinitionCommandInput;
  return {
    ...copy,
    family,
    containerDefinitions: (ref.containerDefinitions ?? []).map((c) => (c.name !== container ? c : {
      ...c, image: imageFor(c.image ?? '', o.image), environment: mergeEnvironment(c.environment, o.environment),
    })),
    tags: ecsTags(tags),
  };
}

/** The image the preview runs, for messages and `env ls`. */
export const imageOf = (td: { containerDefinitions?: ReadonlyArray<{ name?: string | undefined; image?: string | undefined }> | undefined }, container: string): string =>
  td.containerDefinitions?.find((c) => c.name === container)?.image ?? td.containerDefinitions?.[0]?.image ?? '';

function deploymentOf(ref: Service): DeploymentConfiguration | undefined {
  const d = ref.deploymentConfiguration;
  if (!d) return undefined;
  // Alarms name the reference's own CloudWatch alarms; a preview is not judged by them.
  const { maximumPercent, minimumHealthyPercent, deploymentCircuitBreaker } = d;
  return {
    ...(maximumPercent !== undefined ? { maximumPercent } : {}), ...(minimumHealthyPercent !== undefined ? { minimumHealthyPercent } : {}),
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
    cluster: p.cluster, serviceName: p.name, taskDefinition: p.taskDefinitionArn, desiredCount: p.desiredCount,
    ...(ref.capacityProviderStrategy?.length ? { capacityProviderStrategy: ref.capacityProviderStrategy } : ref.launchType ? { launchType: ref.launchType } : {}),
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
