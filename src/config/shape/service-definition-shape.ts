// CreateService's input shape, minus what the config gives (cluster, service name, task definition), for errors before any call.
import { S, type Shape } from './shape.js';

export const SERVICE_DEFINITION: Shape = S.struct({
  serviceName: S.str(/^[A-Za-z0-9_-]{1,255}$/, 'up to 255 letters, digits, hyphens and underscores'),
  loadBalancers: S.list(
    S.struct({
      targetGroupArn: S.str(),
      loadBalancerName: S.str(),
      containerName: S.str(),
      containerPort: S.int(0, 65535),
      advancedConfiguration: S.any,
    }),
  ),
  serviceRegistries: S.list(S.struct({ registryArn: S.str(), port: S.int(), containerName: S.str(), containerPort: S.int() })),
  desiredCount: S.int(0),
  clientToken: S.str(),
  launchType: S.oneOf('EC2', 'FARGATE', 'EXTERNAL', 'MANAGED_INSTANCES'),
  capacityProviderStrategy: S.list(
    S.struct({ capacityProvider: S.str(), weight: S.int(0, 1000), base: S.int(0, 100000) }, ['capacityProvider']),
  ),
  platformVersion: S.str(),
  role: S.str(),
  deploymentConfiguration: S.struct({
    deploymentCircuitBreaker: S.struct({ enable: S.bool, rollback: S.bool, resetOnHealthyTask: S.bool, thresholdConfiguration: S.any }, [
      'enable',
      'rollback',
    ]),
    maximumPercent: S.int(0),
    minimumHealthyPercent: S.int(0),
    alarms: S.struct({ alarmNames: S.list(S.str()), enable: S.bool, rollback: S.bool }, ['alarmNames', 'enable', 'rollback']),
    strategy: S.oneOf('ROLLING', 'BLUE_GREEN', 'LINEAR', 'CANARY'),
    bakeTimeInMinutes: S.int(0),
    lifecycleHooks: S.any,
    canaryConfiguration: S.any,
    linearConfiguration: S.any,
  }),
  placementConstraints: S.list(S.struct({ type: S.oneOf('distinctInstance', 'memberOf'), expression: S.str() })),
  placementStrategy: S.list(S.struct({ type: S.oneOf('random', 'spread', 'binpack'), field: S.str() })),
  networkConfiguration: S.struct({
    awsvpcConfiguration: S.struct(
      { subnets: S.list(S.str()), securityGroups: S.list(S.str()), assignPublicIp: S.oneOf('ENABLED', 'DISABLED') },
      ['subnets'],
    ),
  }),
  healthCheckGracePeriodSeconds: S.int(0),
  schedulingStrategy: S.oneOf('REPLICA', 'DAEMON'),
  deploymentController: S.struct({ type: S.oneOf('ECS', 'CODE_DEPLOY', 'EXTERNAL') }, ['type']),
  tags: S.list(S.struct({ key: S.str(), value: S.str() }, ['key'])),
  enableECSManagedTags: S.bool,
  propagateTags: S.oneOf('TASK_DEFINITION', 'SERVICE', 'NONE'),
  enableExecuteCommand: S.bool,
  serviceConnectConfiguration: S.any,
  volumeConfigurations: S.any,
  vpcLatticeConfigurations: S.any,
  availabilityZoneRebalancing: S.oneOf('ENABLED', 'DISABLED'),
});

/** Fields DescribeServices returns that CreateService/UpdateService do not take. */
export const SERVICE_DEFINITION_READ_ONLY = [
  'serviceArn',
  'clusterArn',
  'status',
  'runningCount',
  'pendingCount',
  'deployments',
  'events',
  'createdAt',
  'createdBy',
  'taskSets',
  'roleArn',
  'platformFamily',
  'currentServiceDeployment',
  'currentServiceRevisions',
  'taskDefinition',
  'cluster',
  'resourceManagementType',
] as const;
