// The AppSpec of a CodeDeploy ECS deployment, in ecspresso's shape: the task definition, and the container and port behind the load balancer.
import type { Service } from '@aws-sdk/client-ecs';
import { stringify } from 'yaml';
import { UsageError } from '../../core/errors.js';

export interface TargetServiceProperties {
  readonly TaskDefinition: string;
  readonly LoadBalancerInfo: { readonly ContainerName: string; readonly ContainerPort: number };
  readonly PlatformVersion?: string;
  readonly NetworkConfiguration?: {
    readonly AwsvpcConfiguration: {
      readonly Subnets: readonly string[];
      readonly SecurityGroups?: readonly string[];
      readonly AssignPublicIp?: string;
    };
  };
  readonly CapacityProviderStrategy?: readonly { readonly Base?: number; readonly CapacityProvider: string; readonly Weight?: number }[];
}

export interface AppSpec {
  readonly version: number;
  readonly Resources: readonly {
    readonly TargetService: { readonly Type: 'AWS::ECS::Service'; readonly Properties: TargetServiceProperties };
  }[];
  readonly Hooks?: readonly Readonly<Record<string, string>>[];
}

/** Pure: the AppSpec that deploys `taskDefinitionArn` to the service, with the hooks of the config's `appspec:` section. */
export function buildAppSpec(svc: Service, taskDefinitionArn: string, configAppSpec?: Readonly<Record<string, unknown>>): AppSpec {
  const lb = svc.loadBalancers?.[0];
  if (!lb?.containerName || lb.containerPort === undefined)
    throw new UsageError(
      'BAD_DEFINITION',
      `service ${svc.serviceName ?? ''} has no load balancer with containerName and containerPort: a CodeDeploy blue/green service needs one`,
    );
  const vpc = svc.networkConfiguration?.awsvpcConfiguration;
  const props: TargetServiceProperties = {
    TaskDefinition: taskDefinitionArn,
    LoadBalancerInfo: { ContainerName: lb.containerName, ContainerPort: lb.containerPort },
    ...(svc.platformVersion ? { PlatformVersion: svc.platformVersion } : {}),
    ...(vpc?.subnets
      ? {
          NetworkConfiguration: {
            AwsvpcConfiguration: {
              Subnets: vpc.subnets,
              ...(vpc.securityGroups ? { SecurityGroups: vpc.securityGroups } : {}),
              ...(vpc.assignPublicIp ? { AssignPublicIp: vpc.assignPublicIp } : {}),
            },
          },
        }
      : {}),
    ...(svc.capacityProviderStrategy?.length
      ? {
          CapacityProviderStrategy: svc.capacityProviderStrategy.map((s) => ({
            CapacityProvider: s.capacityProvider!,
            ...(s.base !== undefined ? { Base: s.base } : {}),
            ...(s.weight !== undefined ? { Weight: s.weight } : {}),
          })),
        }
      : {}),
  };
  const hooks = configAppSpec?.Hooks;
  return {
    version: 0,
    Resources: [{ TargetService: { Type: 'AWS::ECS::Service', Properties: props } }],
    ...(Array.isArray(hooks) ? { Hooks: hooks as Record<string, string>[] } : {}),
  };
}

/** The AppSpec as YAML, with `version: 0.0` as AWS writes it. */
export function appSpecYaml(spec: AppSpec): string {
  const { version: _v, ...rest } = spec;
  return `version: 0.0\n${stringify(rest)}`;
}
